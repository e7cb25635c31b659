import { vi } from "vitest";

import { Api, ApiError, NO_FILTERS, queryString } from "./api";
import { fakeFetch, image } from "./test/fakeApi";

test("query strings skip empty values and repeat lists", () => {
  expect(queryString({ q: "고양이", tags: ["a", "b"], folder_id: "", cursor: null })).toBe(
    "?q=%EA%B3%A0%EC%96%91%EC%9D%B4&tags=a&tags=b",
  );
  expect(queryString({})).toBe("");
});

const png = new File(["x"], "cat.png", { type: "image/png" });

test("an error answer becomes an ApiError with the API's code and message", async () => {
  fakeFetch({ "POST /api/v1/uploads": () => [413, { error: { code: "quota_exceeded", message: "no room" } }] });
  const api = new Api("t");
  await expect(api.createUpload(png)).rejects.toMatchObject({
    status: 413, code: "quota_exceeded", message: "no room",
  });
  await expect(api.createUpload(png)).rejects.toBeInstanceOf(ApiError);
});

test("a 429 tells how long to wait (Retry-After); API Gateway's own errors keep their message", async () => {
  fakeFetch({
    "POST /api/v1/uploads": () => [429, { error: { code: "too_many_requests", message: "slow down" } }, { "Retry-After": "7" }],
    "GET /api/v1/files/storage-usage": () => [401, { message: "Unauthorized" }],
  });
  const api = new Api("t");
  await expect(api.createUpload(png)).rejects.toMatchObject({ status: 429, retryAfter: 7 });
  await expect(api.storageUsage()).rejects.toMatchObject({ status: 401, code: "http_401", message: "Unauthorized" });
});

test("unset filters stay out of the URL and path parameters are encoded", async () => {
  const calls = fakeFetch({});
  const api = new Api("t");
  await api.images({ ...NO_FILTERS, folder: "", tag: "" }, null).catch(() => undefined);
  expect([...calls[0].url.searchParams.keys()].sort()).toEqual(["page_size", "sort_order"]);
  await api.withdrawInvitation("w-1", "a+b@example.com").catch(() => undefined);
  expect(calls[1].url.pathname).toBe("/api/v1/workspaces/w-1/invitations/a%2Bb%40example.com");
});

test("listing without a query reads my images; with one, it searches; the token is sent", async () => {
  const calls = fakeFetch({
    "GET /api/v1/files/images": () => [200, { images: [image(1)], total: 1, next_cursor: "c1" }],
    "GET /api/v1/search/images": () => [200, { results: [image(2)], total: 1, next_cursor: null }],
  });
  const api = new Api("secret-token");
  const mine = await api.images({ ...NO_FILTERS, tag: "cat", sort: "oldest" }, null);
  expect(mine).toMatchObject({ total: 1, nextCursor: "c1" });
  expect(calls[0].url.searchParams.get("tag")).toBe("cat");
  expect(calls[0].url.searchParams.get("sort_order")).toBe("asc");
  const found = await api.images({ ...NO_FILTERS, q: "고양이" }, "c9");
  expect(found.items[0].image_id).toBe(image(2).image_id);
  expect(calls[1].url.pathname).toBe("/api/v1/search/images");
  expect(calls[1].url.searchParams.get("cursor")).toBe("c9");
  expect(calls[0].headers.get("Authorization")).toBe("Bearer secret-token");
});

test("every 401 answer is reported (the session ended); other refusals are not", async () => {
  fakeFetch({
    "GET /api/v1/files/storage-usage": () => [401, { message: "Unauthorized" }],
    "GET /api/v1/files/folders": () => [403, { error: { code: "forbidden", message: "no" } }],
  });
  const ended = vi.fn();
  const api = new Api("t", "", ended);
  await expect(api.storageUsage()).rejects.toMatchObject({ status: 401 });
  await expect(api.folders()).rejects.toMatchObject({ status: 403 });
  expect(ended).toHaveBeenCalledTimes(1);
});

test("a folder is listed, searched and counted with its subfolders unless only its own images are asked for", async () => {
  const calls = fakeFetch({
    "GET /api/v1/files/images": () => [200, { images: [], total: 0, next_cursor: null }],
    "GET /api/v1/search/images": () => [200, { results: [], total: 0, next_cursor: null }],
    "GET /api/v1/search/facets": () => [200, {}],
  });
  const api = new Api("t");
  const inFolder = { ...NO_FILTERS, folder: "f-1" };
  await api.images(inFolder, null);
  await api.images({ ...inFolder, q: "고양이" }, null);
  await api.facets(inFolder);
  await api.images({ ...inFolder, folderOnly: true }, null);
  await api.images(NO_FILTERS, null);
  expect(calls.map((c) => [c.url.pathname, c.url.searchParams.get("include_subfolders")])).toEqual([
    ["/api/v1/files/images", "true"], ["/api/v1/search/images", "true"], ["/api/v1/search/facets", "true"],
    ["/api/v1/files/images", null], ["/api/v1/files/images", null],
  ]);
});
