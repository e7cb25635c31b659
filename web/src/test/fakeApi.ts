// Unit tests of the screens answer the API calls in memory (the end-to-end tests drive the
// real local stack). A route table: "METHOD path" -> handler(url, body) -> [status, body,
// headers?].
import { vi } from "vitest";

export type Handler = (url: URL, body: unknown) =>
  [number, unknown] | [number, unknown, Record<string, string>];

export function fakeFetch(routes: Record<string, Handler>) {
  const calls: { method: string; url: URL; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: string, init?: RequestInit) => {
    const url = new URL(input, "http://localhost");
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body });
    const handler = routes[`${method} ${url.pathname}`];
    const [status, data, headers] = handler ? handler(url, body) : [404, { error: { code: "not_found", message: "no route" } }];
    return new Response(JSON.stringify(data), { status, headers: { "Content-Type": "application/json", ...headers } });
  });
  vi.stubGlobal("fetch", fetchMock);
  return calls;
}

export function image(n: number, extra: Record<string, unknown> = {}) {
  return {
    image_id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
    prompt: `image ${n}`, negative_prompt: null, model: "sdxl", width: 768, height: 512,
    seed: n, params: {}, image_url: `https://cdn/${n}.png`,
    thumbnail_256_url: `https://cdn/${n}_256.webp`, thumbnail_512_url: `https://cdn/${n}_512.webp`,
    is_favorite: false, is_public: false, folder_id: null, tags: [], file_size_bytes: 1000,
    mime_type: "image/png", created_at: "2026-11-26T00:00:00Z", ...extra,
  };
}
