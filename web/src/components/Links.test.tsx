import { fireEvent, render, screen, within } from "@testing-library/react";
import { vi } from "vitest";

import { Api, type Share } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch, folder, image } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { Links } from "./Links";
import { ToastProvider } from "./Toast";

const HOUR = 3600_000;
const at = (offset: number) => new Date(Date.now() + offset).toISOString();

function link(n: number, extra: Partial<Share> = {}): Share {
  return {
    share_id: `s-${n}`, share_token: null, share_url: null, image_id: null, folder_id: null,
    permission: "view", expires_at: null, max_views: null, current_views: 0, download_count: 0,
    is_active: true, status: "active", password_protected: false, show_metadata: false,
    created_at: at(-HOUR), last_accessed_at: null, ...extra,
  };
}

const photo = image(1, { prompt: "노을 진 바다" });
const links = [
  link(1, { image_id: photo.image_id, permission: "download", max_views: 10, current_views: 3,
            expires_at: at(3 * 24 * HOUR - HOUR), created_at: at(-HOUR), show_metadata: true }),
  link(2, { folder_id: "f-1", password_protected: true, status: "expired", is_active: true,
            expires_at: at(-2 * HOUR) }),
];

function show(language: "en" | "ko" = "en") {
  return render(
    <I18nProvider initial={language}><ToastProvider>
      <Links api={new Api("t")} folders={[folder({ folder_id: "f-1", name: "여행" })]} />
    </ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
}

function routes(extra = {}) {
  return fakeFetch({
    "GET /api/v1/shares": () => [200, { shares: links, has_more: false, next_cursor: null }],
    [`GET /api/v1/files/images/${photo.image_id}`]: () => [200, photo],
    ...extra,
  });
}

test("my links list every link: what it shares, permission, expiry, views, password and status", async () => {
  routes();
  show();
  const [first, second] = await screen.findAllByRole("listitem");
  expect(await within(first).findByText("노을 진 바다")).toBeInTheDocument();
  expect(within(first).getByText("view and download")).toBeInTheDocument();
  expect(within(first).getByText(/^in 3 days \(/)).toBeInTheDocument();
  expect(within(first).getByText("3/10 views")).toBeInTheDocument();
  expect(within(first).getByText("active")).toBeInTheDocument();
  expect(within(second).getByText("Folder: 여행")).toBeInTheDocument();
  expect(within(second).getByText("expired")).toBeInTheDocument();
  expect(within(second).getByText("yes")).toBeInTheDocument(); // password
  expect(within(second).getByText(/^2 hours ago/)).toBeInTheDocument();
  // an expired link cannot be changed or revoked, only made again
  expect(within(second).queryByRole("button", { name: "Revoke" })).toBeNull();
});

test("my links speak Korean", async () => {
  routes();
  show("ko");
  const [first] = await screen.findAllByRole("listitem");
  expect(within(first).getByText(/^3일 후 \(/)).toBeInTheDocument();
  expect(within(first).getByRole("button", { name: "같은 설정으로 새 링크" })).toBeInTheDocument();
});

test("revoking asks first, and only the confirm button revokes", async () => {
  const calls = routes({ "DELETE /api/v1/shares/s-1": () => [200, { ...links[0], status: "revoked" }] });
  show();
  const [first] = await screen.findAllByRole("listitem");
  fireEvent.click(within(first).getByRole("button", { name: "Revoke" }));
  const question = await screen.findByRole("alertdialog", { name: "Revoke this link?" });
  fireEvent.click(within(question).getByRole("button", { name: "Cancel" }));
  expect(calls.some((c) => c.method === "DELETE")).toBe(false);
  fireEvent.click(within(first).getByRole("button", { name: "Revoke" }));
  fireEvent.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Revoke" }));
  await vi.waitFor(() => expect(calls.some((c) => c.method === "DELETE" && c.url.pathname.endsWith("/s-1"))).toBe(true));
});

test("a new link with the same settings is made and its address copied, with a toast", async () => {
  const writeText = vi.fn(async () => undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  const calls = routes({ "POST /api/v1/shares": () => [200, { ...links[0], share_id: "s-9", share_url: "http://x/s/new" }] });
  show();
  const [first] = await screen.findAllByRole("listitem");
  fireEvent.click(within(first).getByRole("button", { name: "New link with these settings" }));
  expect(await screen.findByText("New link copied to the clipboard")).toBeInTheDocument();
  expect(writeText).toHaveBeenCalledWith("http://x/s/new");
  expect(calls.find((c) => c.method === "POST")!.body).toEqual({
    image_id: photo.image_id, permission: "download", show_metadata: true, expires_in_hours: 72, max_views: 10,
  });
});

test("a protected link's new copy asks for a password: it cannot be copied", async () => {
  const calls = routes({ "POST /api/v1/shares": () => [200, { ...links[1], share_url: "http://x/s/new" }] });
  show();
  const [, second] = await screen.findAllByRole("listitem");
  fireEvent.click(within(second).getByRole("button", { name: "New link with these settings" }));
  expect(calls.some((c) => c.method === "POST")).toBe(false);
  fireEvent.change(within(second).getByLabelText(/Password for the new link/), { target: { value: "correct horse" } });
  fireEvent.click(within(second).getByRole("button", { name: "Create link" }));
  await vi.waitFor(() => expect(calls.find((c) => c.method === "POST")?.body).toMatchObject({
    folder_id: "f-1", password: "correct horse" }));
});

test("a change sends only what the API may change", async () => {
  const calls = routes({ "PATCH /api/v1/shares/s-1": () => [200, links[0]] });
  show();
  const [first] = await screen.findAllByRole("listitem");
  fireEvent.click(within(first).getByRole("button", { name: "Change" }));
  const form = within(first).getByRole("form", { name: "Change the link" });
  fireEvent.change(within(form).getByLabelText("Expires"), { target: { value: "24h" } });
  fireEvent.change(within(form).getByLabelText("Max views"), { target: { value: "" } });
  fireEvent.click(within(form).getByRole("button", { name: "Save" }));
  await vi.waitFor(() => expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({
    permission: "download", max_views: null, expires_in_hours: 24 }));
});

test("an active link is copied again from the list; one made before that says how to send it", async () => {
  const writeText = vi.fn(async () => undefined);
  Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  fakeFetch({
    "GET /api/v1/shares": () => [200, { shares: [
      link(1, { image_id: photo.image_id, share_token: "tok", share_url: "http://x/s/tok" }),
      link(2, { image_id: photo.image_id }), // active, made when tokens were random
      link(3, { image_id: photo.image_id, status: "revoked", is_active: false }),
    ], has_more: false, next_cursor: null }],
    [`GET /api/v1/files/images/${photo.image_id}`]: () => [200, photo],
  });
  show();
  const [copyable, older, revoked] = await screen.findAllByRole("listitem");
  fireEvent.click(within(copyable).getByRole("button", { name: "Copy link" }));
  expect((await screen.findAllByText("Link copied to the clipboard")).length).toBeGreaterThan(0);
  expect(writeText).toHaveBeenCalledWith("http://x/s/tok");
  expect(within(older).queryByRole("button", { name: "Copy link" })).toBeNull();
  expect(within(older).getByText(/^Made before links could be copied again/)).toBeInTheDocument();
  expect(within(revoked).queryByRole("button", { name: "Copy link" })).toBeNull();
  expect(within(revoked).queryByText(/^Made before/)).toBeNull();
});
