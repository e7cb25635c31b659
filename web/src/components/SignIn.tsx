import { type FormEvent, type ReactNode, useState } from "react";

import { devSignIn, type Session } from "../auth";
import type { AppConfig } from "../config";
import { useI18n } from "../i18n";

/** Local mode: a token from the gateway's issuer for any e-mail and plan. In AWS: Cognito's
 * hosted UI (the browser comes back to /auth/callback). */
export function SignIn({ config = { mode: "local", apiBase: "" }, notice, onSignedIn }: {
  config?: AppConfig; onSignedIn: (session: Session) => void;
  /** Why the sign-in screen is back (the session ended), if it is. */
  notice?: string;
}) {
  const { t } = useI18n();
  const why = notice && <p role="alert" className="notice">{notice}</p>;
  if (config.mode === "cognito") {
    const go = async () => {
      const { oidc } = await import("../oidc");
      await oidc(config.authority, config.clientId).signinRedirect();
    };
    return (
      <main className="sign-in">
        <h1>{t("appName")}</h1>
        {why}
        <button type="button" onClick={go}>{t("signIn")}</button>
      </main>
    );
  }
  return <LocalSignIn onSignedIn={onSignedIn} notice={why} />;
}

function LocalSignIn({ onSignedIn, notice }: { onSignedIn: (session: Session) => void; notice: ReactNode }) {
  const { t, errorMessage } = useI18n();
  const [email, setEmail] = useState("demo@pingvas.local");
  const [plan, setPlan] = useState("pro");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSignedIn(await devSignIn(email.trim(), plan));
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  return (
    <main><form className="sign-in" onSubmit={submit}>
      <h1>{t("appName")}</h1>
      {notice}
      <p>{t("signInLocal")}</p>
      <label>{t("email")}<input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
      <label>{t("plan")}
        <select value={plan} onChange={(e) => setPlan(e.target.value)}>
          {["free", "pro", "team", "enterprise"].map((p) => <option key={p}>{p}</option>)}
        </select>
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit">{t("signIn")}</button>
    </form></main>
  );
}
