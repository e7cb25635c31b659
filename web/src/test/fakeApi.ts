// Unit tests of the screens answer the API calls in memory (the end-to-end tests drive the
// real local stack). A route table: "METHOD path" -> handler(url, body) -> [status, body,
// headers?].
import { vi } from "vitest";

import type { Folder, ImageItem, Workspace } from "../api";

export type Handler = (url: URL, body: unknown) =>
  [number, unknown] | [number, unknown, Record<string, string>];

export interface Call { method: string; url: URL; body: unknown; headers: Headers }

export function fakeFetch(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  // openapi-fetch (the API client) hands over a Request; other callers a URL and its init
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
    const url = new URL(request.url);
    const text = await request.text();
    const body = text ? JSON.parse(text) : undefined;
    calls.push({ method: request.method, url, body, headers: request.headers });
    const handler = routes[`${request.method} ${url.pathname}`];
    const [status, data, headers] = handler ? handler(url, body) : [404, { error: { code: "not_found", message: "no route" } }];
    // a text answer (A1111's generation data) is sent as it is
    const plain = headers?.["Content-Type"]?.startsWith("text/") && typeof data === "string";
    return new Response(plain ? data as string : JSON.stringify(data),
                        { status, headers: { "Content-Type": "application/json", ...headers } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

/** An image as the API answers it (every field the generated type requires). */
export function image(n: number, extra: Partial<ImageItem> = {}): ImageItem {
  return {
    image_id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    prompt: `image ${n}`, negative_prompt: null, model: "sdxl", width: 768, height: 512,
    seed: n, params: {}, image_url: `https://cdn/${n}.png`,
    thumbnail_256_url: `https://cdn/${n}_256.webp`, thumbnail_512_url: `https://cdn/${n}_512.webp`,
    is_favorite: false, is_public: false, public_show_metadata: false, folder_id: null, tags: [],
    view_count: 0, download_count: 0, file_size_bytes: 1000, mime_type: "image/png",
    created_at: "2026-11-26T00:00:00Z", updated_at: "2026-11-26T00:00:00Z", aspect_ratio: 1.5,
    purge_after: null, rating: 0, ...extra,
  };
}

/** A folder at the top level (its total counts its direct images unless given). */
export function folder(change: Pick<Folder, "folder_id" | "name"> & Partial<Folder>): Folder {
  return {
    parent_id: null, description: null, color: null, icon: null, sort_order: 0, image_count: 0,
    path: [{ folder_id: change.folder_id, name: change.name }],
    created_at: "2026-11-26T00:00:00Z", updated_at: "2026-11-26T00:00:00Z",
    total_image_count: change.image_count ?? 0, ...change,
  };
}

/** A subfolder of `parent`, as the API lists it (its parent_id, and its path below the parent's). */
export function subfolder(parent: Folder, change: Pick<Folder, "folder_id" | "name"> & Partial<Folder>): Folder {
  return folder({
    parent_id: parent.folder_id, path: [...parent.path, { folder_id: change.folder_id, name: change.name }], ...change,
  });
}

export function workspace(change: Pick<Workspace, "workspace_id" | "name" | "role"> & Partial<Workspace>): Workspace {
  return {
    owner_id: "00000000-0000-4000-8000-0000000000aa", member_count: 2,
    created_at: "2026-11-26T00:00:00Z", updated_at: "2026-11-26T00:00:00Z", ...change,
  };
}
