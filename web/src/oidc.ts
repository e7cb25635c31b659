// Cognito's hosted UI through a standard OIDC client (authorization code + PKCE). The API
// gets the ID token: it names the user (sub) and carries the e-mail address, which
// workspaces use to find members (Cognito's access tokens have no e-mail).
import { UserManager, WebStorageStateStore } from "oidc-client-ts";

import type { Session } from "./auth";

let manager: UserManager | null = null;

export function oidc(authority: string, clientId: string): UserManager {
  manager ??= new UserManager({
    authority,
    client_id: clientId,
    redirect_uri: `${window.location.origin}/auth/callback`,
    post_logout_redirect_uri: window.location.origin,
    response_type: "code",
    scope: "openid email",
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  return manager;
}

export function sessionFromUser(user: { id_token?: string; profile: { sub: string; email?: string } }): Session {
  if (!user.id_token) throw new Error("the sign-in gave no ID token");
  return { token: user.id_token, userId: user.profile.sub, email: user.profile.email ?? "" };
}
