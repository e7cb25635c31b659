// How this deployment signs in and where its API is: /config.json, written by the web stack
// in AWS (Cognito); absent locally, where the gateway's dev-token issuer signs in.

export type AppConfig =
  | { mode: "local"; apiBase: "" }
  | { mode: "cognito"; apiBase: string; authority: string; clientId: string };

declare global {
  // config.json's body (null if none), asked for by index.html while the app's own code
  // downloads (plugins/earlyRequests.ts): one round trip less
  interface Window { configRequest?: Promise<unknown> }
}

export async function loadConfig(): Promise<AppConfig> {
  const early = window.configRequest;
  delete window.configRequest; // used once: a later start asks again
  const data = (await (early ?? configBody())) as Record<string, string> | null;
  if (data?.mode === "cognito" && data.authority && data.clientId) {
    return { mode: "cognito", apiBase: String(data.apiBase ?? "").replace(/\/$/, ""),
             authority: data.authority, clientId: data.clientId };
  }
  return { mode: "local", apiBase: "" };
}

/** config.json's body; null where there is none (the local gateway answers with the app). */
async function configBody(): Promise<unknown> {
  try {
    const answer = await fetch("/config.json", { cache: "no-store" });
    return answer.ok && answer.headers.get("content-type")?.includes("json") ? await answer.json() : null;
  } catch {
    return null;
  }
}
