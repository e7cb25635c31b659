import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { vi } from "vitest";

import { Api, NO_FILTERS } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch, image } from "../test/fakeApi";
import { Gallery } from "./Gallery";

function pages(total: number, size = 60) {
  return (url: URL): [number, unknown] => {
    const start = Number(url.searchParams.get("cursor") ?? 0);
    const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => image(start + i));
    const next = start + size < total ? String(start + size) : null;
    return [200, { images: items, total, next_cursor: next }];
  };
}

function show(api: Api, filters = NO_FILTERS) {
  return render(
    <I18nProvider initial="en">
      <Gallery api={api} filters={filters} onOpen={() => undefined} initialRect={{ width: 1000, height: 800 }} />
    </I18nProvider>,
  );
}

test("the first page shows, with alt text from prompts and frames of the images' aspect ratio", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(3) });
  show(new Api("t"));
  expect(await screen.findByText("3 images")).toBeInTheDocument();
  expect(screen.getByAltText("image 0")).toHaveAttribute("src", "https://cdn/0_256.webp");
  const frame = screen.getAllByTestId("frame")[0];
  expect(frame.style.aspectRatio).toBe("1.5"); // 768 x 512
  expect(screen.getAllByTestId("placeholder")).toHaveLength(3); // until each thumbnail loads
  fireEvent.load(screen.getByAltText("image 0"));
  expect(screen.getAllByTestId("placeholder")).toHaveLength(2);
});

test("scrolling to the end fetches the next page by its cursor, and no page twice", async () => {
  const calls = fakeFetch({ "GET /api/v1/files/images": pages(150) });
  show(new Api("t"));
  await screen.findByText("150 images");
  // only the rows on screen (and a few more) are in the DOM
  expect(screen.getAllByRole("listitem").length).toBeLessThan(60);
  const scroller = screen.getByTestId("gallery-scroller");
  for (let round = 0; round < 12; round += 1) {
    scroller.scrollTop = 100_000;
    fireEvent.scroll(scroller);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await waitFor(() => expect(calls.length).toBe(3));
  expect(calls.map((c) => c.url.searchParams.get("cursor"))).toEqual([null, "60", "120"]);
});

test("a favourite toggles at once and is undone if the server refuses", async () => {
  let refuse = false;
  fakeFetch({
    "GET /api/v1/files/images": pages(1),
    "PATCH /api/v1/files/images/00000000-0000-4000-8000-000000000000": (_url, body) =>
      refuse ? [500, { error: { code: "internal_error", message: "no" } }] : [200, { ...image(0), ...(body as object) }],
  });
  show(new Api("t"));
  const star = await screen.findByRole("button", { name: "Favourite" });
  fireEvent.click(star);
  expect(await screen.findByRole("button", { name: "Remove from favourites" })).toHaveAttribute("aria-pressed", "true");
  refuse = true;
  fireEvent.click(screen.getByRole("button", { name: "Remove from favourites" }));
  expect(await screen.findByRole("button", { name: "Remove from favourites" })).toBeInTheDocument();
});

test("a search shows its highlighted fragments and says when nothing matches", async () => {
  fakeFetch({
    "GET /api/v1/search/images": (url) =>
      url.searchParams.get("q") === "없음"
        ? [200, { results: [], total: 0, next_cursor: null }]
        : [200, { results: [image(1, { highlights: ["우주복을 입은 <em>고양이</em>"] })], total: 1, next_cursor: null }],
  });
  const { unmount } = show(new Api("t"), { ...NO_FILTERS, q: "고양이" });
  expect(await screen.findByText("고양이", { selector: "em" })).toBeInTheDocument();
  unmount();
  show(new Api("t"), { ...NO_FILTERS, q: "없음" });
  expect(await screen.findByText("Nothing matches.")).toBeInTheDocument();
});

test("arrow keys move between images by cell and by row", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(12) });
  show(new Api("t"));
  await screen.findByText("12 images");
  const first = screen.getByRole("button", { name: "image 0" });
  first.focus();
  fireEvent.keyDown(first, { key: "ArrowRight" });
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "image 1" })));
  fireEvent.keyDown(document.activeElement as Element, { key: "ArrowDown" }); // 4 columns at 1000 px
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "image 5" })));
});

test("a list view shows one image per row with its prompt, model and size, and is remembered", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(3) });
  show(new Api("t"));
  await screen.findByText("3 images");
  fireEvent.click(screen.getByRole("button", { name: /List/ }));
  expect(await screen.findAllByText("sdxl · 768 × 512", { exact: false })).toHaveLength(3);
  expect(screen.getAllByRole("listitem")).toHaveLength(3);
  expect(screen.getAllByRole("listitem")[0]).toHaveClass("list");
  expect(sessionStorage.getItem("pingvas.view")).toBe("list");
});

test("a thumbnail still loading shows its ThumbHash placeholder", async () => {
  // a real ThumbHash (of a 2:1 red image), as ingest stores it
  const hash = "VzoDBIDvzZrv3qvdvLskM/D+3g==";
  fakeFetch({ "GET /api/v1/files/images": () => [200, { images: [image(1, { placeholder: hash })], total: 1, next_cursor: null }] });
  show(new Api("t"));
  const placeholder = await screen.findByTestId("placeholder");
  expect(placeholder.style.backgroundImage).toMatch(/^url\("?data:image\/png;base64,/);
});

test("while the first page loads the grid shows skeleton tiles, is busy, and says Loading to screen readers", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(3) });
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const answer = globalThis.fetch;
  vi.stubGlobal("fetch", async (...args: Parameters<typeof fetch>) => { await held; return answer(...args); });
  show(new Api("t"));
  const grid = screen.getByRole("list");
  expect(grid).toHaveAttribute("aria-busy", "true");
  const tiles = screen.getAllByTestId("skeleton-tile");
  expect(tiles.length).toBe(8); // two rows of four at 1000 px
  expect(tiles[0].parentElement).toHaveAttribute("aria-hidden", "true");
  expect(within(screen.getByRole("status")).getByText("Loading…")).toHaveClass("visually-hidden");

  release();
  expect(await screen.findByText("3 images")).toBeInTheDocument();
  expect(screen.queryAllByTestId("skeleton-tile")).toHaveLength(0);
  expect(screen.getByRole("list")).toHaveAttribute("aria-busy", "false");
});

test("a failed load says what went wrong in the UI language and Retry fetches it again", async () => {
  let failures = 1;
  const calls = fakeFetch({
    "GET /api/v1/files/images": (url) =>
      failures-- > 0 ? [500, { message: "Internal server error" }] : pages(2)(url),
  });
  show(new Api("t"));
  expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong: please try again");
  expect(screen.queryByText("Internal server error")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  expect(await screen.findByText("2 images")).toBeInTheDocument();
  expect(screen.queryByRole("alert")).toBeNull();
  expect(calls).toHaveLength(2);
});

test("a next page that fails is asked for again, by its cursor, on Retry", async () => {
  let failNext = true;
  const calls = fakeFetch({
    "GET /api/v1/files/images": (url) => {
      if (url.searchParams.get("cursor") === "60" && failNext) {
        failNext = false;
        return [503, { error: { code: "search_unavailable", message: "OpenSearch is down" } }];
      }
      return pages(70)(url);
    },
  });
  show(new Api("t"));
  await screen.findByText("70 images");
  const scroller = screen.getByTestId("gallery-scroller");
  scroller.scrollTop = 100_000;
  fireEvent.scroll(scroller);
  expect(await screen.findByRole("alert")).toHaveTextContent("Search is unavailable for a moment: try again shortly");
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  await waitFor(() => expect(calls.map((c) => c.url.searchParams.get("cursor"))).toEqual([null, "60", "60"]));
  await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
});

test("in a workspace a member's star is their own, sent to the workspace", async () => {
  const calls = fakeFetch({
    "GET /api/v1/workspaces/w-1/images": pages(1),
    "PATCH /api/v1/workspaces/w-1/images/00000000-0000-4000-8000-000000000000": (_url, body) =>
      [200, { ...image(0), ...(body as object) }],
  });
  show(new Api("t"), { ...NO_FILTERS, workspace: "w-1" });
  fireEvent.click(await screen.findByRole("button", { name: "Favourite" }));
  expect(await screen.findByRole("button", { name: "Remove from favourites" })).toHaveAttribute("aria-pressed", "true");
  await waitFor(() => expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ is_favorite: true }));
  expect(calls.some((c) => c.url.pathname.startsWith("/api/v1/files/images/"))).toBe(false);
});

test("tiles have checkboxes only where something acts on a selection", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(2) });
  const { unmount } = show(new Api("t")); // no onToggleSelect: a workspace, say
  await screen.findByText("2 images");
  expect(screen.queryByRole("checkbox")).toBeNull();
  unmount();
  const toggled: string[] = [];
  render(
    <I18nProvider initial="en">
      <Gallery api={new Api("t")} filters={NO_FILTERS} onOpen={() => undefined} selected={new Set()}
               onToggleSelect={(id) => toggled.push(id)} initialRect={{ width: 1000, height: 800 }} />
    </I18nProvider>,
  );
  fireEvent.click((await screen.findAllByRole("checkbox", { name: /^Select/ }))[0]);
  expect(toggled).toEqual([image(0).image_id]);
});
