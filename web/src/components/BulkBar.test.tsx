import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { vi } from "vitest";

import { Api, NO_FILTERS } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch, folder, workspace } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { BulkBar } from "./BulkBar";
import { ToastProvider } from "./Toast";

function show(filters = NO_FILTERS, language: "en" | "ko" = "en") {
  const done = vi.fn();
  const clear = vi.fn();
  render(
    <I18nProvider initial={language}><ToastProvider>
      <BulkBar api={new Api("t")} filters={filters} selected={new Set(["a", "b"])}
               folders={[folder({ folder_id: "f-1", name: "풍경" })]}
               workspaces={[workspace({ workspace_id: "w-1", name: "Team", role: "editor" }),
                            workspace({ workspace_id: "w-2", name: "Read only", role: "viewer" })]}
               onDone={done} onClear={clear} />
    </ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
  return { done, clear };
}

test("the selection is moved, favourited, shared into a workspace or deleted in one request", async () => {
  const calls = fakeFetch({
    "POST /api/v1/files/images/bulk": () => [200, { affected: 2 }],
    "POST /api/v1/workspaces/w-1/images": () => [200, { added: 2 }],
  });
  const { done, clear } = show();
  expect(screen.getByText("2 selected")).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText("Move to"), { target: { value: "f-1" } });
  await waitFor(() => expect(done).toHaveBeenCalledTimes(1));
  expect(calls[0].body).toEqual({ action: "move", image_ids: ["a", "b"], folder_id: "f-1" });
  fireEvent.click(screen.getByRole("button", { name: "Favourite" }));
  await waitFor(() => expect(calls[1]?.body).toEqual({ action: "favorite", image_ids: ["a", "b"] }));
  // only workspaces where I may add images are offered
  const into = screen.getByLabelText("Share into");
  expect([...into.querySelectorAll("option")].map((o) => o.textContent)).toEqual(["Share into…", "Team"]);
  fireEvent.change(into, { target: { value: "w-1" } });
  await waitFor(() => expect(calls[2]?.url.pathname).toBe("/api/v1/workspaces/w-1/images"));
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  await waitFor(() => expect(calls[3]?.body).toEqual({ action: "delete", image_ids: ["a", "b"] }));
  expect(clear).toHaveBeenCalledTimes(4);
});

test("a deleted selection can be brought back from the toast's Undo", async () => {
  const calls = fakeFetch({ "POST /api/v1/files/images/bulk": () => [200, { affected: 2 }] });
  const { done } = show();
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  await waitFor(() => expect(calls[0]?.body).toEqual({ action: "delete", image_ids: ["a", "b"] }));
  expect(await screen.findByText("Moved 2 images to the trash")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Undo" }));
  await waitFor(() => expect(calls[1]?.body).toEqual({ action: "restore", image_ids: ["a", "b"] }));
  expect(await screen.findByText("2 images are back")).toBeInTheDocument();
  await waitFor(() => expect(done).toHaveBeenCalledTimes(2)); // the grid shows them again
});

test("an Undo that fails says why", async () => {
  fakeFetch({
    "POST /api/v1/files/images/bulk": (_url, body) => (body as { action: string }).action === "delete"
      ? [200, { affected: 2 }] : [404, { error: { code: "not_found", message: "gone" } }],
  });
  show();
  fireEvent.click(screen.getByRole("button", { name: "Delete" }));
  fireEvent.click(await screen.findByRole("button", { name: "Undo" }));
  expect(await screen.findByText("It does not exist or is no longer available")).toBeInTheDocument();
});

test("in the trash the selection is restored, or deleted for good once confirmed", async () => {
  const calls = fakeFetch({ "POST /api/v1/files/images/bulk": () => [200, { affected: 2 }] });
  show({ ...NO_FILTERS, trash: true });
  expect(screen.queryByRole("button", { name: "Delete" })).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Restore" }));
  await waitFor(() => expect(calls[0]?.body).toEqual({ action: "restore", image_ids: ["a", "b"] }));
  fireEvent.click(screen.getByRole("button", { name: "Delete for good" }));
  const dialog = screen.getByRole("alertdialog", { name: "Delete 2 images for good?" });
  fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
  expect(calls).toHaveLength(1); // cancelled: nothing sent
  fireEvent.click(screen.getByRole("button", { name: "Delete for good" }));
  fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Delete for good" }));
  await waitFor(() => expect(calls[1]?.body).toEqual({ action: "purge", image_ids: ["a", "b"] }));
});

test("tags are added to every selected image at once; commas separate them", async () => {
  const calls = fakeFetch({ "POST /api/v1/files/images/bulk": () => [200, { affected: 2 }] });
  show();
  fireEvent.change(screen.getByLabelText("Add a tag"), { target: { value: "우주, 고양이 ," } });
  fireEvent.submit(screen.getByLabelText("Add a tag").closest("form") as HTMLFormElement);
  await waitFor(() => expect(calls[0]?.body).toEqual({ action: "add_tags", image_ids: ["a", "b"], tags: ["우주", "고양이"] }));
});

test("a bulk action the server refuses keeps the selection and says why in a toast, in Korean", async () => {
  fakeFetch({
    "POST /api/v1/files/images/bulk": () => [403, { error: { code: "forbidden", message: "not yours" } }],
  });
  const { done, clear } = show(NO_FILTERS, "ko");
  fireEvent.change(screen.getByLabelText("이동"), { target: { value: "f-1" } });
  expect(await screen.findByText("권한이 없습니다")).toBeInTheDocument();
  expect(screen.queryByText("not yours")).toBeNull();
  expect(clear).not.toHaveBeenCalled();
  expect(done).not.toHaveBeenCalled();
});

test("on a phone the main actions stay in the bar and the others open in a sheet", async () => {
  vi.stubGlobal("matchMedia", (query: string) => ({
    media: query, matches: query.includes("max-width"),
    addEventListener: () => undefined, removeEventListener: () => undefined,
  }));
  show();
  const bar = screen.getByRole("toolbar", { name: "2 selected" });
  for (const name of ["Favourite", "Delete", "More actions"]) {
    expect(within(bar).getByRole("button", { name })).toBeInTheDocument();
  }
  expect(within(bar).getByLabelText("Move to")).toBeInTheDocument();
  expect(screen.queryByLabelText("Add a tag")).toBeNull();
  fireEvent.click(within(bar).getByRole("button", { name: "More actions" }));
  const more = await screen.findByRole("dialog", { name: "Other actions for 2 selected" });
  expect(within(more).getByLabelText("Add a tag")).toBeInTheDocument();
  expect(within(more).getByRole("button", { name: "Remove from favourites" })).toBeInTheDocument();
  vi.unstubAllGlobals();
});
