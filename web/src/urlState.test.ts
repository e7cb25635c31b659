import { NO_FILTERS } from "./api";
import { filtersFromUrl, filtersToUrl } from "./urlState";

test("the search and filters survive a trip through the URL", () => {
  const filters = { q: "사이버펑크 city", tag: "풍경", folder: "f-1", favorite: true, sort: "oldest" as const, trash: false, workspace: "w-1", isPublic: true };
  expect(filtersFromUrl(filtersToUrl(filters))).toEqual(filters);
  expect(filtersToUrl(NO_FILTERS)).toBe("");
  expect(filtersFromUrl("?sort=sideways").sort).toBe("");
});

test("the list of my links has its own address", () => {
  expect(filtersToUrl({ ...NO_FILTERS, links: true })).toBe("?view=links");
  expect(filtersFromUrl("?view=links").links).toBe(true);
  expect(filtersFromUrl("?view=trash").links).toBeUndefined();
});

test("a folder's own images only (not its subfolders') is in the URL, and only with a folder", () => {
  const onlyIts = { ...NO_FILTERS, isPublic: false, folder: "f-1", folderOnly: true };
  expect(filtersToUrl(onlyIts)).toBe("?folder=f-1&subfolders=0");
  expect(filtersFromUrl("?folder=f-1&subfolders=0")).toEqual(onlyIts);
  expect(filtersFromUrl("?folder=f-1").folderOnly).toBeUndefined(); // with its subfolders: the default
  expect(filtersToUrl({ ...NO_FILTERS, folderOnly: true })).toBe("");
  expect(filtersFromUrl("?subfolders=0").folderOnly).toBeUndefined();
});
