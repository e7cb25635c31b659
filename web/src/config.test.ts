import { vi } from "vitest";

import { loadConfig } from "./config";
import { sessionFromUser } from "./oidc";

test("a deployment's config.json turns on Cognito; without one (the local gateway) it is local", async () => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(JSON.stringify({
    mode: "cognito", apiBase: "https://api.example.com/", clientId: "abc",
    authority: "https://cognito-idp.ap-northeast-2.amazonaws.com/pool",
  }), { headers: { "Content-Type": "application/json" } })));
  expect(await loadConfig()).toEqual({
    mode: "cognito", apiBase: "https://api.example.com", clientId: "abc",
    authority: "https://cognito-idp.ap-northeast-2.amazonaws.com/pool",
  });
  // the local gateway answers unknown paths with the app itself
  vi.stubGlobal("fetch", vi.fn(async () => new Response("<!doctype html>", { headers: { "Content-Type": "text/html" } })));
  expect(await loadConfig()).toEqual({ mode: "local", apiBase: "" });
  vi.stubGlobal("fetch", vi.fn(async () => { throw new TypeError("offline"); }));
  expect((await loadConfig()).mode).toBe("local");
});

test("the config.json index.html asked for is the one read, once", async () => {
  const fetched = vi.fn(async () => new Response("<!doctype html>", { headers: { "Content-Type": "text/html" } }));
  vi.stubGlobal("fetch", fetched);
  window.configRequest = Promise.resolve({
    mode: "cognito", apiBase: "", clientId: "abc", authority: "https://idp.example.com",
  });
  expect((await loadConfig()).mode).toBe("cognito");
  expect(fetched).not.toHaveBeenCalled();
  expect((await loadConfig()).mode).toBe("local"); // the next start asks again
  expect(fetched).toHaveBeenCalledTimes(1);
});

test("the API gets the ID token, which names the user and their e-mail", () => {
  expect(sessionFromUser({ id_token: "id.jwt", profile: { sub: "u-1", email: "kim@example.com" } }))
    .toEqual({ token: "id.jwt", userId: "u-1", email: "kim@example.com" });
  expect(() => sessionFromUser({ profile: { sub: "u-1" } })).toThrow("no ID token");
});
