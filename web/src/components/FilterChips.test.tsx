import { fireEvent, render, screen, within } from "@testing-library/react";
import { vi } from "vitest";

import { App } from "../App";
import { type Filters, NO_FILTERS } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch, folder, image } from "../test/fakeApi";
import { FilterChips } from "./FilterChips";

const folders = [folder({ folder_id: "f-1", name: "풍경" })];

function chips(filters: Partial<Filters>, language: "en" | "ko" = "en") {
  const change = vi.fn();
  render(
    <I18nProvider initial={language}>
      <FilterChips filters={{ ...NO_FILTERS, ...filters }} folders={folders} onChange={change} />
    </I18nProvider>,
  );
  return change;
}

test("every active filter is a chip, each removing only itself", () => {
  const change = chips({
    q: "우주복", sort: "relevance", tag: "고양이", folder: "f-1", favorite: true, model: "flux-dev",
    width: 1024, height: 1024, minHeight: 700, allTags: ["space", "night"], excludeTags: ["draft"],
  });
  const list = screen.getByRole("list", { name: "Active filters" });
  expect(within(list).getAllByRole("button").map((b) => b.textContent)).toEqual([
    "Search: 우주복", "Tag: 고양이", "Tag: space", "Tag: night", "Not tagged: draft", "Folder: 풍경",
    "Favourites", "Model: flux-dev", "Size: 1024 × 1024", "Height ≥ 700 px",
  ]);
  fireEvent.click(screen.getByRole("button", { name: "Remove filter: Tag: space" }));
  expect(change).toHaveBeenLastCalledWith({ allTags: ["night"] });
  fireEvent.click(screen.getByRole("button", { name: "Remove filter: Size: 1024 × 1024" }));
  expect(change).toHaveBeenLastCalledWith({ width: undefined, height: undefined });
  // relevance means nothing without the query: the sort goes with it
  fireEvent.click(screen.getByRole("button", { name: "Remove filter: Search: 우주복" }));
  expect(change).toHaveBeenLastCalledWith({ q: "", sort: "" });
});

test("clear all takes every filter off and keeps the place", () => {
  const change = chips({ q: "cat", folder: "f-1", from: "2026-11-01", workspace: "w-1" });
  fireEvent.click(screen.getByRole("button", { name: "Clear all" }));
  const cleared = change.mock.calls[0][0];
  expect(cleared).toMatchObject({ q: "", folder: "", from: undefined, favorite: false, allTags: [] });
  expect(cleared).not.toHaveProperty("workspace");
  expect(cleared).not.toHaveProperty("sort");
});

test("no filter, no chips; the chips speak Korean", () => {
  chips({});
  expect(screen.queryByRole("list", { name: "Active filters" })).toBeNull();
  document.body.innerHTML = "";
  chips({ tag: "고양이", maxWidth: 512 }, "ko");
  expect(screen.getByRole("button", { name: "태그: 고양이 필터 해제" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "너비 512px 이하 필터 해제" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "모두 해제" })).toBeInTheDocument();
});

test("a tag picked in the sidebar shows as a chip beside the query it kept, and replaces favourites", async () => {
  fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": () => [200, { images: [image(1)], total: 1, next_cursor: null }],
    "GET /api/v1/search/images": () => [200, { results: [image(2)], total: 1, next_cursor: null }],
    "GET /api/v1/files/storage-usage": () => [200, {
      plan: "pro", used_bytes: 0, reserved_bytes: 0, quota_bytes: 100, percentage: 0, image_count: 1,
      recompression_saved_bytes: 0 }],
    "GET /api/v1/files/folders": () => [200, folders],
    "GET /api/v1/files/tags": () => [200, [{ tag_id: "t-1", name: "고양이", usage_count: 7 }]],
    "GET /api/v1/workspaces": () => [200, []],
    "GET /api/v1/workspaces/invitations": () => [200, []],
  });
  window.history.replaceState(null, "", "/?q=우주복&favorite=1");
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "Sign in" })));
  const list = await screen.findByRole("list", { name: "Active filters" });
  expect(within(list).getByRole("button", { name: "Remove filter: Favourites" })).toBeInTheDocument();

  fireEvent.click(await screen.findByRole("button", { name: /#고양이/ }));
  expect(within(list).getAllByRole("button").map((b) => b.textContent)).toEqual(["Search: 우주복", "Tag: 고양이"]);
  fireEvent.click(within(list).getByRole("button", { name: "Remove filter: Search: 우주복" }));
  expect(new URLSearchParams(window.location.search).get("q")).toBeNull();
  expect(new URLSearchParams(window.location.search).get("tag")).toBe("고양이");
  // the focus is not lost with the removed chip: it is on the chip now in its place
  expect(document.activeElement).toBe(within(list).getByRole("button", { name: "Remove filter: Tag: 고양이" }));
  window.history.replaceState(null, "", "/");
});
