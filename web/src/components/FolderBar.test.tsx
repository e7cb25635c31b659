// A folder's images in the app: listed with its subfolders' by default (or only its own, a
// choice kept in the address), under breadcrumbs from All images; a subfolder made from there.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { App } from "../App";
import { I18nProvider, type Language } from "../i18n";
import { type Call, fakeFetch, folder, image, subfolder } from "../test/fakeApi";

const travel = folder({ folder_id: "f-travel", name: "여행", image_count: 3, total_image_count: 12 });
const jeju = subfolder(travel, { folder_id: "f-jeju", name: "제주", image_count: 3, total_image_count: 5 });
const beach = subfolder(jeju, { folder_id: "f-beach", name: "해변", image_count: 2 });
const FOLDERS = [travel, jeju, beach];

function signedIn(path: string, language: Language = "en") {
  window.history.replaceState(null, "", path);
  vi.stubGlobal("matchMedia", (query: string) => ({
    media: query, matches: false, addEventListener: () => undefined, removeEventListener: () => undefined,
  }));
  let folders = FOLDERS;
  const calls = fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": () => [200, { images: [image(1)], total: 1, next_cursor: null }],
    "GET /api/v1/files/folders": () => [200, folders],
    "POST /api/v1/files/folders": (_, body) => {
      const made = subfolder(beach, { folder_id: "f-sand", name: (body as { name: string }).name });
      folders = [...folders, made];
      return [201, made];
    },
    "GET /api/v1/files/tags": () => [200, []],
    "GET /api/v1/workspaces": () => [200, []],
    "GET /api/v1/workspaces/invitations": () => [200, []],
  });
  render(<I18nProvider initial={language}><App /></I18nProvider>);
  return calls;
}

const listings = (calls: Call[]) => calls.filter((c) => c.method === "GET" && c.url.pathname === "/api/v1/files/images")
  .map((c) => Object.fromEntries([...c.url.searchParams].filter(([key]) => key === "folder_id" || key === "include_subfolders")));

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  window.history.replaceState(null, "", "/");
});

test("a folder lists with its subfolders by default, under breadcrumbs each of which goes there", async () => {
  const user = userEvent.setup();
  const calls = signedIn("/?folder=f-jeju");
  await user.click(await screen.findByRole("button", { name: "Sign in" }));
  const crumbs = await screen.findByRole("navigation", { name: "Folder path" });
  expect(within(crumbs).getAllByRole("button").map((b) => b.textContent)).toEqual(["All images", "여행", "제주"]);
  expect(within(crumbs).getByRole("button", { name: "제주" })).toHaveAttribute("aria-current", "page");
  await waitFor(() => expect(listings(calls).at(-1)).toEqual({ folder_id: "f-jeju", include_subfolders: "true" }));
  // the tree shows it too: selected, with the folders above it open
  expect(screen.getByRole("treeitem", { name: /^제주/ })).toHaveAttribute("aria-selected", "true");

  await user.click(within(crumbs).getByRole("button", { name: "여행" }));
  expect(new URLSearchParams(window.location.search).get("folder")).toBe("f-travel");
  await waitFor(() => expect(listings(calls).at(-1)).toEqual({ folder_id: "f-travel", include_subfolders: "true" }));
  expect(screen.getByRole("treeitem", { name: /^여행/ })).toHaveAttribute("aria-selected", "true");

  await user.click(within(screen.getByRole("navigation", { name: "Folder path" })).getByRole("button", { name: "All images" }));
  expect(window.location.search).toBe("");
  expect(screen.queryByRole("navigation", { name: "Folder path" })).toBeNull();
  await waitFor(() => expect(listings(calls).at(-1)).toEqual({}));
});

test("Only this folder lists its own images, kept in the address; Include subfolders brings the rest back", async () => {
  const user = userEvent.setup();
  const calls = signedIn("/?folder=f-travel", "ko");
  await user.click(await screen.findByRole("button", { name: "로그인" }));
  const choice = await screen.findByRole("group", { name: "하위 폴더" });
  const include = within(choice).getByRole("button", { name: "하위 폴더 포함 (12)" });
  expect(include).toHaveAttribute("aria-pressed", "true");
  await user.click(within(choice).getByRole("button", { name: "이 폴더만 (3)" }));
  expect(new URLSearchParams(window.location.search).get("subfolders")).toBe("0");
  await waitFor(() => expect(listings(calls).at(-1)).toEqual({ folder_id: "f-travel" }));
  expect(include).toHaveAttribute("aria-pressed", "false");
  await user.click(include);
  expect(new URLSearchParams(window.location.search).has("subfolders")).toBe(false);
  await waitFor(() => expect(listings(calls).at(-1)).toEqual({ folder_id: "f-travel", include_subfolders: "true" }));

  // the choice is the folder's: another folder picked lists with its subfolders again
  await user.click(within(choice).getByRole("button", { name: "이 폴더만 (3)" }));
  await user.click(screen.getByText("제주"));
  expect(new URLSearchParams(window.location.search).get("folder")).toBe("f-jeju");
  expect(new URLSearchParams(window.location.search).has("subfolders")).toBe(false);
  await waitFor(() => expect(listings(calls).at(-1)).toEqual({ folder_id: "f-jeju", include_subfolders: "true" }));
});

test("a folder without subfolders has no such choice; a subfolder made in it shows in the tree under it", async () => {
  const user = userEvent.setup();
  const calls = signedIn("/?folder=f-beach");
  await user.click(await screen.findByRole("button", { name: "Sign in" }));
  await screen.findByRole("navigation", { name: "Folder path" });
  expect(screen.queryByRole("group", { name: "Subfolders" })).toBeNull();
  expect(screen.getByRole("treeitem", { name: /^해변/ })).not.toHaveAttribute("aria-expanded");
  await user.click(screen.getByRole("button", { name: "New subfolder" }));
  await user.type(screen.getByRole("textbox", { name: "New subfolder in “해변”" }), "모래{Enter}");
  await waitFor(() => expect(calls.find((c) => c.method === "POST" && c.url.pathname === "/api/v1/files/folders")?.body).toEqual({ name: "모래", parent_id: "f-beach" }));
  await screen.findByRole("treeitem", { name: /^해변/, expanded: true });
  expect(screen.getByRole("treeitem", { name: "모래 0" })).toHaveAttribute("aria-level", "4"); // under it
  expect(screen.queryByRole("textbox", { name: "New subfolder in “해변”" })).toBeNull();
  expect(screen.getByRole("button", { name: "Share 해변" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Edit 해변" })).toHaveAttribute("aria-expanded", "false");
});
