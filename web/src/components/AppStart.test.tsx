import { fireEvent, render, screen } from "@testing-library/react";

import { App } from "../App";
import { I18nProvider } from "../i18n";
import { fakeFetch, folder, image, workspace } from "../test/fakeApi";

test("the dashboard asks for the folders and the workspaces once when it starts", async () => {
  const calls = fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": () => [200, { images: [image(1)], total: 1, next_cursor: null }],
    "GET /api/v1/files/folders": () => [200, [folder({ folder_id: "f-1", name: "풍경" })]],
    "GET /api/v1/files/tags": () => [200, []],
    "GET /api/v1/workspaces": () => [200, [workspace({ workspace_id: "w-1", name: "Studio", role: "owner" })]],
    "GET /api/v1/workspaces/invitations": () => [200, []],
  });
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "Sign in" })));
  // the sidebar shows both, from the one answer each that the app asked for
  expect(await screen.findByRole("treeitem", { name: /^풍경/ })).toBeInTheDocument();
  expect(await screen.findByRole("button", { name: /Studio/ })).toBeInTheDocument();
  expect(await screen.findByText("1 image")).toBeInTheDocument();
  const asked = (path: string) => calls.filter((c) => c.method === "GET" && c.url.pathname === path).length;
  expect(asked("/api/v1/files/folders")).toBe(1);
  expect(asked("/api/v1/workspaces")).toBe(1);
});
