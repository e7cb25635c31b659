// The shell around the gallery: the phone's drawer, the theme, and actions that fail aloud.
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { App } from "../App";
import { I18nProvider } from "../i18n";
import { type Handler, fakeFetch, folder } from "../test/fakeApi";
import { applyTheme, STORED_THEME, storedTheme } from "../theme";

/** The media the page is seen on: a phone-sized window, a dark system. */
function media({ narrow = false, dark = false }) {
  vi.stubGlobal("matchMedia", (query: string) => ({
    media: query, matches: query.includes("max-width") ? narrow : query.includes("dark") ? dark : false,
    addEventListener: () => undefined, removeEventListener: () => undefined,
  }));
}

function signedIn(language: "en" | "ko", extra: Record<string, Handler> = {}) {
  const calls = fakeFetch({
    "POST /api/v1/dev/token": () => [200, { access_token: "tok", user_id: "u-1" }],
    "GET /api/v1/files/images": () => [200, { images: [], total: 0, next_cursor: null }],
    "GET /api/v1/files/folders": () => [200, [folder({ folder_id: "f-1", name: "풍경", image_count: 3 })]],
    "GET /api/v1/files/tags": () => [200, []],
    "GET /api/v1/workspaces": () => [200, []],
    "GET /api/v1/workspaces/invitations": () => [200, []],
    ...extra,
  });
  const user = userEvent.setup();
  render(<I18nProvider initial={language}><App /></I18nProvider>);
  return { calls, user };
}

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
  window.history.replaceState(null, "", "/");
});

test("on a phone the sidebar is a drawer: a pick closes it, so does Esc, and the focus goes back to the menu button", async () => {
  media({ narrow: true });
  const { user } = signedIn("en");
  await user.click((await screen.findByRole("button", { name: "Sign in" })));
  const menu = await screen.findByRole("button", { name: "Menu" });
  expect(screen.queryByRole("navigation")).toBeNull(); // folded away until asked for
  await user.click(menu);
  const drawer = await screen.findByRole("dialog", { name: "Navigation" });
  await user.click(await within(drawer).findByText("풍경"));
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  expect(new URLSearchParams(window.location.search).get("folder")).toBe("f-1");
  expect(menu).toHaveFocus();

  await user.click(menu);
  expect(await screen.findByRole("dialog", { name: "Navigation" })).toBeInTheDocument();
  await user.keyboard("{Escape}");
  await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  expect(menu).toHaveFocus();
});

test("on a phone the header is the menu, the brand, a search button and the settings; sign-out is in the settings", async () => {
  media({ narrow: true });
  const { user } = signedIn("ko");
  await user.click((await screen.findByRole("button", { name: "로그인" })));
  await user.click(await screen.findByRole("button", { name: "검색" }));
  expect(screen.getByLabelText("프롬프트 검색 (한국어 또는 영어)")).toHaveFocus();
  expect(screen.queryByRole("button", { name: "로그아웃" })).toBeNull();
  await user.click(screen.getByRole("button", { name: "설정" }));
  await user.click(within(await screen.findByRole("dialog", { name: "설정" })).getByRole("button", { name: "로그아웃" }));
  expect((await screen.findByRole("button", { name: "로그인" }))).toBeInTheDocument();
});

test("on a phone a search in the address shows its field without the keyboard; a tap on the button focuses it", async () => {
  media({ narrow: true });
  window.history.replaceState(null, "", "/?q=cat");
  const { user } = signedIn("en", {
    "GET /api/v1/search/images": () => [200, { results: [], total: 0, next_cursor: null }],
  });
  await user.click((await screen.findByRole("button", { name: "Sign in" })));
  const field = await screen.findByLabelText(/^Search prompts/);
  expect(field).toHaveValue("cat");
  expect(field).not.toHaveFocus();
  await user.click(screen.getByRole("button", { name: "Close the search" }));
  await user.click(screen.getByRole("button", { name: "Search" }));
  expect(screen.getByLabelText(/^Search prompts/)).toHaveFocus();
});

test("the theme follows the system until one is chosen, and the choice is remembered", async () => {
  media({ dark: true });
  expect(storedTheme()).toBe("system");
  applyTheme(storedTheme()); // as index.html does before the first paint
  expect(document.documentElement.dataset.theme).toBe("dark");
  const { user } = signedIn("en");
  await user.click((await screen.findByRole("button", { name: "Sign in" })));
  const theme = await screen.findByRole("combobox", { name: "Theme" });
  expect(theme).toHaveValue("system");
  await user.selectOptions(theme, "light");
  expect(document.documentElement.dataset.theme).toBe("light");
  expect(localStorage.getItem(STORED_THEME)).toBe("light");
  applyTheme(storedTheme()); // the next visit
  expect(document.documentElement.dataset.theme).toBe("light");
  await user.selectOptions(theme, "system");
  expect(localStorage.getItem(STORED_THEME)).toBeNull();
  expect(document.documentElement.dataset.theme).toBe("dark");
});

test("a folder the server refuses to create is said in a toast, in Korean, not the server's words", async () => {
  media({});
  const { user } = signedIn("ko", {
    "POST /api/v1/files/folders": () => [409, { error: { code: "folder_name_taken", message: "duplicate key" } }],
  });
  await user.click((await screen.findByRole("button", { name: "로그인" })));
  await user.type(await screen.findByLabelText("폴더 이름"), "풍경{Enter}");
  expect(await screen.findByText("같은 이름의 폴더가 이미 있습니다")).toBeInTheDocument();
  expect(screen.queryByText(/duplicate key/)).toBeNull();
  expect(screen.getByLabelText("폴더 이름")).toHaveValue("풍경"); // kept, to fix and try again
});

test("emptying the trash that fails says why in a toast", async () => {
  media({});
  window.history.replaceState(null, "", "/?view=trash");
  const { user } = signedIn("ko", {
    "GET /api/v1/files/trash": () => [200, { images: [], total: 0, next_cursor: null }],
    "DELETE /api/v1/files/trash": () => [500, { error: { code: "internal_error", message: "boom" } }],
  });
  await user.click((await screen.findByRole("button", { name: "로그인" })));
  await user.click(await screen.findByRole("button", { name: "휴지통 비우기 (영구 삭제)" }));
  await user.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "휴지통 비우기 (영구 삭제)" }));
  expect(await screen.findByText("서버에 문제가 생겼습니다. 다시 시도하세요")).toBeInTheDocument();
  expect(screen.queryByText(/boom/)).toBeNull();
});

test("folders that fail to load say so in the sidebar, and Retry loads them", async () => {
  media({});
  let failures = 3; // the first try and its two retries
  signedIn("ko", {
    "GET /api/v1/files/folders": () => failures-- > 0
      ? [500, { error: { code: "internal_error", message: "boom" } }]
      : [200, [folder({ folder_id: "f-1", name: "풍경" })]],
  });
  const user = userEvent.setup();
  await user.click((await screen.findByRole("button", { name: "로그인" })));
  const sidebar = await screen.findByRole("navigation");
  // after the app's two retries, a second and two apart
  expect(await within(sidebar).findByRole("alert", {}, { timeout: 8000 })).toHaveTextContent("서버에 문제가 생겼습니다");
  await user.click(within(sidebar).getByRole("button", { name: "다시 시도" }));
  expect(await within(sidebar).findByRole("treeitem", { name: "풍경 0" })).toBeInTheDocument();
  expect(within(sidebar).queryByRole("alert")).toBeNull();
}, 15_000);
