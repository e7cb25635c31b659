// What a recipient sees at /s/{token}, signed out: the shared image(s), a password prompt
// when the link has one, and the same answer for every link that cannot be opened.
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";

import { ApiError, type SharedPage as Page, ShareVisitor } from "../api";
import { useI18n } from "../i18n";
import { GenerationData } from "./GenerationData";

type State =
  | { kind: "loading" }
  | { kind: "password"; error?: string; waitUntil?: number } // waitUntil: epoch ms (a 429)
  | { kind: "gone" }
  | { kind: "open"; page: Page };

/** Whole seconds left until ``until`` (epoch ms), ticking once a second; 0 when there. */
function useSecondsLeft(until: number | undefined): number {
  const [, rerender] = useState(0);
  useEffect(() => {
    if (!until) return;
    const timer = setInterval(() => rerender((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return until ? Math.max(0, Math.ceil((until - Date.now()) / 1000)) : 0;
}

export function SharePage({ token, apiBase = "" }: { token: string; apiBase?: string }) {
  const { t, errorMessage } = useI18n();
  const [state, setState] = useState<State>({ kind: "loading" });
  const [password, setPassword] = useState("");
  const visitor = useMemo(() => new ShareVisitor(token, apiBase), [token, apiBase]);
  const wait = useSecondsLeft(state.kind === "password" ? state.waitUntil : undefined);

  const open = useCallback(async (grant: string | null) => {
    try {
      setState({ kind: "open", page: await visitor.open(grant) });
    } catch (error) {
      if (error instanceof ApiError && error.code === "password_required") setState({ kind: "password" });
      else setState({ kind: "gone" });
    }
  }, [visitor]);

  useEffect(() => {
    void open(null);
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const access = await visitor.access(password);
      await open(access.access_grant);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "";
      if (code === "too_many_requests" && error instanceof ApiError && error.retryAfter) {
        setState({ kind: "password", waitUntil: Date.now() + error.retryAfter * 1000 });
      } else if (code === "too_many_requests" || code === "invalid_password") {
        setState({ kind: "password", error: errorMessage(error) });
      } else setState({ kind: "gone" });
    }
  };

  return (
    <main className="share-page">
      <h1>{t("sharedWithYou")}</h1>
      {state.kind === "loading" && <p>{t("loading")}</p>}
      {state.kind === "gone" && <p role="alert">{t("linkGone")}</p>}
      {state.kind === "password" && (
        <form onSubmit={submit}>
          <p>{t("passwordRequired")}</p>
          <input type="password" value={password} aria-label={t("password")} autoComplete="off"
                 onChange={(e) => setPassword(e.target.value)} />
          <button type="submit" disabled={wait > 0}>{t("open")}</button>
          {state.error && <p role="alert" className="error">{state.error}</p>}
          {wait > 0 && <p role="status" className="error">{t("passwordWait", { seconds: wait })}</p>}
        </form>
      )}
      {state.kind === "open" && (
        <>
          {state.page.folder_name && <h2>{state.page.folder_name}</h2>}
          <ul className={state.page.kind === "image" ? "shared-images single" : "shared-images"}>
            {state.page.images.map((image) => (
              <li key={image.image_id}>
                <a href={`${apiBase}${image.view_url}`} target="_blank" rel="noreferrer" aria-label={t("openImage")}>
                  {state.page.kind === "image" ? (
                    // one image: its preview rendition, the full file a click away
                    <picture>
                      {image.preview_url && <source srcSet={image.preview_url} type="image/avif" />}
                      <img className="shared-preview" alt={image.metadata?.prompt ?? ""}
                           src={image.preview_fallback_url ?? image.thumbnail_512_url ?? ""} />
                    </picture>
                  ) : (
                    <img src={image.thumbnail_512_url ?? ""} alt={image.metadata?.prompt ?? ""} />
                  )}
                </a>
                {image.metadata && <GenerationData data={image.metadata} />}
                {image.download_url && <a href={`${apiBase}${image.download_url}`}>{t("download")}</a>}
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
