import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { vi } from "vitest";

import { Api, type ImageItem } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch, image } from "../test/fakeApi";
import { firePointer } from "../test/pointer";
import { QueryWrapper } from "../test/query";
import { ImageView } from "./ImageView";
import { ToastProvider } from "./Toast";

function view(item: ImageItem, props: Partial<Parameters<typeof ImageView>[0]> = {}) {
  const handlers = { onChange: vi.fn(), onDeleted: vi.fn(), onRestored: vi.fn(), onClose: vi.fn(),
                     onPrevious: vi.fn(), onNext: vi.fn() };
  const viewer = (shown: ImageItem) => (
    <I18nProvider initial="en">
      <ToastProvider>
        <ImageView api={new Api("t")} image={shown} folders={[]} {...handlers} {...props} />
      </ToastProvider>
    </I18nProvider>
  );
  const { rerender } = render(viewer(item), { wrapper: QueryWrapper });
  /** Another image in the same viewer, as ← and → give it. */
  const show = (next: ImageItem) => rerender(viewer(next));
  return { ...handlers, show };
}

afterEach(() => vi.unstubAllGlobals());

test("← and → move to the neighbouring images and Esc closes, but arrows in the tag field move its caret", () => {
  fakeFetch({});
  const { onPrevious, onNext, onClose } = view(image(1));
  fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
  expect(onNext).toHaveBeenCalledTimes(1);
  fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
  expect(onPrevious).toHaveBeenCalledTimes(1);
  fireEvent.keyDown(screen.getByRole("combobox", { name: "Add a tag" }), { key: "ArrowLeft" });
  expect(onPrevious).toHaveBeenCalledTimes(1);
  fireEvent.keyDown(document.activeElement!, { key: "Escape" });
  expect(onClose).toHaveBeenCalledTimes(1);
});

test("the viewer has a labelled close control and buttons to the previous and next image", async () => {
  fakeFetch({});
  const { onClose, onNext } = view(image(1), { onPrevious: undefined }); // the list's first image
  expect(screen.getByRole("button", { name: "Previous image" })).toBeDisabled();
  await userEvent.click(screen.getByRole("button", { name: "Next image" }));
  expect(onNext).toHaveBeenCalledTimes(1);
  const close = screen.getByRole("button", { name: "Close" });
  expect(close.querySelector("svg")).toHaveAttribute("aria-hidden", "true"); // an icon, not a glyph
  await userEvent.click(close);
  expect(onClose).toHaveBeenCalledTimes(1);
});

test("focus moves into the viewer, stays there on Tab, and returns to the tile that opened it", async () => {
  fakeFetch({});
  function Screen() {
    const [open, setOpen] = useState(false);
    return (
      <I18nProvider initial="en">
        <button type="button" onClick={() => setOpen(true)}>tile</button>
        <button type="button">behind the viewer</button>
        <ToastProvider>
          {open && <ImageView api={new Api("t")} image={image(1)} folders={[]} onChange={vi.fn()}
                              onDeleted={vi.fn()} onClose={() => setOpen(false)} />}
        </ToastProvider>
      </I18nProvider>
    );
  }
  render(<Screen />, { wrapper: QueryWrapper });
  const tile = screen.getByRole("button", { name: "tile" });
  await userEvent.click(tile);
  const dialog = screen.getByRole("dialog");
  await waitFor(() => expect(screen.getByRole("button", { name: "Close" })).toHaveFocus());
  for (let n = 0; n < 25; n += 1) { // round the viewer's controls more than once
    await userEvent.tab();
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
  }
  fireEvent.keyDown(document.activeElement!, { key: "Escape" });
  await waitFor(() => expect(tile).toHaveFocus());
});

test("Copy generation data copies the AUTOMATIC1111 text, and the status says so politely", async () => {
  fakeFetch({});
  const writeText = vi.fn(async () => undefined);
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
  view(image(1, {
    prompt: "a fox, watercolor", negative_prompt: "blurry", model: "sdxl", seed: 1234, width: 512, height: 768,
    params: { sampler_name: "Euler a", steps: 20, "CFG scale": "7", seed: 1234, "Lora hashes": "fox: 1a2b, ink: 3c4d" },
  }));
  await userEvent.click(screen.getByRole("button", { name: "Copy as A1111 text" }));
  expect(writeText).toHaveBeenCalledWith(
    "a fox, watercolor\nNegative prompt: blurry\n"
    + 'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x768, Model: sdxl, Lora hashes: "fox: 1a2b, ink: 3c4d"',
  );
  const status = screen.getByRole("status");
  expect(status).toHaveAttribute("aria-live", "polite");
  expect(status).toHaveTextContent("Copied");
  await userEvent.click(screen.getByRole("button", { name: "Copy seed" }));
  expect(writeText).toHaveBeenLastCalledWith("1234");
});

test("the panel gives the file's size and date", () => {
  fakeFetch({});
  view(image(1, { file_size_bytes: 3 * 1024 * 1024, created_at: "2026-03-05T12:00:00Z" }));
  expect(screen.getByText("File size").nextSibling).toHaveTextContent("3.0 MB");
  expect(screen.getByText("Created").nextSibling).toHaveTextContent("Mar 5, 2026");
});

test("a trashed image offers Restore instead of Share and Public, and says the days left", async () => {
  const calls = fakeFetch({
    "POST /api/v1/files/images/00000000-0000-4000-8000-000000000001/restore": () => [200, image(1)],
  });
  const purgeAfter = new Date(Date.now() + 12.5 * 24 * 3600 * 1000).toISOString(); // 12 days and a half: the 13th started
  const { onRestored } = view(image(1, { deleted_at: "2026-11-27T00:00:00Z", purge_after: purgeAfter }));
  expect(screen.getByText("Deleted for good in 13 days")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Share" })).not.toBeInTheDocument();
  expect(screen.queryByRole("checkbox", { name: "Public" })).not.toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Delete" })).not.toBeInTheDocument();
  await userEvent.click(screen.getByRole("button", { name: "Restore" }));
  await waitFor(() => expect(onRestored).toHaveBeenCalledTimes(1));
  expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toContain(
    "POST /api/v1/files/images/00000000-0000-4000-8000-000000000001/restore",
  );
});

test("Download saves the original under the API's readable name without leaving the tab", async () => {
  fakeFetch({
    "GET /api/v1/files/images/00000000-0000-4000-8000-000000000001/download": () =>
      [200, { url: "https://s3/original?response-content-disposition=attachment", filename: "2026-11-26_image-1_00000000.png" }],
  });
  const clicked: HTMLAnchorElement[] = [];
  const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this);
  });
  view(image(1));
  // a button, not a link to the raw object (which opened it in this tab, named by its uuid)
  expect(screen.queryByRole("link", { name: "Download" })).not.toBeInTheDocument();
  await act(() => userEvent.click(screen.getByRole("button", { name: "Download" })));
  await waitFor(() => expect(clicked).toHaveLength(1));
  expect(clicked[0].href).toBe("https://s3/original?response-content-disposition=attachment");
  expect(clicked[0].download).toBe("2026-11-26_image-1_00000000.png");
  click.mockRestore();
});

test("the zoom buttons and keys: in, out, actual size with the original over the preview, 0 fits", async () => {
  fakeFetch({});
  const { onNext } = view(image(1, { preview_fallback_url: "https://cdn/1_preview.webp", width: 1536 }));
  const area = screen.getByTestId("viewer-zoom");
  const preview = screen.getByRole("img");
  expect(preview).toHaveAttribute("src", "https://cdn/1_preview.webp");
  const actual = screen.getByRole("button", { name: "Actual size" });
  expect(actual).toBeDisabled(); // not laid out yet: nothing known to enlarge to
  Object.defineProperty(preview, "offsetWidth", { value: 768 }); // fitted at half its pixels
  fireEvent.load(preview);
  expect(actual).toBeEnabled();
  expect(screen.getByRole("button", { name: "Zoom out" })).toBeDisabled();
  await userEvent.click(actual);
  await waitFor(() => expect(actual).toHaveAttribute("aria-pressed", "true"));
  expect(area).toHaveClass("zoomed");
  expect(within(area).getByText("200%")).toBeInTheDocument();
  // the original's pixels over the preview's (the preview stays the image a reader is told of)
  expect(area.querySelector(".zoom-original")).toHaveAttribute("src", "https://cdn/1.png");
  expect(screen.getByRole("img")).toBe(preview);
  await userEvent.click(actual);
  await waitFor(() => expect(area).not.toHaveClass("zoomed"));
  await userEvent.click(screen.getByRole("button", { name: "Zoom in" }));
  await waitFor(() => expect(within(area).getByText("150%")).toBeInTheDocument());
  await userEvent.click(screen.getByRole("button", { name: "Zoom out" }));
  await waitFor(() => expect(area).not.toHaveClass("zoomed"));
  fireEvent.keyDown(document.activeElement!, { key: "+" });
  await waitFor(() => expect(area).toHaveClass("zoomed"));
  fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" }); // zoomed: the arrows pan
  expect(onNext).not.toHaveBeenCalled();
  fireEvent.keyDown(document.activeElement!, { key: "0" });
  await waitFor(() => expect(area).not.toHaveClass("zoomed"));
  fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" }); // fitted: the next image
  expect(onNext).toHaveBeenCalledTimes(1);
  fireEvent.keyDown(document.activeElement!, { key: "+", ctrlKey: true }); // the page's zoom, not the image's
  await new Promise((done) => setTimeout(done, 400));
  expect(area).not.toHaveClass("zoomed");
});

test("a swipe on a touch screen steps to the next or previous image; a short or slow one does not", () => {
  fakeFetch({});
  const { onPrevious, onNext } = view(image(1));
  const area = screen.getByTestId("viewer-zoom");
  const pointer = (type: string, clientX: number, timeStamp: number, pointerType: string) =>
    firePointer(area, type, { clientX, clientY: 300, timeStamp, pointerType });
  const swipe = (dx: number, ms = 150, pointerType = "touch") => {
    pointer("pointerdown", 200, 1000, pointerType);
    pointer("pointerup", 200 + dx, 1000 + ms, pointerType);
  };
  swipe(-120);
  expect(onNext).toHaveBeenCalledTimes(1);
  swipe(120);
  expect(onPrevious).toHaveBeenCalledTimes(1);
  swipe(-20); // a tap, or a nudge
  swipe(-120, 900); // a slow drag
  swipe(-120, 150, "mouse"); // a mouse drags, it does not swipe
  expect(onNext).toHaveBeenCalledTimes(1);
});

test("Delete moves the image to the trash, closes, and the toast's Undo restores it", async () => {
  const id = "00000000-0000-4000-8000-000000000001";
  const calls = fakeFetch({
    [`DELETE /api/v1/files/images/${id}`]: () => [200, { image_id: id, deleted: true, in_trash: true, purge_after: "2026-12-31T00:00:00Z" }],
    [`POST /api/v1/files/images/${id}/restore`]: () => [200, image(1)],
  });
  const { onDeleted } = view(image(1));
  await userEvent.click(screen.getByRole("button", { name: "Delete" }));
  await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
  expect(await screen.findByText("Moved 1 image to the trash")).toBeInTheDocument();
  // (here the viewer stays, its onDeleted being a stub: a click, not a pointer walk over it)
  fireEvent.click(screen.getByRole("button", { name: "Undo" }));
  expect(await screen.findByText("1 image is back")).toBeInTheDocument();
  expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).toEqual(
    [`DELETE /api/v1/files/images/${id}`, `POST /api/v1/files/images/${id}/restore`]);
});

test("a failed delete says why and keeps the viewer open", async () => {
  fakeFetch({
    "DELETE /api/v1/files/images/00000000-0000-4000-8000-000000000001": () =>
      [404, { error: { code: "not_found", message: "image not found" } }],
  });
  const { onDeleted } = view(image(1));
  await userEvent.click(screen.getByRole("button", { name: "Delete" }));
  expect(await screen.findByRole("status")).not.toBeEmptyDOMElement();
  expect(onDeleted).not.toHaveBeenCalled();
});

test("settings the image's own fields give (size, seed, model) are listed once", () => {
  fakeFetch({});
  view(image(1, { width: 1024, height: 1024, seed: 7, model: "flux-dev",
                  params: { Size: "1024x1024", seed: 7, Model: "flux-dev", steps: 20 } }));
  expect(screen.getAllByText("Size")).toHaveLength(1);
  expect(screen.getByText("Size").nextSibling).toHaveTextContent("1024 × 1024");
  expect(screen.getAllByText("Seed")).toHaveLength(1);
  expect(screen.getAllByText("Model")).toHaveLength(1);
  expect(screen.getByText("Steps").nextSibling).toHaveTextContent("20");
});

test("someone else's image in a workspace downloads through the workspace, if my role gets originals", async () => {
  const calls = fakeFetch({
    "GET /api/v1/workspaces/w-1/images/00000000-0000-4000-8000-000000000001/download": () =>
      [200, { url: "https://s3/original", filename: "2026-11-26_image-1_00000000.png" }],
  });
  const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  const theirs = image(1, { owner_id: "u-owner" });
  view(theirs, { workspace: { id: "w-1", role: "downloader", userId: "u-me" } });
  await act(() => userEvent.click(screen.getByRole("button", { name: "Download" })));
  await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
  expect(calls[0].url.pathname).toBe("/api/v1/workspaces/w-1/images/00000000-0000-4000-8000-000000000001/download");
  click.mockRestore();
});

test("a viewer-role member gets no Download for someone else's image (no original for them)", () => {
  fakeFetch({});
  view(image(1, { owner_id: "u-owner", image_url: null }), { workspace: { id: "w-1", role: "viewer", userId: "u-me" } });
  expect(screen.queryByRole("button", { name: "Download" })).not.toBeInTheDocument();
});

test("the tag field suggests my tags starting with what is typed, once it rests", async () => {
  const calls = fakeFetch({
    "GET /api/v1/files/tags": (url) => [200, url.searchParams.get("query") === "고양"
      ? [{ tag_id: "t-1", name: "고양이", usage_count: 3 }] : []],
  });
  view(image(1));
  const field = screen.getByLabelText("Add a tag");
  for (const typed of ["고", "고양"]) fireEvent.change(field, { target: { value: typed } });
  await waitFor(() => expect(document.querySelectorAll("#tag-suggestions option")).toHaveLength(1));
  expect(document.querySelector("#tag-suggestions option")).toHaveAttribute("value", "고양이");
  expect(calls.map((c) => [c.url.searchParams.get("query"), c.url.searchParams.get("limit")])).toEqual([["고양", "8"]]);
});

test("the next image starts fitted, and a zoom button that had the focus keeps it", async () => {
  fakeFetch({});
  const { show } = view(image(1, { width: 1536, height: 1024 }));
  const area = screen.getByTestId("viewer-zoom");
  const zoomIn = screen.getByRole("button", { name: "Zoom in" });
  await userEvent.click(zoomIn);
  await waitFor(() => expect(area).toHaveClass("zoomed"));
  expect(zoomIn).toHaveFocus();
  show(image(2, { width: 1536, height: 1024 }));
  await waitFor(() => expect(area).not.toHaveClass("zoomed"));
  expect(within(area).getByText("100%")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Zoom in" })).toHaveFocus(); // the same button, not the page
  expect(screen.getByRole("img")).toHaveAttribute("src", expect.stringContaining("/2_"));
});
