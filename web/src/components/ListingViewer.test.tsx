import { QueryClientProvider } from "@tanstack/react-query";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { vi } from "vitest";

import { Api, type ImageItem, NO_FILTERS, type Page } from "../api";
import { I18nProvider } from "../i18n";
import { keys, newQueryClient } from "../queries";
import { fakeFetch, image } from "../test/fakeApi";
import { ListingViewer } from "./ListingViewer";
import { ToastProvider } from "./Toast";

/** The viewer opened at `start` from a listing whose cached pages are `pages`, loaded a
 * minute ago (stale: opening the viewer must not load them again). */
function open(pages: Page[], start: ImageItem) {
  const client = newQueryClient();
  client.setQueryData(keys.imageList(NO_FILTERS), { pages, pageParams: pages.map((_, n) => (n ? `c${n + 1}` : null)) },
                      { updatedAt: Date.now() - 60_000 });
  function Viewer() {
    const [shown, setShown] = useState(start);
    return (
      <ListingViewer api={new Api("t")} listing={NO_FILTERS} image={shown} onShow={setShown} folders={[]}
                     onChange={vi.fn()} onDeleted={vi.fn()} onClose={vi.fn()} />
    );
  }
  render(
    <I18nProvider initial="en">
      <QueryClientProvider client={client}><ToastProvider><Viewer /></ToastProvider></QueryClientProvider>
    </I18nProvider>,
  );
  return client;
}

const previews = (n: number) => ({ preview_url: `https://cdn/${n}_preview.avif`,
                                   preview_fallback_url: `https://cdn/${n}_preview.webp` });

afterEach(() => {
  vi.unstubAllGlobals();
  delete (navigator as { connection?: unknown }).connection;
});

test("→ at the last loaded image fetches the next page by its cursor, is busy meanwhile, then shows its first image", async () => {
  const calls = fakeFetch({
    "GET /api/v1/files/images": (url) => url.searchParams.get("cursor") === "c2"
      ? [200, { images: [image(3), image(4)], total: 4, next_cursor: null }]
      : [500, { error: { code: "unexpected", message: "the first page is cached" } }],
  });
  // the page's answer waits until the busy → has been seen
  let answer = () => undefined as void;
  const answered = new Promise<void>((resolve) => { answer = resolve; });
  const inMemory = globalThis.fetch;
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    await answered;
    return inMemory(input, init);
  });
  open([{ items: [image(1), image(2)], total: 4, nextCursor: "c2" }], image(2));
  const next = screen.getByRole("button", { name: "Next image" });
  expect(next).toBeEnabled(); // the listing has more than is loaded
  expect(next).toHaveAttribute("aria-busy", "false");

  fireEvent.keyDown(document.body, { key: "ArrowRight" });
  expect(next).toHaveAttribute("aria-busy", "true");
  expect(screen.getByRole("status")).toHaveTextContent("Loading…");
  expect(screen.getByRole("dialog")).toHaveAccessibleName("image 2");
  answer();
  expect(await screen.findByRole("dialog", { name: "image 3" })).toBeInTheDocument();
  expect(next).toHaveAttribute("aria-busy", "false");
  expect(calls.map((c) => c.url.searchParams.get("cursor"))).toEqual(["c2"]); // page 2 only, once

  fireEvent.keyDown(document.body, { key: "ArrowRight" }); // within the page now in the cache
  expect(screen.getByRole("dialog")).toHaveAccessibleName("image 4");
  expect(next).toBeDisabled(); // the listing's end
  fireEvent.keyDown(document.body, { key: "ArrowLeft" });
  fireEvent.keyDown(document.body, { key: "ArrowLeft" });
  fireEvent.keyDown(document.body, { key: "ArrowLeft" });
  expect(screen.getByRole("dialog")).toHaveAccessibleName("image 1");
  expect(screen.getByRole("button", { name: "Previous image" })).toBeDisabled();
  expect(calls).toHaveLength(1);
});

test("at the last image of a listing with no next page, → is disabled and fetches nothing", () => {
  const calls = fakeFetch({});
  open([{ items: [image(1), image(2)], total: 2, nextCursor: null }], image(2));
  expect(screen.getByRole("button", { name: "Next image" })).toBeDisabled();
  fireEvent.keyDown(document.body, { key: "ArrowRight" });
  expect(screen.getByRole("dialog")).toHaveAccessibleName("image 2");
  expect(calls).toHaveLength(0);
});

test("the previous and next images' previews are fetched as the image shows, the same files the viewer shows", () => {
  fakeFetch({});
  const items = [1, 2, 3, 4].map((n) => image(n, previews(n)));
  open([{ items, total: 4, nextCursor: null }], items[1]);
  const preloads = () => [...screen.getByTestId("viewer-preload").querySelectorAll("picture")].map((picture) => [
    picture.querySelector("source")?.getAttribute("srcset"), picture.querySelector("img")?.getAttribute("src")]);
  expect(preloads()).toEqual([
    ["https://cdn/1_preview.avif", "https://cdn/1_preview.webp"],
    ["https://cdn/3_preview.avif", "https://cdn/3_preview.webp"],
  ]);
  // what the viewer shows after → is the same source and fallback
  fireEvent.keyDown(document.body, { key: "ArrowRight" });
  const shown = screen.getByRole("img", { name: "image 3" });
  expect(shown).toHaveAttribute("src", "https://cdn/3_preview.webp");
  expect(shown.parentElement?.querySelector("source")).toHaveAttribute("srcset", "https://cdn/3_preview.avif");
  expect(preloads()).toEqual([
    ["https://cdn/2_preview.avif", "https://cdn/2_preview.webp"],
    ["https://cdn/4_preview.avif", "https://cdn/4_preview.webp"],
  ]);
});

test("a phone's data saver: no previews fetched ahead", () => {
  fakeFetch({});
  Object.defineProperty(navigator, "connection", { configurable: true, value: { saveData: true } });
  const items = [1, 2, 3].map((n) => image(n, previews(n)));
  open([{ items, total: 3, nextCursor: null }], items[1]);
  expect(screen.queryByTestId("viewer-preload")).toBeNull();
  expect(screen.getByRole("img", { name: "image 2" })).toHaveAttribute("src", "https://cdn/2_preview.webp");
});

test("an image that left the listing (moved out of the folder) keeps its place: → goes on to the one after", () => {
  fakeFetch({});
  const client = open([{ items: [image(1), image(2), image(3)], total: 3, nextCursor: null }], image(2));
  // the listing reloaded after the move: image 2 is no longer in it
  act(() => client.setQueryData(keys.imageList(NO_FILTERS),
                                { pages: [{ items: [image(1), image(3)], total: 2, nextCursor: null }], pageParams: [null] }));
  expect(screen.getByRole("dialog")).toHaveAccessibleName("image 2");
  fireEvent.keyDown(document.body, { key: "ArrowRight" });
  expect(screen.getByRole("dialog")).toHaveAccessibleName("image 3");
});
