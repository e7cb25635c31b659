import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { vi } from "vitest";

import { Api, type Folder } from "../api";
import { I18nProvider, type Language } from "../i18n";
import { fakeFetch, folder, subfolder } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { FolderEditor } from "./FolderEditor";
import { ToastProvider } from "./Toast";

const folders = [
  folder({ folder_id: "f-1", name: "인물", color: "#e91e63", image_count: 2 }),
  folder({ folder_id: "f-2", name: "풍경", image_count: 5 }),
];

// 여행 (3; 14 in all) > 제주 (5) > 해변 (2), 여행 > 부산 (4); 인물 (1)
const travel = folder({ folder_id: "f-travel", name: "여행", image_count: 3, total_image_count: 14 });
const jeju = subfolder(travel, { folder_id: "f-jeju", name: "제주", image_count: 5, total_image_count: 7 });
const beach = subfolder(jeju, { folder_id: "f-beach", name: "해변", image_count: 2 });
const busan = subfolder(travel, { folder_id: "f-busan", name: "부산", image_count: 4, sort_order: 1 });
const people = folder({ folder_id: "f-people", name: "인물", image_count: 1, sort_order: 1 });
const TREE = [travel, people, jeju, busan, beach];

function edit(target: Folder, all: Folder[], language: Language = "en") {
  const done = vi.fn();
  const deleted = vi.fn();
  render(
    <I18nProvider initial={language}><ToastProvider>
      <FolderEditor api={new Api("t")} folder={target} folders={all} onDone={done} onDeleted={deleted} />
    </ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
  return { done, deleted };
}

const options = (select: HTMLElement) => [...select.querySelectorAll("option")].map((o) => o.textContent);

test("a folder is renamed and recoloured, reordered, and deleted with its images moved", async () => {
  const calls = fakeFetch({
    "PATCH /api/v1/files/folders/f-2": () => [200, folders[1]],
    "PATCH /api/v1/files/folders/f-1": () => [200, folders[0]],
    "DELETE /api/v1/files/folders/f-2": () => [200, { deleted: true }],
  });
  const { done, deleted } = edit(folders[1], folders);
  fireEvent.change(screen.getByLabelText("Folder name"), { target: { value: "풍경화" } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  await waitFor(() => expect(calls[0]?.body).toEqual({ name: "풍경화", color: "#9e9e9e" }));
  expect(screen.getByRole("button", { name: "Move down" })).toBeDisabled();
  fireEvent.click(screen.getByRole("button", { name: "Move up" }));
  await waitFor(() => expect(calls.slice(1, 3).map((c) => [c.url.pathname, c.body])).toEqual([
    ["/api/v1/files/folders/f-2", { sort_order: 0 }], ["/api/v1/files/folders/f-1", { sort_order: 1 }],
  ]));
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  const dialog = screen.getByRole("alertdialog", { name: "Delete the folder “풍경”?" });
  expect(dialog).toHaveAccessibleDescription("Its 5 images stay, without a folder.");
  expect(within(dialog).queryByRole("radio")).toBeNull(); // no subfolders: nothing to ask about them
  fireEvent.change(within(dialog).getByLabelText("Move its images to"), { target: { value: "f-1" } });
  expect(dialog).toHaveAccessibleDescription("Its 5 images move to “인물”.");
  fireEvent.click(within(dialog).getByRole("button", { name: "Delete the folder" }));
  await waitFor(() => expect(calls[3]?.method).toBe("DELETE"));
  expect(calls[3].url.searchParams.get("move_images_to")).toBe("f-1");
  expect(calls[3].url.searchParams.has("subfolders")).toBe(false);
  await waitFor(() => expect(done).toHaveBeenCalledTimes(3));
  expect(deleted).toHaveBeenCalledWith(null); // it was at the top level
});

test("deleting a folder is asked first, says its images stay, and Cancel keeps it", async () => {
  const calls = fakeFetch({ "DELETE /api/v1/files/folders/f-2": () => [200, { deleted: true }] });
  edit(folders[1], folders);
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  const dialog = screen.getByRole("alertdialog", { name: "Delete the folder “풍경”?" });
  expect(dialog).toHaveAccessibleDescription("Its 5 images stay, without a folder.");
  expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
  fireEvent.keyDown(dialog, { key: "Escape" });
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect(calls).toHaveLength(0);
});

test("Move to lists the top level and every folder but itself and its own subfolders, by path in tree order", async () => {
  const calls = fakeFetch({ "PATCH /api/v1/files/folders/f-jeju": () => [200, jeju] });
  const { done } = edit(jeju, TREE);
  const picker = screen.getByRole("combobox", { name: "Move the folder to" });
  expect(options(picker)).toEqual(["Top level", "여행", "여행 / 부산", "인물"]);
  expect(picker).toHaveValue("f-travel"); // where it is
  const move = screen.getByRole("button", { name: "Move" });
  expect(move).toBeDisabled();
  fireEvent.change(picker, { target: { value: "" } });
  fireEvent.click(move);
  await waitFor(() => expect(calls[0]?.body).toEqual({ parent_id: null }));
  await waitFor(() => expect(done).toHaveBeenCalled());
});

test("up and down reorder a folder among its siblings only, their sort orders made dense", async () => {
  const calls = fakeFetch({
    "PATCH /api/v1/files/folders/f-busan": () => [200, busan],
    "PATCH /api/v1/files/folders/f-jeju": () => [200, jeju],
  });
  // sort orders as the API gives them after moves: not dense among these siblings
  const tree = [travel, people, { ...jeju, sort_order: 4 }, { ...busan, sort_order: 9 }, beach];
  edit(tree[3], tree);
  expect(screen.getByRole("button", { name: "Move down" })).toBeDisabled();
  fireEvent.click(screen.getByRole("button", { name: "Move up" }));
  await waitFor(() => expect(calls.map((c) => [c.url.pathname, c.body])).toEqual([
    ["/api/v1/files/folders/f-busan", { sort_order: 0 }], ["/api/v1/files/folders/f-jeju", { sort_order: 1 }],
  ]));
});

test("a folder with subfolders asks what becomes of them: up to its parent by default, or deleted with it", async () => {
  const calls = fakeFetch({ "DELETE /api/v1/files/folders/f-travel": () => [200, { deleted: true }] });
  const { deleted } = edit(travel, TREE);
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  const dialog = screen.getByRole("alertdialog", { name: "Delete the folder “여행”?" });
  const subfolders = within(dialog).getByRole("group", { name: "Its 2 subfolders" });
  expect(within(subfolders).getByRole("radio", { name: "Move up to the top level" })).toBeChecked();
  expect(dialog).toHaveAccessibleDescription("Its 2 subfolders move up to the top level. Its 3 images stay, without a folder.");
  const images = within(dialog).getByLabelText("Move its images to");
  expect(options(images)).toEqual(["No folder", "여행 / 제주", "여행 / 제주 / 해변", "여행 / 부산", "인물"]);
  fireEvent.change(images, { target: { value: "f-jeju" } });
  expect(dialog).toHaveAccessibleDescription("Its 2 subfolders move up to the top level. Its 3 images move to “제주”.");

  // deleted too: the subtree's images need a folder outside it (the choice inside it is let go)
  fireEvent.click(within(subfolders).getByRole("radio", { name: "Delete them too, with everything under them" }));
  expect(options(images)).toEqual(["No folder", "인물"]);
  expect(images).toHaveValue("");
  expect(dialog).toHaveAccessibleDescription("3 folders under it are deleted too. Its 14 images stay, without a folder.");
  fireEvent.change(images, { target: { value: "f-people" } });
  expect(dialog).toHaveAccessibleDescription("3 folders under it are deleted too. Its 14 images move to “인물”.");
  fireEvent.click(within(dialog).getByRole("button", { name: "Delete the folder" }));
  await waitFor(() => expect(calls[0]?.method).toBe("DELETE"));
  expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({ subfolders: "delete", move_images_to: "f-people" });
  await waitFor(() => expect(deleted).toHaveBeenCalledWith(null));
});

test("a subfolder's images and subfolders go up to its parent by default, said in Korean", async () => {
  const calls = fakeFetch({ "DELETE /api/v1/files/folders/f-jeju": () => [200, { deleted: true }] });
  const { deleted } = edit(jeju, TREE, "ko");
  fireEvent.click(screen.getByRole("button", { name: "삭제" }));
  const dialog = screen.getByRole("alertdialog", { name: "“제주” 폴더를 삭제할까요?" });
  expect(within(dialog).getByRole("radio", { name: "“여행” 폴더로 올리기" })).toBeChecked();
  expect(dialog).toHaveAccessibleDescription("하위 폴더 1개는 “여행” 폴더로 올라갑니다. 이미지 5장은 “여행” 폴더로 옮겨집니다.");
  expect(options(within(dialog).getByLabelText("이미지를 옮길 폴더"))[0]).toBe("상위 폴더 “여행”(으)로");
  fireEvent.click(within(dialog).getByRole("button", { name: "폴더 삭제" }));
  await waitFor(() => expect(calls[0]?.method).toBe("DELETE"));
  expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({ subfolders: "move_up" });
  await waitFor(() => expect(deleted).toHaveBeenCalledWith("f-travel"));
});
