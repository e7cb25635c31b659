// Drag and drop or pick many files: each is reserved (quota checked), POSTed straight to S3
// with a progress bar, then followed until ingest says ready or rejected.
import { type DragEvent, useRef, useState } from "react";

import { type Api, ApiError } from "../api";
import { type MessageKey, useI18n } from "../i18n";

type State = "uploading" | "processing" | "ready" | "rejected" | "duplicate" | "failed";

interface Item {
  id: string;
  name: string;
  progress: number;
  state: State;
  message?: string;
}

const ERROR_MESSAGES: Record<string, MessageKey> = {
  quota_exceeded: "quotaExceeded",
  file_too_large: "tooLarge",
  validation_error: "unsupported",
};

/** The file's SHA-256 (hex): the server answers "duplicate" for one it already has. */
export async function sha256Hex(file: File): Promise<string | undefined> {
  // only a shortcut: without it the upload goes ahead and ingest still spots nothing wrong
  if (!globalThis.crypto?.subtle || typeof file.arrayBuffer !== "function") return undefined;
  try {
    const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  } catch {
    return undefined;
  }
}

/** The browser's part of a presigned POST, with upload progress (fetch has none). */
export function postForm(url: string, fields: Record<string, string>, file: File,
                         onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append("file", file);
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => (request.status < 300 ? resolve() : reject(new Error(`S3 answered ${request.status}`)));
    request.onerror = () => reject(new Error("the upload failed"));
    request.send(form);
  });
}

export function Uploader({ api, onUploaded, pollMs = 700 }: {
  api: Api; onUploaded: () => void; pollMs?: number;
}) {
  const { t } = useI18n();
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const update = (id: string, change: Partial<Item>) =>
    setItems((current) => current.map((i) => (i.id === id ? { ...i, ...change } : i)));

  const upload = async (file: File, id: string) => {
    try {
      const ticket = await api.createUpload(file, await sha256Hex(file));
      if ("duplicate_of" in ticket) return update(id, { state: "duplicate", progress: 1 });
      await postForm(ticket.upload.url, ticket.upload.fields, file, (p) => update(id, { progress: p }));
      update(id, { state: "processing", progress: 1 });
      for (;;) {
        const status = await api.uploadStatus(ticket.image_id);
        if (status.status !== "pending") {
          update(id, { state: status.status, message: status.reason ?? undefined });
          if (status.status === "ready") onUploaded();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    } catch (error) {
      const key = error instanceof ApiError ? ERROR_MESSAGES[error.code] : undefined;
      update(id, { state: "failed", message: key ? t(key) : String((error as Error).message) });
    }
  };

  const start = (files: FileList | File[]) => {
    const added = Array.from(files).map((file, n) => ({
      file, item: { id: `${Date.now()}-${n}-${file.name}`, name: file.name, progress: 0, state: "uploading" as State },
    }));
    setItems((current) => [...added.map((a) => a.item), ...current]);
    for (const { file, item } of added) void upload(file, item.id);
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (event.dataTransfer.files.length) start(event.dataTransfer.files);
  };

  const label: Record<State, string> = {
    uploading: t("uploading"), processing: t("processing"), ready: t("ready"),
    rejected: t("rejected"), duplicate: t("duplicate"), failed: t("rejected"),
  };
  return (
    <section className={`uploader${over ? " over" : ""}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }}
             onDragLeave={() => setOver(false)} onDrop={drop} aria-label={t("upload")}>
      <button type="button" onClick={() => input.current?.click()}>{t("dropHere")}</button>
      <input ref={input} type="file" multiple hidden accept="image/png,image/jpeg,image/webp,image/avif"
             data-testid="file-input" onChange={(event) => event.target.files && start(event.target.files)} />
      <ul>
        {items.map((item) => (
          <li key={item.id} className={`upload ${item.state}`}>
            <span>{item.name}</span>
            <progress max={1} value={item.progress} aria-label={item.name} />
            <span>{label[item.state]}{item.message ? `: ${item.message}` : ""}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
