// How this deployment signs in and where its API is: /config.json, written by the web stack
// in AWS (Cognito); absent locally, where the gateway's dev-token issuer signs in.

export type AppConfig =
  | { mode: "local"; apiBase: "" }
  | { mode: "cognito"; apiBase: string; authority: string; clientId: string };

export async function loadConfig(): Promise<AppConfig> {
  try {
    const answer = await fetch("/config.json", { cache: "no-store" });
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
