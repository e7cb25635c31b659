import { FileDownIcon } from "lucide-react";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import FocusLock from "react-focus-lock";

import { type Api, answer, ApiError } from "../api";
import type { components } from "../api/schema";
import { useI18n } from "../i18n";

export type ExportStatus = components["schemas"]["ExportOut"];
type ExportCreated = components["schemas"]["ExportCreated"];
/** What a ZIP of mine is made of: some of my images, a folder (its subfolders or not), a
 * smart folder (what its search finds now). */
export type ExportSource =
  | { image_ids: string[] }
  | { folder_id: string; include_subfolders: boolean }
  | { smart_folder_id: string };

/** A ZIP: how it is started and how it is going (mine, or a link visitor's: shareVisitor.ts). */
export interface Exporter {
  start: (includeMetadata: boolean) => Promise<ExportCreated>;
  status: (exportId: string) => Promise<ExportStatus>;
}

/** A ZIP of my images: the API's calls (these screens' only, so here). */
export function myExport(api: Api, source: ExportSource): Exporter {
  return {
    start: (includeMetadata) => answer(api.client.POST("/api/v1/files/exports", {
      body: { include_subfolders: true, ...source, include_metadata: includeMetadata },
    })),
    status: (exportId) => answer(api.client.GET("/api/v1/files/exports/{export_id}", {
      params: { path: { export_id: exportId } },
    })),
  };
}

/** How often a ZIP being made is asked about. */
export const POLL_MS = 1000;

type State =
  | { step: "ask" }
  | { step: "starting" }
  | { step: "working"; exportId: string; status?: ExportStatus }
  | { step: "ready"; status: ExportStatus }
  | { step: "failed"; message: string };

/** The server's words for a ZIP that could not be started or made, in the UI language. */
function useFailure() {
  const { t, errorMessage } = useI18n();
  return (error: unknown) => {
    if (error instanceof ApiError && error.status === 429) return t("exportsBusy");
    return errorMessage(error);
  };
}

/** Starts the download of a ready ZIP: a click on an <a download> (the URL's own
 * Content-Disposition names the file). */
function download(url: string, filename: string) {
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
}

/** "Download as ZIP": whether the prompts and settings go in too (metadata.json and .csv),
 * then the ZIP being made (a progress bar, asked about each second), its download started
 * once it is ready, and "Download again" until the link expires. A modal dialog; `what`
 * says what is zipped: `source` of mine (through `api`), or `exporter`'s (a link visitor's,
 * whose metadata is the link's to show: no choice then). */
export function ZipExport({ api, source, exporter, what, onClose }: {
  what: string; onClose: () => void;
} & ({ api: Api; source: ExportSource; exporter?: undefined } | { exporter: Exporter; api?: undefined; source?: undefined })) {
  const withMetadata = !exporter;
  const { t, formatBytes, formatNumber } = useI18n();
  const failure = useFailure();
  const [metadata, setMetadata] = useState(false);
  const [state, setState] = useState<State>({ step: "ask" });
  const [now, setNow] = useState(() => Date.now());
  const started = useRef<string | null>(null); // the ZIP whose download began by itself
  // the one the dialog opened with (the props are new objects each render)
  const calls = useRef(exporter ?? myExport(api as Api, source as ExportSource));

  const exportId = state.step === "working" ? state.exportId : null;
  useEffect(() => {
    if (!exportId) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const status = await calls.current.status(exportId);
        if (!live) return;
        if (status.status === "ready" && status.url) {
          setState({ step: "ready", status });
          if (started.current !== exportId) {
            started.current = exportId;
            download(status.url, status.filename);
          }
          return;
        }
        if (status.status === "failed" || status.status === "expired") {
          setState({ step: "failed", message: status.status === "expired" ? t("exportExpired") : t("exportFailed") });
          return;
        }
        setState({ step: "working", exportId, status });
        timer = setTimeout(() => void ask(), POLL_MS);
      } catch (error) {
        if (live) setState({ step: "failed", message: failure(error) });
      }
    };
    void ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // once per ZIP: the messages' language may change meanwhile
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [exportId]);

  // "Download again" goes when the link expires
  const expiresAt = state.step === "ready" ? Date.parse(state.status.expires_at) : NaN;
  useEffect(() => {
    if (!Number.isFinite(expiresAt)) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [expiresAt]);

  const start = async () => {
    setState({ step: "starting" });
    try {
      const created = await calls.current.start(metadata);
      setState({ step: "working", exportId: created.export_id });
    } catch (error) {
      setState({ step: "failed", message: failure(error) });
    }
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
    }
  };
  const status = state.step === "working" ? state.status : undefined;
  const progress = Math.round((status?.progress ?? 0) * 100);
  const title = t("downloadZipOf", { what });
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={title}
         onClick={(event) => event.stopPropagation()} onKeyDown={closeOnEscape}>
      <FocusLock returnFocus>
        <div className="viewer zip-export">
          <h2>{title}</h2>
          {(state.step === "ask" || state.step === "starting") && withMetadata && (
            <label className="check">
              <input type="checkbox" checked={metadata} onChange={(e) => setMetadata(e.target.checked)} />
              {t("zipWithMetadata")}
            </label>
          )}
          {(state.step === "working" || state.step === "starting") && (
            <div className="zip-progress">
              <progress max={100} value={progress} aria-label={t("zipProgress")} aria-valuenow={progress}
                        aria-valuemin={0} aria-valuemax={100} />
              <p>{status?.image_count != null
                ? t("zipDoneOf", { done: formatNumber(status.done_count), total: formatNumber(status.image_count) })
                : t("zipQueued")}</p>
            </div>
          )}
          {/* said once when it changes: ready, or why not */}
          <div aria-live="polite" role="status">
            {state.step === "ready" && (
              <p>{t("zipReady", { name: state.status.filename, size: formatBytes(state.status.size_bytes ?? 0) })}</p>
            )}
          </div>
          {state.step === "failed" && <p role="alert" className="error">{state.message}</p>}
          <div className="actions">
            {(state.step === "ask" || state.step === "starting") && (
              <button type="button" onClick={() => void start()} disabled={state.step === "starting"}>
                <FileDownIcon aria-hidden />{t("makeZip")}
              </button>
            )}
            {state.step === "ready" && state.status.url && now < expiresAt && (
              <a className="button" href={state.status.url} download={state.status.filename}>
                <FileDownIcon aria-hidden />{t("downloadAgain")}
              </a>
            )}
            {state.step === "failed" && (
              <button type="button" onClick={() => setState({ step: "ask" })}>{t("retry")}</button>
            )}
            <button type="button" onClick={onClose} data-autofocus={state.step !== "ask" || undefined}>
              {t("close")}
            </button>
          </div>
        </div>
      </FocusLock>
    </div>
  );
}
