// One file's upload: reserved (quota checked), POSTed straight to S3 with progress, then
// followed until ingest says ready or rejected. A chunk of its own (Uploader.tsx imports it
// with the first file): the first screen only shows the drop zone.
import { type Api, ApiError } from "./api";

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POST /uploads, waiting as long as each 429 asks (Retry-After) and asking again. */
async function reserve(api: Api, file: File, secondMs: number) {
  const sha = await sha256Hex(file);
  for (;;) {
    try {
      return await api.createUpload(file, sha);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 429)) throw error;
      await sleep((error.retryAfter ?? 5) * secondMs);
    }
  }
}

export interface UploadOutcome {
  state: "ready" | "rejected" | "duplicate";
  /** a rejection's "<code>: <detail in English>" */
  reason?: string;
}

/** Reserves, sends and follows one file; what fails on the way is thrown. */
export async function uploadFile(api: Api, file: File, { pollMs, secondMs, onProgress, onProcessing }: {
  pollMs: number; secondMs: number; onProgress: (fraction: number) => void; onProcessing: () => void;
}): Promise<UploadOutcome> {
  const ticket = await reserve(api, file, secondMs);
  if ("duplicate_of" in ticket) return { state: "duplicate" };
  await postForm(ticket.upload.url, ticket.upload.fields, file, onProgress);
  onProcessing();
  for (;;) {
    const status = await api.uploadStatus(ticket.image_id);
    if (status.status !== "pending") return { state: status.status, reason: status.reason ?? undefined };
    await sleep(pollMs);
  }
}
