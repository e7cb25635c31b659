// Drag and drop or pick many files: each is reserved (quota checked), POSTed straight to S3
// with a progress bar, then followed until ingest says ready or rejected. A few at a time:
// a reservation is made when its file's turn comes (a form lives five minutes, and the
// server holds only so many open reservations), and a 429 is waited out as it asks.
import { UploadIcon, XIcon } from "lucide-react";
import { type DragEvent, useRef, useState } from "react";

import { type Api, ApiError } from "../api";
import { useI18n } from "../i18n";

type State = "queued" | "uploading" | "processing" | "ready" | "rejected" | "duplicate" | "failed";

/** Nothing more will happen to these: the list may let them go. */
const FINISHED: ReadonlySet<State> = new Set<State>(["ready", "rejected", "duplicate", "failed"]);

interface Item {
  id: string;
  name: string;
  progress: number;
  state: State;
  message?: string;
}

/** Files uploading at once: a browser's connections to one host, about. */
export const CONCURRENT_UPLOADS = 6;

export function Uploader({ api, onUploaded, pollMs = 700, secondMs = 1000 }: {
  api: Api; onUploaded: () => void; pollMs?: number; secondMs?: number;
}) {
  const { t, errorMessage } = useI18n();
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const waiting = useRef<{ file: File; id: string }[]>([]);
  const running = useRef(0);
  const update = (id: string, change: Partial<Item>) =>
    setItems((current) => current.map((i) => (i.id === id ? { ...i, ...change } : i)));

  const dismiss = (id: string) => setItems((current) => current.filter((i) => i.id !== id));
  const clearFinished = () => setItems((current) => current.filter((i) => !FINISHED.has(i.state)));

  const upload = async (file: File, id: string) => {
    try {
      update(id, { state: "uploading" });
      // the upload's own code is a chunk of its own, fetched with the first file
      const { uploadFile } = await import("../uploading");
      const outcome = await uploadFile(api, file, {
        pollMs, secondMs,
        onProgress: (progress) => update(id, { progress }),
        onProcessing: () => update(id, { state: "processing", progress: 1 }),
      });
      // a rejection reads "<code>: <detail in English>": show the code's message
      update(id, { state: outcome.state, progress: 1, message: outcome.reason ? errorMessage(outcome.reason) : undefined });
      if (outcome.state === "ready") onUploaded();
    } catch (error) {
      // a reservation refused as invalid is, in practice, a file type we do not take
      const unsupported = error instanceof ApiError && error.code === "validation_error";
      update(id, { state: "failed", message: unsupported ? t("error.unsupported_type") : errorMessage(error) });
    }
  };

  const next = () => {
    while (running.current < CONCURRENT_UPLOADS && waiting.current.length) {
      const { file, id } = waiting.current.shift()!;
      running.current += 1;
      void upload(file, id).finally(() => {
        running.current -= 1;
        next();
      });
    }
  };

  const start = (files: FileList | File[]) => {
    const added = Array.from(files).map((file, n) => ({
      file, item: { id: `${Date.now()}-${n}-${file.name}`, name: file.name, progress: 0, state: "queued" as State },
    }));
    setItems((current) => [...added.map((a) => a.item), ...current]);
    waiting.current.push(...added.map(({ file, item }) => ({ file, id: item.id })));
    next();
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (event.dataTransfer.files.length) start(event.dataTransfer.files);
  };

  const label: Record<State, string> = {
    queued: t("queued"), uploading: t("uploading"), processing: t("processing"), ready: t("ready"),
    rejected: t("rejected"), duplicate: t("duplicate"), failed: t("rejected"),
  };
  return (
    // files only: a tile dragged over it on its way to a folder is not an upload
    <section className={`uploader${over ? " over" : ""}`}
             onDragOver={(e) => { if (e.dataTransfer.types.includes("Files")) { e.preventDefault(); setOver(true); } }}
             onDragLeave={() => setOver(false)} onDrop={drop} aria-label={t("upload")}>
      <button type="button" onClick={() => input.current?.click()}>
        {/* a touch screen drops nothing: it only chooses */}
        <UploadIcon aria-hidden /><span className="if-pointer">{t("dropHere")}</span><span className="if-touch">{t("upload")}</span>
      </button>
      <input ref={input} type="file" multiple hidden accept="image/png,image/jpeg,image/webp,image/avif"
             data-testid="file-input" onChange={(event) => event.target.files && start(event.target.files)} />
      {items.some((item) => FINISHED.has(item.state)) && (
        <button type="button" onClick={clearFinished}>{t("clearFinished")}</button>
      )}
      {/* it scrolls past a few files: a Tab stop, so a keyboard can scroll it too */}
      <ul tabIndex={items.length ? 0 : undefined} aria-label={t("uploadList")}>
        {items.map((item) => (
          <li key={item.id} className={`upload ${item.state}`}>
            <span>{item.name}</span>
            <progress max={1} value={item.progress} aria-label={item.name} />
            <span>{label[item.state]}{item.message ? `: ${item.message}` : ""}</span>
            {FINISHED.has(item.state) && (
              <button type="button" className="dismiss" aria-label={t("dismissUpload", { name: item.name })}
                      onClick={() => dismiss(item.id)}><XIcon aria-hidden /></button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
