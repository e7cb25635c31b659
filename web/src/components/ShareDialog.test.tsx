import { fireEvent, render, screen } from "@testing-library/react";
import { vi } from "vitest";

import { Api } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { ShareDialog } from "./ShareDialog";

test("Escape closes the share dialog, and focus goes back to what opened it", async () => {
  fakeFetch({ "GET /api/v1/shares": () => [200, { shares: [] }] });
  const opener = document.createElement("button");
  document.body.append(opener);
  opener.focus();
  const closed = vi.fn();
  const { unmount } = render(
    <I18nProvider initial="en"><ShareDialog api={new Api("t")} target={{ imageId: "i-1" }} onClose={closed} /></I18nProvider>,
    { wrapper: QueryWrapper },
  );
  const dialog = screen.getByRole("dialog", { name: "Share" });
  expect(dialog.contains(document.activeElement)).toBe(true); // focus moved in
  fireEvent.keyDown(document.activeElement!, { key: "Escape" });
  expect(closed).toHaveBeenCalledTimes(1);
  unmount();
  expect(document.activeElement).toBe(opener);
});

test("a folder's share dialog makes a link to the folder and lists the folder's links", async () => {
  const link = { share_id: "s-1", folder_id: "f-1", image_id: null, permission: "download", status: "active",
                 current_views: 0, max_views: null, password_protected: false, share_url: "http://x/s/tok" };
  const calls = fakeFetch({
    "GET /api/v1/shares": (url) => [200, { shares: url.searchParams.get("folder_id") === "f-1" ? [link] : [] }],
    "POST /api/v1/shares": () => [200, link],
  });
  render(
    <I18nProvider initial="en">
      <ShareDialog api={new Api("t")} target={{ folderId: "f-1", name: "풍경" }} onClose={() => undefined} />
    </I18nProvider>,
    { wrapper: QueryWrapper },
  );
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
