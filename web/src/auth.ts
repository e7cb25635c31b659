// Who is signed in: the access token lives in session storage (gone with the tab) and in
// memory; nothing in local storage. Locally a dev token comes from the gateway's issuer.

import { ApiError } from "./api";
import type { AppConfig } from "./config";

const KEY = "pingvas.session";

export interface Session {
  token: string;
  userId: string;
  email: string;
}

export function loadSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** Forget the session here and, in AWS, the OIDC client's stored user. */
export async function signOut(config: AppConfig): Promise<void> {
  saveSession(null);
  if (config.mode === "cognito") {
    const { oidc } = await import("./oidc");
    await oidc(config.authority, config.clientId).removeUser();
  }
}

export async function devSignIn(email: string, plan: string): Promise<Session> {
  const answer = await fetch("/api/v1/dev/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, plan }),
  });
  const data = await answer.json().catch(() => null);
  if (!answer.ok) {
    throw new ApiError(answer.status, data?.error?.code ?? `http_${answer.status}`, data?.error?.message ?? "sign-in failed");
  }
  return { token: data.access_token, userId: data.user_id, email };
}
