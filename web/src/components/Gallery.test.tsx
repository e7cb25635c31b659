import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { type ReactNode, useState } from "react";
import { vi } from "vitest";

import { Api, type Filters, type ImageItem, NO_FILTERS } from "../api";
import { I18nProvider, type Language } from "../i18n";
import { fakeFetch, image } from "../test/fakeApi";
import { firePointer } from "../test/pointer";
import { QueryWrapper } from "../test/query";
import { Gallery } from "./Gallery";
import { ToastProvider } from "./Toast";

function pages(total: number, size = 60) {
  return (url: URL): [number, unknown] => {
    const start = Number(url.searchParams.get("cursor") ?? 0);
    const items = Array.from({ length: Math.min(size, total - start) }, (_, i) => image(start + i));
    const next = start + size < total ? String(start + size) : null;
    return [200, { images: items, total, next_cursor: next }];
  };
}

function Providers({ children, language = "en" }: { children: ReactNode; language?: Language }) {
  return (
    <I18nProvider initial={language}>
      <QueryWrapper><ToastProvider>{children}</ToastProvider></QueryWrapper>
    </I18nProvider>
  );
}

const RECT = { width: 1000, height: 800 };

function show(api: Api, filters = NO_FILTERS) {
  return render(
    <Gallery api={api} filters={filters} onOpen={() => undefined} initialRect={RECT} />,
    { wrapper: Providers },
  );
}

/** The Gallery with the selection kept as App keeps it. */
function Selecting({ filters = NO_FILTERS, onOpen = () => undefined }: { filters?: Filters; onOpen?: (image: ImageItem) => void }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const onSelect = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  return (
    <>
      <output data-testid="selected">{[...selected].map((id) => Number(id.slice(-12))).sort((a, b) => a - b).join(",")}</output>
      <Gallery api={new Api("t")} filters={filters} onOpen={onOpen} initialRect={RECT}
               selected={selected} onSelect={onSelect} />
    </>
  );
}

const selectedNumbers = () => screen.getByTestId("selected").textContent;

test("the first page shows, with alt text from prompts and tiles of the images' own aspect ratio", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(3) });
  show(new Api("t"));
  expect(await screen.findByText("3 images")).toBeInTheDocument();
  expect(screen.getByAltText("image 0")).toHaveAttribute("src", "https://cdn/0_256.webp");
  const tile = screen.getAllByRole("listitem").find((item) => item.classList.contains("card")) as HTMLElement;
  expect(parseFloat(tile.style.width) / parseFloat(tile.style.height)).toBeCloseTo(1.5, 2); // 768 x 512
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

test("a favourite toggles at once, and is undone with a message saying why if the server refuses", async () => {
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
  let release = () => undefined as void; // the refusal held back: the star has turned at once
  const held = new Promise<void>((resolve) => { release = resolve; });
  const answer = globalThis.fetch;
  vi.stubGlobal("fetch", async (request: Request) => { await held; return answer(request); });
  fireEvent.click(screen.getByRole("button", { name: "Remove from favourites" }));
  expect(await screen.findByRole("button", { name: "Favourite" })).toHaveAttribute("aria-pressed", "false");
  release();
  expect(await screen.findByText("The favourite was not saved. Something went wrong on our side: please try again"))
    .toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Remove from favourites" })).toHaveAttribute("aria-pressed", "true");
  expect(screen.queryByText("no")).toBeNull();
});

test("F on a focused image stars it and F again unstars it: the star itself is out of the Tab order", async () => {
  fakeFetch({
    "GET /api/v1/files/images": pages(1),
    "PATCH /api/v1/files/images/00000000-0000-4000-8000-000000000000": (_url, body) =>
      [200, { ...image(0), ...(body as object) }],
  });
  show(new Api("t"));
  const star = await screen.findByRole("button", { name: "Favourite" });
  expect(star).toHaveAttribute("tabindex", "-1");
  const tile = screen.getAllByRole("button", { name: image(0).prompt })[0];
  tile.focus();
  fireEvent.keyDown(tile, { key: "f" });
  expect(await screen.findByRole("button", { name: "Remove from favourites" })).toHaveAttribute("aria-pressed", "true");
  fireEvent.keyDown(tile, { key: "F" });
  expect(await screen.findByRole("button", { name: "Favourite" })).toHaveAttribute("aria-pressed", "false");
  fireEvent.keyDown(tile, { key: "f", ctrlKey: true }); // the browser's own (find), not a star
  expect(screen.getByRole("button", { name: "Favourite" })).toHaveAttribute("aria-pressed", "false");
});

test("a trashed image has no star, and F does nothing to it (the API keeps trashed images as they are)", async () => {
  const calls = fakeFetch({
    "GET /api/v1/files/trash": () => [200, { images: [image(0, { purge_after: "2027-01-01T00:00:00Z" })], total: 1, next_cursor: null }],
  });
  show(new Api("t"), { ...NO_FILTERS, trash: true });
  const tile = (await screen.findAllByRole("button", { name: image(0).prompt }))[0];
  expect(screen.queryByRole("button", { name: "Favourite" })).toBeNull();
  expect(tile).not.toHaveAttribute("aria-keyshortcuts");
  tile.focus();
  fireEvent.keyDown(tile, { key: "f" });
  await new Promise((done) => setTimeout(done, 50));
  expect(calls.filter((c) => c.method !== "GET")).toEqual([]);
});

test("the star's failure is said in Korean in a Korean interface", async () => {
  fakeFetch({
    "GET /api/v1/files/images": pages(1),
    "PATCH /api/v1/files/images/00000000-0000-4000-8000-000000000000": () => [403, { error: { code: "forbidden", message: "x" } }],
  });
  render(<Gallery api={new Api("t")} filters={NO_FILTERS} onOpen={() => undefined} initialRect={RECT} />,
         { wrapper: ({ children }) => <Providers language="ko">{children}</Providers> });
  fireEvent.click(await screen.findByRole("button", { name: "즐겨찾기" }));
  expect(await screen.findByText(/^즐겨찾기를 저장하지 못했습니다\. /)).toBeInTheDocument();
});

test("a search shows its highlighted fragments over the tile, in relevance order without day headers", async () => {
  fakeFetch({
    "GET /api/v1/search/images": (url) =>
      url.searchParams.get("q") === "없음"
        ? [200, { results: [], total: 0, next_cursor: null }]
        : [200, { results: [image(1, { highlights: ["우주복을 입은 <em>고양이</em>"] }),
                            image(2, { created_at: "2026-11-20T12:00:00Z", highlights: ["<em>고양이</em> 두 마리"] })],
                  total: 2, next_cursor: null }],
  });
  const { unmount } = show(new Api("t"), { ...NO_FILTERS, q: "고양이" });
  const em = await screen.findAllByText("고양이", { selector: ".caption em" });
  expect(em).toHaveLength(2);
  expect(em[0].closest(".card")).toHaveClass("matched");
  expect(screen.queryByRole("heading", { level: 2 })).toBeNull(); // relevance: no dates to group by
  unmount();
  show(new Api("t"), { ...NO_FILTERS, q: "없음" });
  expect(await screen.findByText("Nothing matches.")).toBeInTheDocument();
});

test("a search made while my last change is on its way to the index asks again until it is in", async () => {
  let asked = 0;
  fakeFetch({
    "GET /api/v1/search/images": () => (++asked < 3
      ? [200, { results: [], total: 0, next_cursor: null, catching_up: true }]
      : [200, { results: [image(1)], total: 1, next_cursor: null, catching_up: false }]),
  });
  show(new Api("t"), { ...NO_FILTERS, tag: "고양이", q: "고양이" });
  expect(await screen.findByText("1 result", {}, { timeout: 5_000 })).toBeInTheDocument();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(asked).toBe(3); // caught up: no more asking
});

test("the list view shows every highlighted fragment in full", async () => {
  sessionStorage.setItem("pingvas.view", "list");
  fakeFetch({
    "GET /api/v1/search/images": () => [200, {
      results: [image(1, { highlights: ["a <em>cat</em> in a spacesuit", "the <em>cat</em> floats"] })], total: 1, next_cursor: null }],
  });
  show(new Api("t"), { ...NO_FILTERS, q: "cat" });
  expect(await screen.findByText((_, element) => element?.textContent === "the cat floats")).toHaveClass("highlight");
  expect(screen.getAllByText("cat", { selector: ".details em" })).toHaveLength(2);
  sessionStorage.removeItem("pingvas.view");
});

test("images are grouped under a header per day, Today and Yesterday by name, in the UI language", async () => {
  const now = Date.now();
  const day = 24 * 60 * 60 * 1000;
  const images = [
    image(0, { created_at: new Date(now).toISOString() }),
    image(1, { created_at: new Date(now - day).toISOString() }),
    image(2, { created_at: "2026-11-26T12:00:00Z" }),
    image(3, { created_at: "2026-11-26T11:00:00Z" }),
  ];
  fakeFetch({ "GET /api/v1/files/images": () => [200, { images, total: 4, next_cursor: null }] });
  const { unmount } = show(new Api("t"));
  await screen.findByText("4 images");
  expect(screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent))
    .toEqual(["Today", "Yesterday", "Thu, Nov 26, 2026"]);
  unmount();
  render(<Gallery api={new Api("t")} filters={NO_FILTERS} onOpen={() => undefined} initialRect={RECT} />,
         { wrapper: ({ children }) => <Providers language="ko">{children}</Providers> });
  expect(await screen.findByRole("heading", { name: "2026년 11월 26일 (목)" })).toBeInTheDocument();
  expect(screen.getByRole("heading", { name: "오늘" })).toBeInTheDocument();
  expect(screen.getByRole("heading", { name: "어제" })).toBeInTheDocument();
});

test("arrow keys move between images across justified rows, up and down to the nearest tile", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(12) });
  show(new Api("t"));
  await screen.findByText("12 images");
  const first = screen.getByRole("button", { name: "image 0" });
  first.focus();
  fireEvent.keyDown(first, { key: "ArrowRight" });
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "image 1" })));
  // 3:2 images at 1000 px: five a row, so the one below the second is the seventh
  fireEvent.keyDown(document.activeElement as Element, { key: "ArrowDown" });
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "image 6" })));
  fireEvent.keyDown(document.activeElement as Element, { key: "ArrowLeft" });
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "image 5" })));
  fireEvent.keyDown(document.activeElement as Element, { key: "ArrowLeft" }); // back across the row's start
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "image 4" })));
});

/** The gallery's one Tab stop: the only element of it in the Tab order. */
function tabStops() {
  const scroller = screen.getByTestId("gallery-scroller");
  return [...scroller.querySelectorAll<HTMLElement>("button, input, a")].filter((element) => element.tabIndex >= 0);
}

const imageButton = (n: number) => screen.getByRole("button", { name: `image ${n}` });

/** jsdom lays out and scrolls nothing: the scroller gets its rows' height, and the
 * virtualizer's scrolls set scrollTop, as a browser would. */
function scrollable() {
  const scroller = screen.getByTestId("gallery-scroller");
  Object.defineProperty(scroller, "scrollHeight", {
    get: () => parseFloat((scroller.firstElementChild as HTMLElement).style.height),
  });
  scroller.scrollTo = ((options: ScrollToOptions) => {
    scroller.scrollTop = options.top ?? 0;
    fireEvent.scroll(scroller);
  }) as typeof scroller.scrollTo;
  return scroller;
}

test("the grid is one Tab stop: the image focused last, or the first on screen; a new listing starts at its first", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(150) });
  const user = userEvent.setup();
  const { rerender } = render(<Selecting />, { wrapper: Providers });
  await screen.findByText("150 images");
  expect(tabStops()).toEqual([imageButton(0)]); // not the checkboxes, the stars, the day's checkbox
  const scroller = screen.getByTestId("gallery-scroller");
  scroller.focus(); // where the skip link goes
  await user.tab();
  expect(imageButton(0)).toHaveFocus();
  await user.keyboard("{ArrowRight}");
  await waitFor(() => expect(imageButton(1)).toHaveFocus());
  expect(tabStops()).toEqual([imageButton(1)]);
  await user.tab(); // out of the grid, not to the next tile
  expect(scroller).not.toContainElement(document.activeElement as HTMLElement);
  await user.tab({ shift: true }); // and back in where it left
  expect(imageButton(1)).toHaveFocus();

  // scrolled away, its row is out of the DOM: the first tile on screen takes the stop (row 7:
  // a 48 px header, then rows of 131 px and a 4 px gap; row 6, drawn above the top edge, is not seen)
  scroller.scrollTop = 1000;
  fireEvent.scroll(scroller);
  await waitFor(() => expect(screen.queryByRole("button", { name: "image 1" })).toBeNull());
  await waitFor(() => expect(tabStops()).toEqual([imageButton(35)]));
  scroller.scrollTop = 0;
  fireEvent.scroll(scroller);
  await waitFor(() => expect(tabStops()).toEqual([imageButton(1)]));

  rerender(<Selecting filters={{ ...NO_FILTERS, favorite: true }} />);
  await waitFor(() => expect(tabStops()).toEqual([imageButton(0)]));
});

test("Home and End go to the ends of the row; in the list view to the first and last image", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(12) });
  const user = userEvent.setup();
  show(new Api("t"));
  await screen.findByText("12 images");
  imageButton(6).focus(); // the second row: 5 to 9
  await user.keyboard("{End}");
  await waitFor(() => expect(imageButton(9)).toHaveFocus());
  await user.keyboard("{Home}");
  await waitFor(() => expect(imageButton(5)).toHaveFocus());
  await user.keyboard("{Home}"); // already there: nothing moves (nor does the page)
  expect(imageButton(5)).toHaveFocus();

  await user.click(screen.getByRole("button", { name: /List/ }));
  await screen.findAllByText("sdxl · 768 × 512", { exact: false });
  imageButton(3).focus();
  await user.keyboard("{End}");
  await waitFor(() => expect(imageButton(11)).toHaveFocus());
  await user.keyboard("{Home}");
  await waitFor(() => expect(imageButton(0)).toHaveFocus());
});

test("Ctrl+End scrolls to the last loaded image and focuses it, Ctrl+Home back to the first", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(150) });
  const user = userEvent.setup();
  show(new Api("t"));
  await screen.findByText("150 images");
  const scroller = scrollable();
  expect(screen.queryByRole("button", { name: "image 59" })).toBeNull(); // off screen: not drawn
  imageButton(2).focus();
  await user.keyboard("{Control>}{End}{/Control}");
  await waitFor(() => expect(screen.getByRole("button", { name: "image 59" })).toHaveFocus());
  expect(scroller.scrollTop).toBeGreaterThan(800);
  expect(tabStops()).toEqual([imageButton(59)]);
  await user.keyboard("{Control>}{Home}{/Control}");
  await waitFor(() => expect(imageButton(0)).toHaveFocus());
  expect(scroller.scrollTop).toBe(0); // with the first day's header
});

test("PageDown and PageUp move a screen of rows, to the tile nearest by x, and the view as far", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(150) });
  const user = userEvent.setup();
  show(new Api("t"));
  await screen.findByText("150 images");
  const scroller = scrollable();
  imageButton(1).focus();
  // 800 px of viewport: row 5 is 676 px below row 0 (131 + 4 px a row), row 6 would be 811
  await user.keyboard("{PageDown}");
  await waitFor(() => expect(screen.getByRole("button", { name: "image 26" })).toHaveFocus());
  expect(scroller.scrollTop).toBeCloseTo(676, 0);
  await user.keyboard("{PageUp}");
  await waitFor(() => expect(imageButton(1)).toHaveFocus());
  expect(scroller.scrollTop).toBeCloseTo(0, 0);
  await user.keyboard("{PageUp}"); // the first row: nowhere to go
  expect(imageButton(1)).toHaveFocus();
});

test("a list view shows one image per row with its prompt, model and size, and is remembered", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(3) });
  show(new Api("t"));
  await screen.findByText("3 images");
  fireEvent.click(screen.getByRole("button", { name: /List/ }));
  expect(await screen.findAllByText("sdxl · 768 × 512", { exact: false })).toHaveLength(3);
  const cards = screen.getAllByRole("listitem").filter((item) => item.classList.contains("card"));
  expect(cards).toHaveLength(3);
  expect(cards[0]).toHaveClass("list");
  expect(sessionStorage.getItem("pingvas.view")).toBe("list");
  sessionStorage.removeItem("pingvas.view");
});

test("switching between grid and list lays the rows out again: none overlaps another", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(30) });
  show(new Api("t"));
  await screen.findByText("30 images");
  const tops = () => [...document.querySelectorAll<HTMLElement>(".gallery-row")].map((row) => ({
    top: parseFloat(row.style.top), height: parseFloat(row.style.height) || 0,
  }));
  const gridBefore = tops();
  fireEvent.click(screen.getByRole("button", { name: /List/ }));
  await screen.findAllByText("sdxl · 768 × 512", { exact: false });
  fireEvent.click(screen.getByRole("button", { name: /Grid/ }));
  await waitFor(() => expect(document.querySelector(".card.grid")).not.toBeNull());
  const gridAfter = tops();
  expect(gridAfter).toEqual(gridBefore);
  gridAfter.slice(1).forEach((row, n) =>
    expect(row.top).toBeGreaterThanOrEqual(gridAfter[n].top + gridAfter[n].height));
  sessionStorage.removeItem("pingvas.view");
});

test("a thumbnail still loading shows its ThumbHash placeholder", async () => {
  // a real ThumbHash (of a 2:1 red image), as ingest stores it
  const hash = "VzoDBIDvzZrv3qvdvLskM/D+3g==";
  fakeFetch({ "GET /api/v1/files/images": () => [200, { images: [image(1, { placeholder: hash })], total: 1, next_cursor: null }] });
  show(new Api("t"));
  const placeholder = await screen.findByTestId("placeholder");
  // its colour with the tile (red, as the image), its blurred picture when the page is idle
  expect(placeholder.style.backgroundColor).toMatch(/^rgb\((2[0-5]\d|1[5-9]\d), \d{1,2}, \d{1,2}\)$/);
  expect(placeholder.style.backgroundImage).toBe("none");
  await waitFor(() => expect(placeholder.style.backgroundImage).toMatch(/^url\("?data:image\/png;base64,/));
});

test("while the first page loads the grid shows skeleton tiles, is busy, and says Loading to screen readers", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(3) });
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const answer = globalThis.fetch;
  vi.stubGlobal("fetch", async (...args: Parameters<typeof fetch>) => { await held; return answer(...args); });
  show(new Api("t"));
  const grid = screen.getByTestId("gallery-scroller").firstElementChild;
  expect(grid).toHaveAttribute("role", "list");
  expect(grid).toHaveAttribute("aria-busy", "true");
  const tiles = screen.getAllByTestId("skeleton-tile");
  expect(new Set(tiles.map((tile) => tile.parentElement)).size).toBe(2); // two rows' worth
  expect(tiles.length).toBeGreaterThanOrEqual(8);
  expect(tiles[0].parentElement).toHaveAttribute("aria-hidden", "true");
  expect(within(screen.getByRole("status")).getByText("Loading…")).toHaveClass("visually-hidden");

  release();
  expect(await screen.findByText("3 images")).toBeInTheDocument();
  expect(screen.queryAllByTestId("skeleton-tile")).toHaveLength(0);
  await waitFor(() => expect(grid).toHaveAttribute("aria-busy", "false"));
});

test("a failed load says what went wrong in the UI language and Retry fetches it again", async () => {
  let failures = 3; // the first answer and both of the client's own retries
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
  expect(calls).toHaveLength(4);
});

test("a next page that fails is asked for again, by its cursor, on Retry", async () => {
  let failures = 3;
  const calls = fakeFetch({
    "GET /api/v1/files/images": (url) => {
      if (url.searchParams.get("cursor") === "60" && failures-- > 0) {
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
  expect(screen.getByRole("button", { name: "image 59" })).toBeInTheDocument(); // the first page stays
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  await waitFor(() => expect(calls.map((c) => c.url.searchParams.get("cursor"))).toEqual([null, "60", "60", "60", "60"]));
  await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  expect(await screen.findByRole("button", { name: "image 69" })).toBeInTheDocument();
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
  const { unmount } = show(new Api("t")); // no onSelect: a workspace, say
  await screen.findByText("2 images");
  expect(screen.queryByRole("checkbox")).toBeNull();
  expect(screen.queryByRole("button", { name: "Select all" })).toBeNull();
  unmount();
  const chosen: [string[], boolean][] = [];
  render(
    <Gallery api={new Api("t")} filters={NO_FILTERS} onOpen={() => undefined} selected={new Set()}
             onSelect={(ids, on) => chosen.push([ids, on])} initialRect={RECT} />,
    { wrapper: Providers },
  );
  fireEvent.click(await screen.findByRole("checkbox", { name: "Select: image 0" }));
  expect(chosen).toEqual([[[image(0).image_id], true]]);
});

test("Shift+click selects the range from the image toggled last, and deselects one the same way", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(12) });
  render(<Selecting />, { wrapper: Providers });
  fireEvent.click(await screen.findByRole("checkbox", { name: "Select: image 2" }));
  fireEvent.click(screen.getByRole("checkbox", { name: "Select: image 6" }), { shiftKey: true });
  expect(selectedNumbers()).toBe("2,3,4,5,6");
  expect(screen.getByRole("checkbox", { name: "Select: image 4" })).toBeChecked();
  fireEvent.click(screen.getByRole("checkbox", { name: "Select: image 4" }), { shiftKey: true });
  expect(selectedNumbers()).toBe("2,3"); // from 6, the one toggled last, back to 4: off
  expect(screen.getByRole("checkbox", { name: "Select: image 5" })).not.toBeChecked();
  fireEvent.click(screen.getByRole("checkbox", { name: "Select: image 9" }));
  expect(selectedNumbers()).toBe("2,3,9"); // without Shift: the one
});

test("Select all takes every loaded image, Ctrl+A in the grid too, and Clear lets them go", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(5) });
  render(<Selecting />, { wrapper: Providers });
  fireEvent.click(await screen.findByRole("button", { name: "Select all" }));
  expect(selectedNumbers()).toBe("0,1,2,3,4");
  fireEvent.click(screen.getByRole("button", { name: "Clear" }));
  expect(selectedNumbers()).toBe("");
  const image0 = screen.getByRole("button", { name: "image 0" });
  fireEvent.keyDown(image0, { key: "a", ctrlKey: true });
  expect(selectedNumbers()).toBe("0,1,2,3,4");
  fireEvent.keyDown(image0, { key: "Escape" });
  expect(selectedNumbers()).toBe("");
});

test("Space on an image selects it (Enter still opens it); a day's checkbox selects that day", async () => {
  const images = [0, 1, 2].map((n) => image(n, { created_at: "2026-11-26T12:00:00Z" }))
    .concat([3, 4].map((n) => image(n, { created_at: "2026-11-25T12:00:00Z" })));
  fakeFetch({ "GET /api/v1/files/images": () => [200, { images, total: 5, next_cursor: null }] });
  render(<Selecting />, { wrapper: Providers });
  const image1 = await screen.findByRole("button", { name: "image 1" });
  fireEvent.keyDown(image1, { key: " " });
  expect(selectedNumbers()).toBe("1");
  const day = screen.getByRole("checkbox", { name: "Select every image of Wed, Nov 25, 2026" });
  fireEvent.click(day);
  expect(selectedNumbers()).toBe("1,3,4");
  expect(day).toBeChecked();
  const other = screen.getByRole("checkbox", { name: "Select every image of Thu, Nov 26, 2026" });
  expect(other).toHaveProperty("indeterminate", true); // some of that day
  fireEvent.click(other);
  expect(selectedNumbers()).toBe("0,1,2,3,4");
  fireEvent.click(day);
  expect(selectedNumbers()).toBe("0,1,2");
});

test("once anything is selected every tile shows its checkbox", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(3) });
  render(<Selecting />, { wrapper: Providers });
  const gallery = (await screen.findByText("3 images")).closest("section") as HTMLElement;
  expect(gallery).not.toHaveClass("selecting");
  await act(async () => { fireEvent.click(screen.getByRole("checkbox", { name: "Select: image 0" })); });
  expect(gallery).toHaveClass("selecting");
});

test("on a touch screen a finger held on a tile selects it; then a tap selects, and nothing selected, a tap opens", async () => {
  fakeFetch({ "GET /api/v1/files/images": pages(4) });
  const opened: string[] = [];
  render(<Selecting onOpen={(item) => opened.push(item.prompt)} />, { wrapper: Providers });
  const image1 = await screen.findByRole("button", { name: "image 1" });
  const tap = (name: string) => firePointer(screen.getByRole("button", { name }), "click");
  vi.useFakeTimers();
  try {
    firePointer(image1, "pointerdown", { clientX: 50, clientY: 50 });
    firePointer(image1, "pointermove", { clientX: 54, clientY: 50 }); // a finger never quite still
    act(() => { vi.advanceTimersByTime(499); });
    expect(selectedNumbers()).toBe("");
    act(() => { vi.advanceTimersByTime(1); });
    expect(selectedNumbers()).toBe("1");
    firePointer(image1, "pointerup", { clientX: 54, clientY: 50 });
    expect(fireEvent.contextMenu(image1)).toBe(false); // no image menu: the hold was ours
    tap("image 1"); // the lift's click: swallowed
    expect(opened).toEqual([]);
    expect(selectedNumbers()).toBe("1");
    // a finger that moves is scrolling: no hold
    const image2 = screen.getByRole("button", { name: "image 2" });
    firePointer(image2, "pointerdown", { clientX: 50, clientY: 50 });
    firePointer(image2, "pointermove", { clientX: 50, clientY: 80 });
    act(() => { vi.advanceTimersByTime(800); });
    expect(selectedNumbers()).toBe("1");
    firePointer(image2, "pointerdown", { pointerType: "mouse" }); // a mouse held down is no long press
    act(() => { vi.advanceTimersByTime(800); });
    expect(selectedNumbers()).toBe("1");
  } finally {
    vi.useRealTimers();
  }
  // selecting: a tap toggles; a mouse's click still opens
  tap("image 3");
  expect(selectedNumbers()).toBe("1,3");
  tap("image 1");
  expect(selectedNumbers()).toBe("3");
  fireEvent.click(screen.getByRole("button", { name: "image 2" }));
  expect(opened).toEqual(["image 2"]);
  tap("image 3");
  expect(selectedNumbers()).toBe("");
  tap("image 0");
  expect(opened).toEqual(["image 2", "image 0"]);
});
