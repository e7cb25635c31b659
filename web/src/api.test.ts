import { Api, ApiError, NO_FILTERS, queryString } from "./api";
import { fakeFetch, image } from "./test/fakeApi";

test("query strings skip empty values and repeat lists", () => {
  expect(queryString({ q: "고양이", tags: ["a", "b"], folder_id: "", cursor: null })).toBe(
    "?q=%EA%B3%A0%EC%96%91%EC%9D%B4&tags=a&tags=b",
  );
  expect(queryString({})).toBe("");
});

test("an error answer becomes an ApiError with the API's code and message", async () => {
  fakeFetch({ "POST /api/v1/uploads": () => [413, { error: { code: "quota_exceeded", message: "no room" } }] });
  const api = new Api("t");
  await expect(api.request("POST", "/api/v1/uploads", {})).rejects.toMatchObject({
    status: 413, code: "quota_exceeded", message: "no room",
  });
  await expect(api.request("POST", "/api/v1/uploads", {})).rejects.toBeInstanceOf(ApiError);
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
  const headers = (fetch as unknown as { mock: { calls: [string, RequestInit][] } }).mock.calls[0][1].headers;
  expect(headers).toMatchObject({ Authorization: "Bearer secret-token" });
});
