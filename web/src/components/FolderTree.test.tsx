// The sidebar's folder tree: nested from parent_id, opened and closed (and remembered), walked
// with the keyboard as WAI-ARIA's tree pattern says, and a drop target for folders and images.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { Api, type Folder } from "../api";
import { I18nProvider, type Language } from "../i18n";
import { fakeFetch, folder, image, subfolder } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { FolderTree } from "./FolderTree";
import { Gallery } from "./Gallery";
import { ToastProvider } from "./Toast";

// 여행 (3 of its own, 12 with its subfolders) > 제주 (5) > 해변 (2), 여행 > 부산 (4); 인물 (1)
const travel = folder({ folder_id: "f-travel", name: "여행", image_count: 3, total_image_count: 12 });
const jeju = subfolder(travel, { folder_id: "f-jeju", name: "제주", image_count: 3, total_image_count: 5 });
const beach = subfolder(jeju, { folder_id: "f-beach", name: "해변", image_count: 2 });
const busan = subfolder(travel, { folder_id: "f-busan", name: "부산", image_count: 4, sort_order: 1 });
const people = folder({ folder_id: "f-people", name: "인물", image_count: 1, sort_order: 1 });
// as the API lists them: parents before their subfolders
const FOLDERS = [travel, people, jeju, busan, beach];

function show({ current = "", folders = FOLDERS, language = "en" as Language, extra = null as React.ReactNode } = {}) {
  const onSelect = vi.fn();
  const onFoldersChanged = vi.fn();
  const onImagesMoved = vi.fn();
  const { unmount } = render(
    <I18nProvider initial={language}><QueryWrapper><ToastProvider>
      <FolderTree api={new Api("t")} folders={folders} current={current} onSelect={onSelect}
                  onFoldersChanged={onFoldersChanged} onImagesMoved={onImagesMoved} />
      {extra}
    </ToastProvider></QueryWrapper></I18nProvider>,
  );
  return { onSelect, onFoldersChanged, onImagesMoved, unmount };
}

const item = (name: string | RegExp) => screen.getByRole("treeitem", { name });
const names = () => screen.getAllByRole("treeitem").map((row) => row.querySelector(".folder-name")!.textContent);
const twisty = (row: HTMLElement) => row.querySelector(".twisty") as HTMLElement;
/** Each row drawn: its level, place among its siblings, and name. */
const levels = () => screen.getAllByRole("treeitem").map((row) =>
  `${row.getAttribute("aria-level")} ${row.getAttribute("aria-posinset")}/${row.getAttribute("aria-setsize")} ` +
  row.querySelector(".folder-name")!.textContent);

/** A drag as the browser's events carry it (jsdom has no DataTransfer). */
function transfer() {
  return { dataTransfer: { setData: vi.fn(), effectAllowed: "", dropEffect: "" } };
}

afterEach(() => {
  localStorage.clear();
});

test("subfolders nest under their parent by parent_id, closed until opened, and what is open is remembered", async () => {
  const { unmount } = show();
  const tree = screen.getByRole("tree", { name: "Folders" });
  expect(levels()).toEqual(["1 1/2 여행", "1 2/2 인물"]);
  expect(item(/^여행/)).toHaveAttribute("aria-expanded", "false");
  expect(item(/^인물/)).not.toHaveAttribute("aria-expanded"); // no subfolders: nothing to open
  // closed, a folder counts its subfolders' images too; open, its own (theirs show under it)
  expect(item("여행 12")).toBeInTheDocument();

  fireEvent.click(twisty(item(/^여행/)));
  expect(item("여행 3")).toHaveAttribute("aria-expanded", "true");
  expect(levels()).toEqual(["1 1/2 여행", "2 1/2 제주", "2 2/2 부산", "1 2/2 인물"]);
  expect(within(tree).getByRole("treeitem", { name: "제주 5" })).toHaveAttribute("aria-expanded", "false");
  expect(JSON.parse(localStorage.getItem("pingvas.openFolders")!)).toEqual(["f-travel"]);

  // a new visit opens what was open
  unmount();
  show();
  expect(names()).toEqual(["여행", "제주", "부산", "인물"]);
  fireEvent.click(twisty(item(/^여행/)));
  expect(names()).toEqual(["여행", "인물"]);
  expect(JSON.parse(localStorage.getItem("pingvas.openFolders")!)).toEqual([]);
});

test("the folder shown is selected, the Tab stop, and open with every folder above it", () => {
  show({ current: "f-beach" });
  expect(levels()).toEqual(["1 1/2 여행", "2 1/2 제주", "3 1/1 해변", "2 2/2 부산", "1 2/2 인물"]);
  expect(item(/^해변/)).toHaveAttribute("aria-selected", "true");
  expect(item(/^여행/)).toHaveAttribute("aria-selected", "false");
  expect(screen.getAllByRole("treeitem").filter((row) => row.tabIndex === 0)).toEqual([item(/^해변/)]);
});

test("a click shows a folder; its chevron only opens or closes it", () => {
  const { onSelect } = show();
  fireEvent.click(twisty(item(/^여행/)));
  expect(onSelect).not.toHaveBeenCalled();
  fireEvent.click(screen.getByText("부산"));
  expect(onSelect).toHaveBeenCalledWith("f-busan");
});

test("the keyboard walks the tree: ↓/↑ rows, → opens then enters, ← closes then goes up, Home/End, Enter shows", async () => {
  const user = userEvent.setup();
  const { onSelect } = show({ language: "ko" });
  expect(screen.getByRole("tree", { name: "폴더" })).toBeInTheDocument();
  await user.tab();
  expect(item(/^여행/)).toHaveFocus(); // one Tab stop: the first row when no folder is shown
  await user.keyboard("{ArrowDown}");
  await waitFor(() => expect(item(/^인물/)).toHaveFocus());
  await user.keyboard("{ArrowUp}");
  await waitFor(() => expect(item(/^여행/)).toHaveFocus());
  await user.keyboard("{ArrowRight}");
  await waitFor(() => expect(item(/^여행/)).toHaveAttribute("aria-expanded", "true"));
  expect(item(/^여행/)).toHaveFocus();
  await user.keyboard("{ArrowRight}");
  await waitFor(() => expect(item(/^제주/)).toHaveFocus());
  await user.keyboard("{ArrowRight}");
  await waitFor(() => expect(item(/^제주/)).toHaveAttribute("aria-expanded", "true"));
  await user.keyboard("{ArrowRight}");
  await waitFor(() => expect(item(/^해변/)).toHaveFocus());
  await user.keyboard("{ArrowRight}"); // a folder without subfolders: nowhere further
  await user.keyboard("{End}");
  await waitFor(() => expect(item(/^인물/)).toHaveFocus());
  await user.keyboard("{Home}");
  await waitFor(() => expect(item(/^여행/)).toHaveFocus());
  for (const name of [/^제주/, /^해변/]) {
    await user.keyboard("{ArrowDown}");
    await waitFor(() => expect(item(name)).toHaveFocus());
  }
  await user.keyboard("{ArrowLeft}"); // to its parent
  await waitFor(() => expect(item(/^제주/)).toHaveFocus());
  await user.keyboard("{ArrowLeft}"); // it closes
  await waitFor(() => expect(item(/^제주/)).toHaveAttribute("aria-expanded", "false"));
  expect(screen.queryByRole("treeitem", { name: /^해변/ })).toBeNull();
  await user.keyboard("{Enter}");
  await waitFor(() => expect(onSelect).toHaveBeenCalledWith("f-jeju"));
  await user.keyboard("{ArrowDown}");
  await waitFor(() => expect(item(/^부산/)).toHaveFocus());
  await user.keyboard(" ");
  await waitFor(() => expect(onSelect).toHaveBeenLastCalledWith("f-busan"));
  // the row focused last stays the Tab stop
  expect(screen.getAllByRole("treeitem").filter((row) => row.tabIndex === 0)).toEqual([item(/^부산/)]);
});

test("a folder dragged onto another moves under it; never into itself or its own subfolders", async () => {
  localStorage.setItem("pingvas.openFolders", JSON.stringify(["f-travel", "f-jeju"]));
  const calls = fakeFetch({ "PATCH /api/v1/files/folders/f-travel": () => [200, { ...travel, parent_id: "f-people" }] });
  const { onFoldersChanged } = show();
  const row = item;
  fireEvent.dragStart(row(/^여행/), transfer());
  // fireEvent gives false when the target took the drop (its dragover prevented the default)
  for (const name of [/^여행/, /^제주/, /^해변/, /^부산/]) expect([name, fireEvent.dragOver(row(name), transfer())]).toEqual([name, true]);
  expect(fireEvent.dragOver(row(/^인물/), transfer())).toBe(false);
  expect(row(/^인물/)).toHaveClass("drop-target");
  expect(screen.queryByText("Move to the top level")).toBeNull(); // it is at the top level already
  fireEvent.drop(row(/^인물/), transfer());
  await waitFor(() => expect(calls.map((c) => [c.method, c.url.pathname, c.body])).toEqual([
    ["PATCH", "/api/v1/files/folders/f-travel", { parent_id: "f-people" }],
  ]));
  expect(await screen.findByText("Moved “여행” into “인물”")).toBeInTheDocument();
  expect(onFoldersChanged).toHaveBeenCalled();
  fireEvent.dragEnd(row(/^여행/), transfer());
});

test("a subfolder dragged to the top level's drop zone moves there, and Undo puts it back", async () => {
  localStorage.setItem("pingvas.openFolders", JSON.stringify(["f-travel"]));
  const calls = fakeFetch({ "PATCH /api/v1/files/folders/f-jeju": () => [200, jeju] });
  show();
  fireEvent.dragStart(item(/^제주/), transfer());
  expect(fireEvent.dragOver(item(/^여행/), transfer())).toBe(true); // where it is already
  const zone = screen.getByText("Move to the top level");
  expect(fireEvent.dragOver(zone, transfer())).toBe(false);
  fireEvent.drop(zone, transfer());
  expect(await screen.findByText("Moved “제주” to the top level")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Undo" }));
  await waitFor(() => expect(calls.map((c) => c.body)).toEqual([{ parent_id: null }, { parent_id: "f-travel" }]));
});

test("a move the server refuses is said in a toast in the UI language, not the server's words", async () => {
  fakeFetch({
    "PATCH /api/v1/files/folders/f-people": () =>
      [409, { error: { code: "folder_cycle", message: "a folder cannot move into itself" } }],
    "PATCH /api/v1/files/folders/f-beach": () =>
      [422, { error: { code: "validation_error", message: "folders nest at most 16 deep",
                       details: [{ loc: ["body", "parent_id"], msg: "too deep" }] } }],
  });
  localStorage.setItem("pingvas.openFolders", JSON.stringify(["f-travel", "f-jeju"]));
  show({ language: "ko" });
  const row = item;
  fireEvent.dragStart(row(/^인물/), transfer()); // the list was stale: the server knows better
  fireEvent.drop(row(/^부산/), transfer());
  expect(await screen.findByText("폴더를 그 안으로 옮길 수 없습니다")).toBeInTheDocument();
  fireEvent.dragStart(row(/^해변/), transfer());
  fireEvent.drop(row(/^인물/), transfer());
  expect(await screen.findByText("폴더는 16단계까지만 만들 수 있습니다")).toBeInTheDocument();
  expect(screen.queryByText(/nest at most|cannot move/)).toBeNull();
});

test("images dragged from the grid move into the folder dropped on: the selection, or the one tile", async () => {
  const images = [image(1, { folder_id: "f-people" }), image(2), image(3)];
  const calls = fakeFetch({
    "GET /api/v1/files/images": () => [200, { images, total: 3, next_cursor: null }],
    "POST /api/v1/files/images/bulk": () => [200, { action: "move", affected: 2 }],
  });
  const selected = new Set([images[0].image_id, images[1].image_id]);
  const { onImagesMoved } = show({
    extra: <Gallery api={new Api("t")} filters={{ q: "", tag: "", folder: "", favorite: false, sort: "" }}
                    onOpen={() => undefined} initialRect={{ width: 1000, height: 800 }}
                    selected={selected} onSelect={() => undefined} />,
  });
  const travelRow = item(/^여행/);
  expect(fireEvent.dragOver(travelRow, transfer())).toBe(true); // nothing dragged yet
  fireEvent.dragStart(await screen.findByAltText("image 1"), transfer());
  expect(fireEvent.dragOver(travelRow, transfer())).toBe(false);
  fireEvent.drop(travelRow, transfer());
  await waitFor(() => expect(calls.at(-1)?.body).toEqual(
    { action: "move", image_ids: [images[0].image_id, images[1].image_id], folder_id: "f-travel" }));
  expect(await screen.findByText("Moved 2 images to “여행”")).toBeInTheDocument();
  expect(onImagesMoved).toHaveBeenCalled();
  // Undo: each back where it was
  fireEvent.click(screen.getByRole("button", { name: "Undo" }));
  await waitFor(() => expect(calls.filter((c) => c.method === "POST").slice(1).map((c) => c.body)).toEqual([
    { action: "move", image_ids: [images[0].image_id], folder_id: "f-people" },
    { action: "move", image_ids: [images[1].image_id], folder_id: null },
  ]));

  // a tile not in the selection goes alone
  fireEvent.dragStart(screen.getByAltText("image 3"), transfer());
  fireEvent.drop(item(/^인물/), transfer());
  await waitFor(() => expect(calls.at(-1)?.body).toEqual(
    { action: "move", image_ids: [images[2].image_id], folder_id: "f-people" }));
});

test("no folders, no tree", () => {
  show({ folders: [] as Folder[] });
  expect(screen.queryByRole("tree")).toBeNull();
});
