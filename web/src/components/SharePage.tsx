// What a recipient sees at /s/{token}, signed out: the shared image(s), a password prompt
// when the link has one, and the same answer for every link that cannot be opened.
import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useMemo, useState } from "react";
import { ChevronLeft, ChevronRight, ArchiveIcon } from "lucide-react";
import FocusLock from "react-focus-lock";

import { ApiError, type SharedImage, type SharedPage as Page } from "../api";
import { useI18n } from "../i18n";
import { lazyComponent } from "../lazy";
import { ShareVisitor } from "../shareVisitor";
import { GenerationData } from "./GenerationData";

// a folder link's "Download all as ZIP": fetched when asked for
const ZipExport = lazyComponent(() => import("./ZipExport").then((m) => m.ZipExport));

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
  const [shown, setShown] = useState<number | null>(null); // the folder's image in the lightbox
  const [zipping, setZipping] = useState(false);
  const visitor = useMemo(() => new ShareVisitor(token, apiBase), [token, apiBase]);
  const wait = useSecondsLeft(state.kind === "password" ? state.waitUntil : undefined);

  const open = useCallback(async (grant: string | null) => {
    try {
      const page = await visitor.open(grant);
      // a page opened with a grant (after the password) gives none: keep the one it took
      setState({ kind: "open", page: { ...page, access_grant: page.access_grant ?? grant } });
    } catch (error) {
      if (error instanceof ApiError && error.code === "password_required") setState({ kind: "password" });
      else setState({ kind: "gone" });
    }
  }, [visitor]);

  useEffect(() => {
    void open(null);
  }, [open]);

  // a folder's next images, with the grant the first page gave (no view counted again)
  const more = async () => {
    if (state.kind !== "open") return;
    const { page } = state;
    try {
      const next = await visitor.open(page.access_grant, page.next_cursor);
      setState({ kind: "open", page: { ...next, access_grant: page.access_grant,
                                       images: [...page.images, ...next.images] } });
    } catch {
      setState({ kind: "gone" });
    }
  };

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
      {state.kind === "open" && state.page.kind === "image" && (
        <ul className="shared-images single">
          {state.page.images.map((image) => (
            <li key={image.image_id}>
              <a href={`${apiBase}${image.view_url}`} target="_blank" rel="noreferrer" aria-label={t("openImage")}>
                {/* one image: its preview rendition, the full file a click away */}
                <picture>
                  {image.preview_url && <source srcSet={image.preview_url} type="image/avif" />}
                  <img className="shared-preview" alt={image.metadata?.prompt ?? ""}
                       src={image.preview_fallback_url ?? image.thumbnail_512_url ?? ""} />
                </picture>
              </a>
              {image.metadata && <GenerationData data={image.metadata} />}
              {image.download_url && <a href={`${apiBase}${image.download_url}`}>{t("download")}</a>}
            </li>
          ))}
        </ul>
      )}
      {/* a smart folder's link shows what its search finds, as a folder's shows its images */}
      {state.kind === "open" && (state.page.kind === "folder" || state.page.kind === "smart_folder") && (
        <>
          {state.page.folder_name && <h2>{state.page.folder_name}</h2>}
          {state.page.permission === "download" && state.page.total > 0 && (
            <button type="button" aria-haspopup="dialog" onClick={() => setZipping(true)}>
              <ArchiveIcon aria-hidden />{t("downloadAllZip")}
            </button>
          )}
          {zipping && (
            <ZipExport exporter={visitor.archive(state.page.access_grant)}
                       what={state.page.folder_name ?? t("sharedWithYou")} onClose={() => setZipping(false)} />
          )}
          <ul className="shared-images">
            {state.page.images.map((image, index) => (
              <li key={image.image_id}>
                {/* the lightbox, in the page: never the raw file in place of the page */}
                <button type="button" className="shared-thumb" onClick={() => setShown(index)}
                        aria-label={t("openImageOf", { n: index + 1, total: state.page.total })}>
                  <img src={image.thumbnail_512_url ?? ""} alt={image.metadata?.prompt ?? ""} />
                </button>
              </li>
            ))}
          </ul>
          {state.page.has_more && <button type="button" onClick={() => void more()}>{t("moreImages")}</button>}
          {shown !== null && state.page.images[shown] && (
            <Lightbox image={state.page.images[shown]} apiBase={apiBase}
                      position={{ n: shown + 1, total: state.page.total }}
                      onPrevious={shown > 0 ? () => setShown(shown - 1) : undefined}
                      onNext={shown < state.page.images.length - 1 ? () => setShown(shown + 1) : undefined}
                      onClose={() => setShown(null)} />
          )}
        </>
      )}
    </main>
  );
}

/** One image of a shared folder over the page: the full image through the link's view
 * route, ←/→ between images, Esc or the close button back to the grid (the focus is held
 * inside and returns to the thumbnail), the download when the link allows it, the prompt
 * and settings when the owner shows them. */
function Lightbox({ image, apiBase, position, onPrevious, onNext, onClose }: {
  image: SharedImage; apiBase: string; position: { n: number; total: number };
  onPrevious?: () => void; onNext?: () => void; onClose: () => void;
}) {
  const { t } = useI18n();
  const keys = (event: KeyboardEvent) => {
    const action = { Escape: onClose, ArrowLeft: onPrevious, ArrowRight: onNext }[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };
  return (
    <FocusLock returnFocus>
      <div className="overlay lightbox" role="dialog" aria-modal="true" onKeyDown={keys}
           aria-label={t("imageOf", { n: position.n, total: position.total })}>
        <div className="lightbox-bar">
          <span>{t("imageOf", { n: position.n, total: position.total })}</span>
          {image.download_url && <a className="button" href={`${apiBase}${image.download_url}`}>{t("download")}</a>}
          <button type="button" onClick={onClose} data-autofocus>{t("close")}</button>
        </div>
        <div className="lightbox-stage">
          <button type="button" className="step" onClick={onPrevious} disabled={!onPrevious}
                  aria-label={t("previousImage")}><ChevronLeft aria-hidden /></button>
          <img key={image.image_id} src={`${apiBase}${image.view_url}`} alt={image.metadata?.prompt ?? ""}
               width={image.width ?? undefined} height={image.height ?? undefined} />
          <button type="button" className="step" onClick={onNext} disabled={!onNext}
                  aria-label={t("nextImage")}><ChevronRight aria-hidden /></button>
        </div>
        {image.metadata && <div className="lightbox-data"><GenerationData data={image.metadata} /></div>}
      </div>
    </FocusLock>
  );
}
