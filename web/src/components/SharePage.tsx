// What a recipient sees at /s/{token}, signed out: the shared image(s), a password prompt
// when the link has one, and the same answer for every link that cannot be opened.
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";

import { ApiError, type SharedPage as Page, ShareVisitor } from "../api";
import { useI18n } from "../i18n";

type State = { kind: "loading" } | { kind: "password"; error?: string } | { kind: "gone" } | { kind: "open"; page: Page };

export function SharePage({ token, apiBase = "" }: { token: string; apiBase?: string }) {
  const { t, errorMessage } = useI18n();
  const [state, setState] = useState<State>({ kind: "loading" });
  const [password, setPassword] = useState("");
  const visitor = useMemo(() => new ShareVisitor(token, apiBase), [token, apiBase]);

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
      if (code === "too_many_requests" || code === "invalid_password") {
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
          <button type="submit">{t("open")}</button>
          {state.error && <p role="alert" className="error">{state.error}</p>}
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
                {image.metadata && <p>{image.metadata.prompt}</p>}
                {image.download_url && <a href={`${apiBase}${image.download_url}`}>{t("download")}</a>}
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
