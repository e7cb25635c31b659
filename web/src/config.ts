// How this deployment signs in and where its API is: /config.json, written by the web stack
// in AWS (Cognito); absent locally, where the gateway's dev-token issuer signs in.

export type AppConfig =
  | { mode: "local"; apiBase: "" }
  | { mode: "cognito"; apiBase: string; authority: string; clientId: string };

declare global {
  // started by index.html while the app's own code downloads (vite.config.ts): one round trip less
  interface Window { configRequest?: Promise<Response> }
}

export async function loadConfig(): Promise<AppConfig> {
  const early = window.configRequest;
  delete window.configRequest; // an answer is read once
  try {
    const answer = await (early ?? fetch("/config.json", { cache: "no-store" }));
    if (answer.ok && answer.headers.get("content-type")?.includes("json")) {
      const data = await answer.json();
      if (data.mode === "cognito" && data.authority && data.clientId) {
        return { mode: "cognito", apiBase: String(data.apiBase ?? "").replace(/\/$/, ""),
                 authority: data.authority, clientId: data.clientId };
      }
    }
  } catch {
    // no config: local mode
  }
  return { mode: "local", apiBase: "" };
}
