import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { App } from "../App";
import { I18nProvider } from "../i18n";
import { fakeFetch, folder, image } from "../test/fakeApi";

function routes(extra: Parameters<typeof fakeFetch>[0] = {}) {
  return fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": () => [200, { images: [image(1)], total: 1, next_cursor: null }],
    "GET /api/v1/search/images": () => [200, { results: [], total: 0, next_cursor: null }],
    "GET /api/v1/files/storage-usage": () => [200, {
      plan: "pro", used_bytes: 50 * 1024 ** 3, reserved_bytes: 0, quota_bytes: 100 * 1024 ** 3,
      unlimited: false, percentage: 50, image_count: 1, recompression_saved_bytes: 3 * 1024 ** 3 }],
    "GET /api/v1/files/folders": () => [200, [folder({ folder_id: "f-1", name: "풍경", color: "#4CAF50", image_count: 3 })]],
    "GET /api/v1/files/tags": () => [200, [{ tag_id: "t-1", name: "고양이", usage_count: 7 }]],
    ...extra,
  });
}

test("sign in, see the gallery, the meter and the sidebar; search goes into the URL; sign out", async () => {
  const calls = routes();
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  const signIn = await screen.findByRole("button", { name: "Sign in" });
  expect(screen.getByRole("main")).toContainElement(signIn); // the sign-in screen is a landmark too
  fireEvent.click(signIn);
  expect(await screen.findByText("1 image")).toBeInTheDocument();
  expect(await screen.findByText("50 GB / 100 GB · pro")).toBeInTheDocument();
  expect(screen.getByText("3.0 GB saved by lossless compression")).toBeInTheDocument();
  expect(await screen.findByRole("treeitem", { name: /^풍경/ })).toBeInTheDocument();
  expect(sessionStorage.getItem("pingvas.session")).toContain("tok");

  fireEvent.change(screen.getByLabelText("Search prompts (Korean or English)"), { target: { value: "고양이 우주복" } });
  fireEvent.submit(screen.getByRole("search"));
  expect(await screen.findByText("Nothing matches.")).toBeInTheDocument();
  expect(new URLSearchParams(window.location.search).get("q")).toBe("고양이 우주복");
  expect(calls.some((c) => c.url.pathname === "/api/v1/search/images")).toBe(true);

  fireEvent.click(screen.getByRole("button", { name: /#고양이/ }));
  expect(new URLSearchParams(window.location.search).get("tag")).toBe("고양이");

  fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
  expect((await screen.findByRole("button", { name: "Sign in" }))).toBeInTheDocument();
  expect(sessionStorage.getItem("pingvas.session")).toBeNull();
});

test("the interface speaks Korean or English, switchable", async () => {
  routes();
  render(<I18nProvider initial="ko"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "로그인" })));
  expect(await screen.findByRole("button", { name: "로그아웃" })).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "English" }));
  expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
  expect(document.documentElement.lang).toBe("en");
});

test("the first Tab stop skips to the images; the page has a banner, a navigation, a main and one h1", async () => {
  routes();
  window.history.replaceState(null, "", "/"); // the first test leaves a search in the URL
  const user = userEvent.setup();
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "Sign in" })));
  expect(await screen.findByText("1 image")).toBeInTheDocument();

  await user.tab();
  const skip = screen.getByRole("link", { name: "Skip to images" });
  expect(skip).toHaveFocus();
  await user.keyboard("{Enter}");
  expect(screen.getByTestId("gallery-scroller")).toHaveFocus();
  await user.tab(); // the next stop is the grid's one (its first image), not the header's or the sidebar's
  expect(screen.getByRole("button", { name: "image 1" })).toHaveFocus();
  await user.tab(); // and the one after leaves the grid: not its next image
  expect(screen.getByTestId("gallery-scroller")).not.toContainElement(document.activeElement as HTMLElement);

  expect(screen.getByRole("banner")).toBeInTheDocument();
  expect(screen.getByRole("navigation", { name: "Navigation" })).toBeInTheDocument();
  expect(screen.getByRole("main")).toBeInTheDocument();
  expect(screen.getAllByRole("heading", { level: 1 })).toHaveLength(1);
  expect(await screen.findByRole("meter", { name: "Storage" })).toBeInTheDocument(); // axe: aria-meter-name
});

test("the skip link speaks Korean too", async () => {
  routes();
  render(<I18nProvider initial="ko"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "로그인" })));
  expect(await screen.findByRole("link", { name: "이미지로 건너뛰기" })).toBeInTheDocument();
});

test("an expired token (a 401 from any call) signs out and says so on the sign-in screen", async () => {
  window.history.replaceState(null, "", "/"); // no search left over from another test
  let expired = true;
  fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    // API Gateway's own answer to an expired token
    "GET /api/v1/files/images": () =>
      expired ? [401, { message: "Unauthorized" }] : [200, { images: [image(1)], total: 1, next_cursor: null }],
  });
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "Sign in" })));
  expect(await screen.findByText("Your session has ended: sign in again")).toHaveAttribute("role", "alert");
  expect((await screen.findByRole("button", { name: "Sign in" }))).toBeInTheDocument();
  expect(screen.queryByText("Unauthorized")).toBeNull();
  expect(sessionStorage.getItem("pingvas.session")).toBeNull();

  expired = false;
  fireEvent.click((await screen.findByRole("button", { name: "Sign in" })));
  expect(await screen.findByText("1 image")).toBeInTheDocument();
  expect(screen.queryByText("Your session has ended: sign in again")).toBeNull();
});

test("the session-ended notice is in the UI language", async () => {
  fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/storage-usage": () => [401, { error: { code: "unauthorized", message: "token expired" } }],
  });
  render(<I18nProvider initial="ko"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "로그인" })));
  expect(await screen.findByText("세션이 만료되었습니다. 다시 로그인하세요")).toBeInTheDocument();
  expect((await screen.findByRole("button", { name: "로그인" }))).toBeInTheDocument();
});

test("the viewer's ← and → go through the list it was opened from, and stop at its ends", async () => {
  const list = [image(1), image(2), image(3)];
  fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": () => [200, { images: list, total: 3, next_cursor: null }],
    "GET /api/v1/files/folders": () => [200, []],
    "GET /api/v1/files/tags": () => [200, []],
  });
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "Sign in" })));
  await userEvent.click(await screen.findByRole("button", { name: "image 2" }));
  expect(await screen.findByRole("dialog")).toHaveAccessibleName("image 2"); // the viewer's chunk comes first
  fireEvent.keyDown(document.body, { key: "ArrowRight" });
  expect(screen.getByRole("dialog")).toHaveAccessibleName("image 3");
  expect(screen.getByRole("button", { name: "Next image" })).toBeDisabled(); // the last
  fireEvent.keyDown(document.body, { key: "ArrowLeft" });
  fireEvent.keyDown(document.body, { key: "ArrowLeft" });
  expect(screen.getByRole("dialog")).toHaveAccessibleName("image 1");
  expect(screen.getByRole("button", { name: "Previous image" })).toBeDisabled();
});

test("the viewer walks the live listing: → at the last loaded image waits for the next page and goes on to it", async () => {
  window.history.replaceState(null, "", "/");
  const calls = fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": (url) => url.searchParams.get("cursor") === "c2"
      ? [200, { images: [image(3)], total: 3, next_cursor: null }]
      : [200, { images: [image(1), image(2)], total: 3, next_cursor: "c2" }],
    "GET /api/v1/files/folders": () => [200, []],
    "GET /api/v1/files/tags": () => [200, []],
  });
  // page 2 (the gallery asks for it as its last row shows) waits until → was pressed
  let answer = () => undefined as void;
  const answered = new Promise<void>((resolve) => { answer = resolve; });
  const inMemory = globalThis.fetch;
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    if (input instanceof Request && new URL(input.url).searchParams.get("cursor") === "c2") await answered;
    return inMemory(input, init);
  });
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "Sign in" })));
  await userEvent.click(await screen.findByRole("button", { name: "image 2" }));
  expect(await screen.findByRole("dialog")).toHaveAccessibleName("image 2");
  fireEvent.keyDown(document.body, { key: "ArrowRight" });
  expect(screen.getByRole("button", { name: "Next image" })).toHaveAttribute("aria-busy", "true");
  answer();
  expect(await screen.findByRole("dialog", { name: "image 3" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Next image" })).toBeDisabled();
  const pages = calls.filter((c) => c.url.pathname === "/api/v1/files/images");
  expect(pages.map((c) => c.url.searchParams.get("cursor"))).toEqual([null, "c2"]); // each page once
});

test("a change answered after the viewer was closed does not open it again", async () => {
  let answer = () => undefined as void;
  const answered = new Promise<void>((resolve) => { answer = resolve; });
  fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": () => [200, { images: [image(1)], total: 1, next_cursor: null }],
    "GET /api/v1/files/folders": () => [200, [folder({ folder_id: "f-1", name: "풍경" })]],
    "GET /api/v1/files/tags": () => [200, []],
    "PATCH /api/v1/files/images/00000000-0000-4000-8000-000000000001":
      () => [200, image(1, { folder_id: "f-1" })],
  });
  // the move's answer waits until the viewer is closed
  const inMemory = globalThis.fetch;
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    if (input instanceof Request && input.method === "PATCH") await answered;
    return inMemory(input, init);
  });
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "Sign in" })));
  await userEvent.click(await screen.findByRole("button", { name: "image 1" }));
  const viewer = await screen.findByRole("dialog");
  fireEvent.change(within(viewer).getByRole("combobox", { name: "Folder" }), { target: { value: "f-1" } });
  await userEvent.click(within(viewer).getByRole("button", { name: "Close" }));
  expect(screen.queryByRole("dialog")).toBeNull();
  answer();
  await waitFor(() => expect(vi.mocked(inMemory)).toHaveBeenCalledWith(
    expect.objectContaining({ method: "PATCH" }), undefined));
  await new Promise((resolve) => setTimeout(resolve, 50)); // the answer handled
  expect(screen.queryByRole("dialog")).toBeNull();
});

test("the trash says how long images wait there, and emptying it is asked first", async () => {
  const calls = fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": () => [200, { images: [], total: 0, next_cursor: null }],
    "GET /api/v1/files/trash": () => [200, {
      images: [image(1, { deleted_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
                          purge_after: new Date(Date.now() + 27 * 86_400_000).toISOString() })],
      total: 1, next_cursor: null }],
    "DELETE /api/v1/files/trash": () => [200, { purged: 1 }],
  });
  const user = userEvent.setup();
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  await user.click((await screen.findByRole("button", { name: "Sign in" })));
  await user.click(await screen.findByRole("button", { name: /Trash/ }));
  expect(await screen.findByText("Images in the trash are deleted for good after 30 days.")).toBeInTheDocument();
  expect(await screen.findByText("1 image")).toBeInTheDocument();
  expect(await screen.findByText("Deleted for good in 27 days")).toBeInTheDocument();

  await user.click(await screen.findByRole("button", { name: "Empty the trash for good" }));
  expect(screen.getByRole("alertdialog", { name: "Empty the trash?" })).toBeInTheDocument();
  await user.keyboard("{Escape}");
  expect(calls.some((c) => c.method === "DELETE")).toBe(false);
  await user.click(screen.getByRole("button", { name: "Empty the trash for good" }));
  await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Empty the trash for good" }));
  expect(calls.filter((c) => c.method === "DELETE").map((c) => c.url.pathname)).toEqual(["/api/v1/files/trash"]);
  // said, in place of any Undo of a deletion that the emptying made final
  expect(await screen.findByText("The trash is empty: its images are deleted for good")).toBeInTheDocument();
  window.history.replaceState(null, "", "/"); // the next test starts outside the trash
});

test("a total the server counted only up to its cap reads as a lower bound", async () => {
  fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": () => [200, { images: [image(1)], total: 10000, total_exact: false, next_cursor: "c2" }],
    "GET /api/v1/files/folders": () => [200, []],
    "GET /api/v1/files/tags": () => [200, []],
  });
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  fireEvent.click((await screen.findByRole("button", { name: "Sign in" })));
  expect(await screen.findByText("10,000+ images")).toBeInTheDocument();
});

test("each resource is asked once at start, the invitations addressed to me too", async () => {
  const calls = routes({
    "GET /api/v1/workspaces": () => [200, []],
    "GET /api/v1/workspaces/invitations": () => [200, [
      { invitation_id: "i-1", workspace_id: "w-1", workspace_name: "Studio", role: "editor",
        invited_by_email: "owner@example.com", invited_at: "2026-11-26T00:00:00Z" }]],
  });
  render(<I18nProvider initial="en"><App /></I18nProvider>);
  fireEvent.click(await screen.findByRole("button", { name: "Sign in" }));
  expect(await screen.findByRole("button", { name: "Join Studio" })).toBeInTheDocument();
  expect(await screen.findByText("1 image")).toBeInTheDocument();
  const asked = (path: string) => calls.filter((c) => c.method === "GET" && c.url.pathname === path).length;
  for (const path of ["/api/v1/files/folders", "/api/v1/workspaces", "/api/v1/workspaces/invitations",
                      "/api/v1/files/tags", "/api/v1/files/storage-usage"]) {
    expect([path, asked(path)]).toEqual([path, 1]);
  }
});
