import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { vi } from "vitest";

import { Api } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch, folder } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { FolderEditor } from "./FolderEditor";
import { ToastProvider } from "./Toast";

const folders = [
  folder({ folder_id: "f-1", name: "인물", color: "#e91e63", image_count: 2 }),
  folder({ folder_id: "f-2", name: "풍경", image_count: 5 }),
];

test("a folder is renamed and recoloured, reordered, and deleted with its images moved", async () => {
  const calls = fakeFetch({
    "PATCH /api/v1/files/folders/f-2": () => [200, folders[1]],
    "PATCH /api/v1/files/folders/f-1": () => [200, folders[0]],
    "DELETE /api/v1/files/folders/f-2": () => [200, { deleted: true }],
  });
  const done = vi.fn();
  render(<I18nProvider initial="en"><ToastProvider><FolderEditor api={new Api("t")} folder={folders[1]} folders={folders} onDone={done} /></ToastProvider></I18nProvider>,
         { wrapper: QueryWrapper });
  fireEvent.change(screen.getByLabelText("Folder name"), { target: { value: "풍경화" } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  await waitFor(() => expect(calls[0]?.body).toEqual({ name: "풍경화", color: "#9e9e9e" }));
  expect(screen.getByRole("button", { name: "Move down" })).toBeDisabled();
  fireEvent.click(screen.getByRole("button", { name: "Move up" }));
  await waitFor(() => expect(calls.slice(1, 3).map((c) => [c.url.pathname, c.body])).toEqual([
    ["/api/v1/files/folders/f-2", { sort_order: 0 }], ["/api/v1/files/folders/f-1", { sort_order: 1 }],
  ]));
  fireEvent.change(screen.getByLabelText("Move its images to"), { target: { value: "f-1" } });
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  const dialog = screen.getByRole("alertdialog", { name: "Delete the folder “풍경”?" });
  expect(dialog).toHaveAccessibleDescription("Its 5 images move to “인물”.");
  fireEvent.click(within(dialog).getByRole("button", { name: "Delete the folder" }));
  await waitFor(() => expect(calls[3]?.method).toBe("DELETE"));
  expect(calls[3].url.searchParams.get("move_images_to")).toBe("f-1");
  expect(done).toHaveBeenCalledTimes(3);
});

test("deleting a folder is asked first, says its images stay, and Cancel keeps it", async () => {
  const calls = fakeFetch({ "DELETE /api/v1/files/folders/f-2": () => [200, { deleted: true }] });
  render(<I18nProvider initial="en"><ToastProvider><FolderEditor api={new Api("t")} folder={folders[1]} folders={folders} onDone={vi.fn()} /></ToastProvider></I18nProvider>,
         { wrapper: QueryWrapper });
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  const dialog = screen.getByRole("alertdialog", { name: "Delete the folder “풍경”?" });
  expect(dialog).toHaveAccessibleDescription("Its 5 images stay, without a folder.");
  expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
  fireEvent.keyDown(dialog, { key: "Escape" });
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect(calls).toHaveLength(0);
});
