import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { Api } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { ShareDialog, type ShareTarget } from "./ShareDialog";
import { ToastProvider } from "./Toast";

function show(target: ShareTarget, onClose: () => void = () => undefined) {
  return render(
    <I18nProvider initial="en"><ToastProvider>
      <ShareDialog api={new Api("t")} target={target} onClose={onClose} />
    </ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
}

test("Escape or a click on the backdrop closes the share dialog, and focus goes back to what opened it", async () => {
  fakeFetch({ "GET /api/v1/shares": () => [200, { shares: [] }] });
  const opener = document.createElement("button");
  document.body.append(opener);
  opener.focus();
  const closed = vi.fn();
  const { unmount } = show({ imageId: "i-1" }, closed);
  const dialog = screen.getByRole("dialog", { name: "Share" });
  expect(dialog.contains(document.activeElement)).toBe(true); // focus moved in
  fireEvent.click(screen.getByRole("heading", { name: "Share" })); // inside: stays open
  expect(closed).not.toHaveBeenCalled();
  fireEvent.keyDown(document.activeElement!, { key: "Escape" });
  expect(closed).toHaveBeenCalledTimes(1);
  fireEvent.click(dialog); // the backdrop around the form closes it too
  expect(closed).toHaveBeenCalledTimes(2);
  unmount();
  await waitFor(() => expect(document.activeElement).toBe(opener)); // the lock hands it back a tick later
});

test("a folder's share dialog makes a link to the folder and lists the folder's links", async () => {
  const link = { share_id: "s-1", folder_id: "f-1", image_id: null, permission: "download", status: "active",
                 current_views: 0, max_views: null, password_protected: false, share_url: "http://x/s/tok" };
  const calls = fakeFetch({
    "GET /api/v1/shares": (url) => [200, { shares: url.searchParams.get("folder_id") === "f-1" ? [link] : [] }],
    "POST /api/v1/shares": () => [200, link],
  });
  show({ folderId: "f-1", name: "풍경" });
  expect(screen.getByRole("dialog", { name: "Share 풍경" })).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText("Permission"), { target: { value: "download" } });
  fireEvent.click(screen.getByRole("button", { name: "Create link" }));
  expect(await screen.findByDisplayValue("http://x/s/tok")).toBeInTheDocument();
  const created = calls.find((c) => c.method === "POST")!;
  expect(created.body).toMatchObject({ folder_id: "f-1", permission: "download" });
  expect(created.body).not.toHaveProperty("image_id");
  expect(calls.find((c) => c.method === "GET")!.url.searchParams.get("folder_id")).toBe("f-1");
  expect(await screen.findByText(/view and download/)).toBeInTheDocument();
});

const active = { share_id: "s-1", folder_id: null, image_id: "i-1", permission: "view", status: "active",
                 current_views: 0, max_views: null, password_protected: false, share_url: "http://x/s/tok" };

test("Tab stays in the share dialog", async () => {
  fakeFetch({ "GET /api/v1/shares": () => [200, { shares: [] }] });
  const outside = document.createElement("button");
  outside.textContent = "behind";
  document.body.append(outside);
  show({ imageId: "i-1" });
  const dialog = screen.getByRole("dialog", { name: "Share" });
  await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
  for (let n = 0; n < 12; n += 1) {
    await userEvent.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
  }
  outside.remove();
});

test("a revoke is asked first; a refused one is said, and a copied link too", async () => {
  const calls = fakeFetch({
    "GET /api/v1/shares": () => [200, { shares: [active, { ...active, share_id: "s-2", password_protected: true }] }],
    "POST /api/v1/shares": () => [200, active],
    "DELETE /api/v1/shares/s-1": () => [403, { error: { code: "forbidden", message: "not yours" } }],
  });
  const writeText = vi.fn(async () => undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  show({ imageId: "i-1" });
  // a drawn icon, not an emoji (no emoji font: a missing-glyph box)
  expect((await screen.findByRole("img", { name: "password protected" })).tagName.toLowerCase()).toBe("svg");
  fireEvent.click(screen.getAllByRole("button", { name: "Revoke" })[0]);
  // asked first, in the row: Cancel keeps it, and nothing is sent
  const asked = screen.getByRole("group", { name: "Revoke this link?" });
  expect(within(asked).getByRole("button", { name: "Revoke" })).toHaveFocus();
  fireEvent.click(within(asked).getByRole("button", { name: "Cancel" }));
  expect(screen.queryByRole("group", { name: "Revoke this link?" })).toBeNull();
  expect(calls.filter((c) => c.method === "DELETE")).toEqual([]);
  fireEvent.click(screen.getAllByRole("button", { name: "Revoke" })[0]);
  fireEvent.click(within(screen.getByRole("group", { name: "Revoke this link?" })).getByRole("button", { name: "Revoke" }));
  expect(await screen.findByText("You are not allowed to do that")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Create link" }));
  fireEvent.click(await screen.findByRole("button", { name: "Copy" }));
  expect(await screen.findByText("Copied")).toBeInTheDocument();
  expect(writeText).toHaveBeenCalledWith("http://x/s/tok");
});

test("a smart folder's share dialog makes a link to the saved search and lists only its links", async () => {
  const mine = { share_id: "s-1", folder_id: null, image_id: null, smart_folder_id: "sf-1", permission: "download",
                 status: "active", current_views: 0, max_views: null, password_protected: false, share_url: "http://x/s/a" };
  const other = { ...mine, share_id: "s-2", smart_folder_id: null, folder_id: "f-1", share_url: "http://x/s/b" };
  const calls = fakeFetch({
    "GET /api/v1/shares": () => [200, { shares: [mine, other] }],
    "POST /api/v1/shares": () => [200, mine],
  });
  show({ smartFolderId: "sf-1", name: "고양이들" });
  expect(screen.getByRole("dialog", { name: "Share 고양이들" })).toBeInTheDocument();
  expect(screen.getByText("Whoever opens the link sees what the search finds at that moment.")).toBeInTheDocument();
  await waitFor(() => expect(screen.getAllByRole("button", { name: "Revoke" })).toHaveLength(1));
  fireEvent.click(screen.getByRole("button", { name: "Create link" }));
  await waitFor(() => expect(calls.find((c) => c.method === "POST")?.body).toMatchObject({ smart_folder_id: "sf-1" }));
  // the list of links is asked for without a filter it does not take
  expect(calls.find((c) => c.method === "GET")!.url.search).toBe("");
});

test("an image's active links can be copied again from its share dialog, a revoked one not", async () => {
  fakeFetch({
    "GET /api/v1/shares": () => [200, { shares: [
      { ...active, share_id: "s-1", share_url: "http://x/s/one" },
      { ...active, share_id: "s-2", share_url: null, status: "revoked", is_active: false },
    ] }],
  });
  const writeText = vi.fn(async () => undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  show({ imageId: "i-1" });
  const links = await screen.findByRole("list", { name: "Links" });
  await waitFor(() => expect(within(links).getAllByRole("listitem")).toHaveLength(2));
  const [first, second] = within(links).getAllByRole("listitem");
  fireEvent.click(within(first).getByRole("button", { name: "Copy link" }));
  await waitFor(() => expect(writeText).toHaveBeenCalledWith("http://x/s/one"));
  expect(within(second).queryByRole("button", { name: "Copy link" })).toBeNull();
});
