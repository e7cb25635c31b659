// The inline script index.html starts with, run as the page runs it, then the app's own
// client: the first listing is asked once, and taken only where the client would ask the same.
import { vi } from "vitest";

import { Api } from "../src/api";
import { loadConfig } from "../src/config";
import { earlyThumbnail } from "../src/firstListing";
import { fakeFetch, image } from "../src/test/fakeApi";
import { filtersFromUrl } from "../src/urlState";
import { earlyScript } from "./earlyRequests";

const COGNITO = { mode: "cognito", apiBase: "https://api.example.com/", clientId: "c", authority: "https://idp" };
const LISTING = { images: [1, 2, 3, 4, 5, 6].map((n) => image(n)), total: 6, next_cursor: null };

function startPage(session: object | null, path = "/") {
  window.history.replaceState(null, "", path);
  if (session) sessionStorage.setItem("pingvas.session", JSON.stringify(session));
  const calls = fakeFetch({
    "GET /config.json": () => [200, COGNITO],
    "GET /api/v1/files/images": () => [200, LISTING],
  });
  new Function(earlyScript({ en: "/assets/en.js" }))();
  return calls;
}

afterEach(() => {
  delete window.firstListing;
  delete window.configRequest;
  delete window.firstThumbnails;
  window.history.replaceState(null, "", "/");
});

test("signed in on /, the first listing is asked before the app runs, and the app takes it", async () => {
  const calls = startPage({ token: "t1", userId: "u", email: "e" });
  // a tab's first start: where the API is comes with config.json, then the listing is asked
  expect(vi.mocked(fetch).mock.calls.map(([url]) => String(url))).toEqual(["/config.json"]);
  const config = await loadConfig();
  await (await window.firstListing)?.answer;
  expect(calls.map((c) => c.url.href)).toEqual([
    "http://localhost/config.json",
    "https://api.example.com/api/v1/files/images?sort_order=desc&page_size=60",
  ]);
  expect(calls[1].headers.get("Authorization")).toBe("Bearer t1");

  const api = new Api("t1", config.apiBase);
  const page = await api.images(filtersFromUrl(window.location.search), null);
  expect(page.items.map((i) => i.image_id)).toEqual(LISTING.images.map((i) => i.image_id));
  expect(calls).toHaveLength(2); // the app's own request was the early one
  await api.images(filtersFromUrl(""), null); // used once: the next one is asked
  expect(calls).toHaveLength(3);
});

test("another token, a stale answer or another request: the app asks itself", async () => {
  let calls = startPage({ token: "t1" });
  await new Api("t2", (await loadConfig()).apiBase).images(filtersFromUrl(""), null);
  expect(calls).toHaveLength(3);

  calls = startPage({ token: "t1" });
  const config = await loadConfig();
  const api = new Api("t1", config.apiBase);
  await api.images({ ...filtersFromUrl(""), favorite: true }, null);
  expect(calls).toHaveLength(3); // a different listing: the early answer stays for its own
  const now = performance.now();
  vi.spyOn(performance, "now").mockReturnValue(now + 25_000);
  await api.images(filtersFromUrl(""), null);
  vi.restoreAllMocks();
  expect(calls).toHaveLength(4); // 25 s later: asked again
});

test("signed out, or on another view, nothing but config.json is asked early", async () => {
  const calls = startPage(null);
  await window.configRequest;
  expect(calls).toHaveLength(1);
  expect(window.firstListing).toBeUndefined();
  sessionStorage.setItem("pingvas.session", JSON.stringify({ token: "t1" }));
  startPage({ token: "t1" }, "/?tag=cat");
  expect(window.firstListing).toBeUndefined();
  startPage({ token: "t1" }, "/s/abc");
  expect(window.firstListing).toBeUndefined();
});

test("a tab that has started before asks the first listing at once, at the API its last config.json named", async () => {
  startPage(null);
  await window.configRequest;
  await Promise.resolve(); // the script keeps where the API is once config.json has answered
  expect(sessionStorage.getItem("pingvas.apiBase")).toBe("https://api.example.com");

  const calls = startPage({ token: "t1" });
  // asked in the same task as config.json: no round trip waits for it
  expect(vi.mocked(fetch).mock.calls.map(([url]) => String(url))).toEqual([
    "/config.json", "https://api.example.com/api/v1/files/images?sort_order=desc&page_size=60"]);
  await (await window.firstListing)?.answer;
  expect(calls.map((c) => c.url.href).sort()).toEqual([
    "http://localhost/config.json",
    "https://api.example.com/api/v1/files/images?sort_order=desc&page_size=60",
  ]);
  const config = await loadConfig();
  await new Api("t1", config.apiBase).images(filtersFromUrl(""), null);
  expect(calls).toHaveLength(2); // taken: the same request
});

test("config.json that did not come is not kept as the place of the API", async () => {
  vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
  new Function(earlyScript({ en: "/assets/en.js" }))();
  expect(await window.configRequest).toBeUndefined();
  expect(sessionStorage.getItem("pingvas.apiBase")).toBeNull();
  expect((await loadConfig()).mode).toBe("local"); // the app still starts
});

test("the first thumbnails come with the first page, in the larger size, and the grid shows them as they are", async () => {
  const asked: string[] = [];
  vi.spyOn(HTMLImageElement.prototype, "src", "set").mockImplementation((url: string) => void asked.push(url));
  startPage({ token: "t1" });
  await (await window.firstListing)?.answer;
  await vi.waitFor(() => expect(asked).toHaveLength(4));
  expect(asked).toEqual([1, 2, 3, 4].map((n) => `https://cdn/${n}_512.webp`));
  expect(earlyThumbnail(image(1))).toBe("https://cdn/1_512.webp");
  expect(earlyThumbnail(image(5))).toBeUndefined(); // the rest: chosen by the tile's width
  vi.restoreAllMocks();
});

test("in the list view (small squares) no thumbnail is fetched early", async () => {
  sessionStorage.setItem("pingvas.view", "list");
  startPage({ token: "t1" });
  await (await window.firstListing)?.answer;
  await new Promise((done) => setTimeout(done, 0));
  expect(window.firstThumbnails).toBeUndefined();
});

test("where the thumbnails come from is connected to at the tab's next start", async () => {
  startPage({ token: "t1" });
  await (await window.firstListing)?.answer;
  await vi.waitFor(() => expect(sessionStorage.getItem("pingvas.mediaOrigin")).toBe("https://cdn"));
  document.head.querySelectorAll("link[rel=preconnect]").forEach((link) => link.remove());
  startPage({ token: "t1" });
  expect([...document.head.querySelectorAll<HTMLLinkElement>("link[rel=preconnect]")].map((l) => l.href))
    .toEqual(["https://cdn/"]);
});
