// Smart folders in the sidebar: saved searches with what they find now (a warning when the
// search no longer works), the current search saved as one, the one shown renamed, its search
// replaced, deleted; its images listed by its own keyset pages; the state in the address.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { vi } from "vitest";

import { Api, type Filters, NO_FILTERS } from "../api";
import { I18nProvider, type Language } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { filtersFromUrl, filtersToUrl } from "../urlState";
import { SmartFolderBar } from "./SmartFolderActions";
import { queryOf, SmartFolders } from "./SmartFolders";
import { ToastProvider } from "./Toast";

const smart = (id: string, name: string, count: number | null) => ({
  smart_folder_id: id, name, query: { q: "portrait" }, sort_order: 0, image_count: count,
  created_at: "2026-12-01T00:00:00Z", updated_at: "2026-12-01T00:00:00Z",
});

function sidebar(filters: Filters, routes = {}, language: Language = "en", bar = false) {
  const onChange = vi.fn();
  const calls = fakeFetch({
    "GET /api/v1/files/smart-folders": () => [200, [smart("s-1", "Portraits", 12), smart("s-2", "Old steps", null)]],
    ...routes,
  });
  render(
    <I18nProvider initial={language}><ToastProvider>
      {bar ? <SmartFolderBar api={new Api("t")} smartFolderId={filters.smart ?? ""} onChange={onChange} />
        : <SmartFolders api={new Api("t")} filters={filters} onChange={onChange} />}
    </ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
  return { calls, onChange };
}

test("the list shows each smart folder's count, a warning for a search that no longer works, and picks one", async () => {
  const { onChange } = sidebar(NO_FILTERS);
  const section = await screen.findByRole("region", { name: "Smart folders" });
  const portraits = await within(section).findByRole("button", { name: /Portraits 12/ });
  const broken = within(section).getByRole("img", { name: "The search no longer works: edit it" });
  expect(broken.parentElement).toHaveAttribute("title", "The search no longer works: edit it");
  // nothing is a search now: nothing to save
  expect(within(section).queryByRole("button", { name: "Save this search as a smart folder" })).toBeNull();
  fireEvent.click(portraits);
  expect(onChange).toHaveBeenCalledWith(expect.objectContaining({ smart: "s-1", q: "", folder: "", trash: false }));
});

test("the current search is saved as a smart folder with the parameters the search is sent", async () => {
  const filters: Filters = { ...NO_FILTERS, q: "portrait steps:20-30", rating: 4, allTags: ["cat"], sort: "newest" };
  const { calls } = sidebar(filters, {
    "POST /api/v1/files/smart-folders": (_: URL, body: { name: string }) => [201, smart("s-3", body.name, 3)],
  });
  fireEvent.click(await screen.findByRole("button", { name: "Save this search as a smart folder" }));
  fireEvent.change(screen.getByRole("textbox", { name: "Smart folder name" }), { target: { value: "고양이" } });
  fireEvent.click(screen.getByRole("button", { name: "Save" }));
  await waitFor(() => expect(calls.find((c) => c.method === "POST")?.body).toEqual({
    name: "고양이",
    query: { q: "portrait steps:20-30", rating_min: 4, tags: ["cat"], sort: "newest", include_subfolders: false },
  }));
  expect(queryOf({ ...NO_FILTERS, folder: "f-1" })).toEqual({ folder_id: "f-1", include_subfolders: true });
});

test("a name taken is said in Korean", async () => {
  sidebar({ ...NO_FILTERS, q: "cat" }, {
    "POST /api/v1/files/smart-folders": () => [409, { error: { code: "smart_folder_name_taken", message: "taken" } }],
  }, "ko");
  fireEvent.click(await screen.findByRole("button", { name: "이 검색을 스마트 폴더로 저장" }));
  fireEvent.change(screen.getByRole("textbox", { name: "스마트 폴더 이름" }), { target: { value: "Portraits" } });
  fireEvent.click(screen.getByRole("button", { name: "저장" }));
  expect(await screen.findByText("같은 이름의 스마트 폴더가 이미 있습니다", {}, { timeout: 4000 })).toBeInTheDocument();
});

test("over the smart folder shown: its name; renamed, and deleted once confirmed", async () => {
  const { calls, onChange } = sidebar({ ...NO_FILTERS, smart: "s-1" }, {
    "PATCH /api/v1/files/smart-folders/s-1": (_: URL, body: object) => [200, { ...smart("s-1", "Faces", 12), ...body }],
    "DELETE /api/v1/files/smart-folders/s-1": () => [200, { deleted: true }],
  }, "en", true);
  expect(await screen.findByRole("heading", { name: "Portraits" })).toBeInTheDocument();
  const actions = await screen.findByRole("group", { name: "Smart folder “Portraits”" });
  expect(within(actions).getByRole("button", { name: "Download as ZIP" })).toBeEnabled();
  expect(within(actions).getByRole("button", { name: "Share “Portraits”" })).toHaveAttribute("aria-haspopup", "dialog");
  fireEvent.click(within(actions).getByRole("button", { name: "Rename" }));
  fireEvent.change(within(actions).getByRole("textbox", { name: "Smart folder name" }), { target: { value: "Faces" } });
  fireEvent.click(within(actions).getByRole("button", { name: "Save" }));
  await waitFor(() => expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ name: "Faces" }));
  fireEvent.click(within(actions).getByRole("button", { name: "Delete" }));
  const ask = await screen.findByRole("alertdialog", { name: "Delete the smart folder “Portraits”?" });
  fireEvent.click(within(ask).getByRole("button", { name: "Delete" }));
  await waitFor(() => expect(onChange).toHaveBeenCalledWith({ smart: "" }));
  expect(calls.some((c) => c.method === "DELETE")).toBe(true);
});

test("a smart folder's images come by its own keyset pages; the address keeps which one", async () => {
  const calls = fakeFetch({
    "GET /api/v1/files/smart-folders/s-1/images": () => [200, { results: [], total: 0, next_cursor: "c-2", filters: [] }],
  });
  const page = await new Api("t").images({ ...NO_FILTERS, smart: "s-1" }, "c-1");
  expect(page.nextCursor).toBe("c-2");
  expect(calls[0].url.searchParams.get("cursor")).toBe("c-1");
  expect(filtersToUrl({ ...NO_FILTERS, smart: "s-1" })).toBe("?smart=s-1");
  expect(filtersFromUrl("?smart=s-1").smart).toBe("s-1");
});

test("a smart folder whose search no longer works says so over its images, and offers no ZIP", async () => {
  sidebar({ ...NO_FILTERS, smart: "s-2" }, {}, "ko", true);
  expect(await screen.findByText("이 검색은 더 이상 작동하지 않습니다. 검색을 수정하세요")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "ZIP으로 내려받기" })).toBeDisabled();
});
