import { type FormEvent, useState } from "react";

import { devSignIn, type Session } from "../auth";
import { useI18n } from "../i18n";

/** Local mode: a token from the gateway's issuer for any e-mail and plan. (In AWS the
 * Cognito hosted UI signs in; that client arrives with the deployed dashboard.) */
export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("demo@pingvas.local");
  const [plan, setPlan] = useState("pro");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      onSignedIn(await devSignIn(email.trim(), plan));
    } catch (caught) {
      setError((caught as Error).message);
    }
  };
  return (
    <form className="sign-in" onSubmit={submit}>
      <h1>{t("appName")}</h1>
      <p>{t("signInLocal")}</p>
      <label>{t("email")}<input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} /></label>
      <label>{t("plan")}
        <select value={plan} onChange={(e) => setPlan(e.target.value)}>
          {["free", "pro", "team", "enterprise"].map((p) => <option key={p}>{p}</option>)}
        </select>
      </label>
      {error && <p role="alert" className="error">{error}</p>}
      <button type="submit">{t("signIn")}</button>
    </form>
  );
}
