import { vi } from "vitest";
import { fireEvent, render, screen } from "@testing-library/react";

import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { SharePage } from "./SharePage";

const shared = (n: number) => ({
  image_id: `i-${n}`, width: 1024, height: 1024, view_url: `/api/v1/shares/tok/images/i-${n}/view`,
  thumbnail_512_url: `https://s3/${n}_512.webp`, preview_url: `https://s3/${n}.avif`,
  preview_fallback_url: `https://s3/${n}.webp`, download_url: null, metadata: { prompt: `여우 ${n}`, model: null },
});

function link(kind: "image" | "folder", images: unknown[]) {
  fakeFetch({
    "GET /api/v1/shares/tok": () => [200, { kind, folder_name: kind === "folder" ? "풍경" : null, images, total: images.length, access_grant: "g" }],
  });
}

test("a one-image link shows the preview rendition (AVIF, WebP fallback), the original a click away", async () => {
  link("image", [shared(1)]);
  const { container } = render(<I18nProvider initial="en"><SharePage token="tok" /></I18nProvider>);
  const img = await screen.findByAltText("여우 1");
  expect(img).toHaveAttribute("src", "https://s3/1.webp");
  expect(container.querySelector("source[type='image/avif']")).toHaveAttribute("srcset", "https://s3/1.avif");
  expect(img.closest("a")).toHaveAttribute("href", "/api/v1/shares/tok/images/i-1/view");
});

test("a folder link shows a grid of thumbnails", async () => {
  link("folder", [shared(1), shared(2)]);
  const { container } = render(<I18nProvider initial="en"><SharePage token="tok" /></I18nProvider>);
  expect(await screen.findByAltText("여우 2")).toHaveAttribute("src", "https://s3/2_512.webp");
  expect(container.querySelector("source")).toBeNull();
  expect(screen.getByRole("heading", { name: "풍경" })).toBeInTheDocument();
});

test("a protected link asks for its password, says when it is wrong, then opens with the grant", async () => {
  const calls = fakeFetch({
    "GET /api/v1/shares/tok": () => calls.at(-1)?.headers.get("X-Share-Grant") === "g-1"
      ? [200, { kind: "image", folder_name: null, images: [shared(1)], total: 1, access_grant: null }]
      : [401, { error: { code: "password_required", message: "password" } }],
    "POST /api/v1/shares/tok/access": (_url, body) => (body as { password: string }).password === "correct horse"
      ? [200, { access_grant: "g-1", expires_at: "2026-12-02T00:00:00Z" }]
      : [401, { error: { code: "invalid_password", message: "wrong" } }],
  });
  render(<I18nProvider initial="en"><SharePage token="tok" /></I18nProvider>);
  const password = await screen.findByLabelText("Password");
  fireEvent.change(password, { target: { value: "wrong one" } });
  fireEvent.submit(password.closest("form")!);
  expect(await screen.findByRole("alert")).toHaveTextContent("Wrong password");
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "correct horse" } });
  fireEvent.submit(screen.getByLabelText("Password").closest("form")!);
  expect(await screen.findByAltText("여우 1")).toBeInTheDocument();
  expect(calls.at(-1)?.headers.get("X-Share-Grant")).toBe("g-1");
});

test("too many wrong passwords: the page says how long to wait, in the UI language, and holds the button", async () => {
  fakeFetch({
    "GET /api/v1/shares/tok": () => [401, { error: { code: "password_required", message: "password" } }],
    "POST /api/v1/shares/tok/access": () =>
      [429, { error: { code: "too_many_requests", message: "wait" } }, { "Retry-After": "42" }],
  });
  render(<I18nProvider initial="ko"><SharePage token="tok" /></I18nProvider>);
  const password = await screen.findByLabelText("비밀번호");
  fireEvent.change(password, { target: { value: "guess guess" } });
  fireEvent.submit(password.closest("form")!);
  expect(await screen.findByRole("status")).toHaveTextContent("42초 후에 다시 시도하세요");
  expect(screen.getByRole("button", { name: "열기" })).toBeDisabled();
});

test("a link that shows metadata shows the settings too, labelled, not only the prompt", async () => {
  link("image", [{ ...shared(1), metadata: { prompt: "여우 1", negative_prompt: "blurry", model: "sdxl",
                                             seed: 7, params: { Steps: "30", "CFG scale": "5" } } }]);
  render(<I18nProvider initial="en"><SharePage token="tok" /></I18nProvider>);
  expect(await screen.findByText("Steps")).toBeInTheDocument();
  expect(screen.getByText("CFG scale").nextSibling).toHaveTextContent("5");
  expect(screen.getByText("Negative prompt").nextSibling).toHaveTextContent("blurry");
  expect(screen.getByText("Seed").nextSibling).toHaveTextContent("7");
});

test("an image shared without its metadata is still a link with a name (axe: link-name)", async () => {
  link("image", [{ ...shared(1), metadata: null }]);
  render(<I18nProvider initial="en"><SharePage token="tok" /></I18nProvider>);
  expect(await screen.findByRole("link", { name: "Open the image at full size" }))
    .toHaveAttribute("href", "/api/v1/shares/tok/images/i-1/view");
});

test("a folder's image opens in a lightbox in the page: ←/→ step, Esc closes, focus returns", async () => {
  link("folder", [shared(1), shared(2), { ...shared(3), download_url: "/api/v1/shares/tok/images/i-3/download" }]);
  render(<I18nProvider initial="en"><SharePage token="tok" /></I18nProvider>);
  const second = await screen.findByRole("button", { name: "Open image 2 of 3" });
  expect(screen.queryByRole("link", { name: /Open the image/ })).toBeNull(); // no raw file
  second.focus();
  fireEvent.click(second);
  const box = screen.getByRole("dialog", { name: "Image 2 of 3" });
  expect(box.querySelector("img")).toHaveAttribute("src", "/api/v1/shares/tok/images/i-2/view");
  expect(box.contains(document.activeElement)).toBe(true);
  fireEvent.keyDown(box, { key: "ArrowRight" });
  const third = screen.getByRole("dialog", { name: "Image 3 of 3" });
  expect(third.querySelector("img")).toHaveAttribute("src", "/api/v1/shares/tok/images/i-3/view");
  expect(screen.getByRole("link", { name: "Download" })).toHaveAttribute("href", "/api/v1/shares/tok/images/i-3/download");
  expect(screen.getByRole("button", { name: "Next image" })).toBeDisabled(); // the last one
  fireEvent.keyDown(third, { key: "ArrowLeft" });
  fireEvent.keyDown(screen.getByRole("dialog", { name: "Image 2 of 3" }), { key: "ArrowLeft" });
  expect(screen.getByRole("dialog", { name: "Image 1 of 3" })).toBeInTheDocument();
  expect(screen.getByText("여우 1", { selector: "dd, p, span, div" })).toBeInTheDocument(); // the prompt shown
  fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
  expect(screen.queryByRole("dialog")).toBeNull();
  await vi.waitFor(() => expect(document.activeElement).toBe(second));
});

test("a folder's next images come with the grant the link gave: no second view", async () => {
  const calls = fakeFetch({
    "GET /api/v1/shares/tok": (url) => url.searchParams.get("cursor") === "c-1"
      ? [200, { kind: "folder", folder_name: "풍경", images: [shared(2)], total: 2, has_more: false, access_grant: null }]
      : [200, { kind: "folder", folder_name: "풍경", images: [shared(1)], total: 2, has_more: true,
                next_cursor: "c-1", access_grant: "g" }],
  });
  render(<I18nProvider initial="en"><SharePage token="tok" /></I18nProvider>);
  fireEvent.click(await screen.findByRole("button", { name: "More images" }));
  expect(await screen.findByRole("button", { name: "Open image 2 of 2" })).toBeInTheDocument();
  expect(calls.at(-1)?.headers.get("X-Share-Grant")).toBe("g");
  expect(screen.queryByRole("button", { name: "More images" })).toBeNull();
});

test("a smart folder's link shows like a folder's, and one that allows downloads gives them all as a ZIP", async () => {
  vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  const calls = fakeFetch({
    "GET /api/v1/shares/tok": () => [200, { kind: "smart_folder", folder_name: "고양이", permission: "download",
                                            images: [shared(1), shared(2)], total: 2, access_grant: "g" }],
    "POST /api/v1/shares/tok/exports": () => [202, { export_id: "x-1", status: "queued" }],
    "GET /api/v1/shares/tok/exports/x-1": () => [200, {
      export_id: "x-1", status: "ready", image_count: 2, done_count: 2, progress: 1, size_bytes: 900, url: "https://s3/z",
      filename: "고양이.zip", error: null, created_at: "2026-12-04T10:00:00Z", expires_at: "2999-01-01T00:00:00Z" }],
  });
  render(<I18nProvider initial="en"><SharePage token="tok" /></I18nProvider>);
  expect(await screen.findByRole("heading", { name: "고양이" })).toBeInTheDocument();
  expect(screen.getByAltText("여우 2")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Download all as ZIP" }));
  // the link decides whether the metadata goes in: no choice for the visitor
  await screen.findByRole("dialog", { name: "Download “고양이” as ZIP" });
  expect(screen.queryByRole("checkbox")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Make the ZIP" }));
  expect(await screen.findByRole("link", { name: "Download again" })).toHaveAttribute("href", "https://s3/z");
  const started = calls.find((c) => c.method === "POST")!;
  expect(started.url.searchParams.get("grant")).toBe("g");
  expect(calls.at(-1)!.url.searchParams.get("grant")).toBe("g");
  vi.restoreAllMocks();
});

test("a view-only folder link offers no ZIP", async () => {
  fakeFetch({
    "GET /api/v1/shares/tok": () => [200, { kind: "folder", folder_name: "풍경", permission: "view", images: [shared(1)],
                                            total: 1, access_grant: "g" }],
  });
  render(<I18nProvider initial="en"><SharePage token="tok" /></I18nProvider>);
  expect(await screen.findByRole("heading", { name: "풍경" })).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Download all as ZIP" })).toBeNull();
});
