// "Download as ZIP": the choice of metadata, the ZIP followed until it is ready (a progress
// bar, then the download started and offered again), and the refusals in words.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { vi } from "vitest";

import { Api, NO_FILTERS } from "../api";
import { I18nProvider, type Language } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { BulkBar } from "./BulkBar";
import { ToastProvider } from "./Toast";
import { ZipExport } from "./ZipExport";

const status = (change: object) => ({
  export_id: "x-1", status: "running", image_count: 4, done_count: 2, progress: 0.5, size_bytes: null, url: null,
  filename: "pingvas-images.zip", error: null, created_at: "2026-12-04T10:00:00Z",
  expires_at: new Date(Date.now() + 3_600_000).toISOString(), ...change,
});

function bar(language: Language = "en") {
  render(
    <I18nProvider initial={language}><ToastProvider>
      <BulkBar api={new Api("t")} filters={NO_FILTERS} selected={new Set(["a", "b"])} folders={[]} workspaces={[]}
               onDone={vi.fn()} onClear={vi.fn()} />
    </ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
}

afterEach(() => vi.restoreAllMocks());

test("the selection is zipped with its metadata: progress, then the download starts and is offered again", async () => {
  const clicked = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
  let asked = 0;
  const calls = fakeFetch({
    "POST /api/v1/files/exports": () => [202, { export_id: "x-1", status: "queued" }],
    "GET /api/v1/files/exports/x-1": () => (++asked === 1 ? [200, status({})]
      : [200, status({ status: "ready", done_count: 4, progress: 1, size_bytes: 2_048_000, url: "https://s3/zip?sig" })]),
  });
  bar();
  fireEvent.click(screen.getByRole("button", { name: "Download as ZIP" }));
  const dialog = await screen.findByRole("dialog", { name: "Download “2 images” as ZIP" });
  fireEvent.click(screen.getByRole("checkbox", { name: "Include prompts and settings (metadata.json and .csv)" }));
  fireEvent.click(screen.getByRole("button", { name: "Make the ZIP" }));
  const progress = await screen.findByRole("progressbar", { name: "ZIP progress" });
  await waitFor(() => expect(progress).toHaveAttribute("aria-valuenow", "50"));
  expect(dialog).toHaveTextContent("2 of 4 images added");
  expect(calls[0].body).toEqual({ image_ids: ["a", "b"], include_subfolders: true, include_metadata: true });
  // ready: said in the live region, the download started by a click on an <a download>
  expect(await screen.findByText(/The ZIP is ready: pingvas-images.zip \(2\.0 MB\)/, {}, { timeout: 4000 }))
    .toBeInTheDocument();
  expect(screen.getByRole("status")).toHaveAttribute("aria-live", "polite");
  expect(clicked).toHaveBeenCalledTimes(1);
  const again = screen.getByRole("link", { name: "Download again" });
  expect(again).toHaveAttribute("href", "https://s3/zip?sig");
  expect(again).toHaveAttribute("download", "pingvas-images.zip");
  expect(screen.queryByRole("progressbar")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Close" }));
  expect(screen.queryByRole("dialog")).toBeNull();
});

test("two exports at work: a 429 is said in Korean; a failed ZIP says so", async () => {
  fakeFetch({
    "POST /api/v1/files/exports": () => [429, { error: { code: "too_many_requests", message: "busy" } }, { "Retry-After": "30" }],
  });
  bar("ko");
  fireEvent.click(screen.getByRole("button", { name: "ZIP으로 내려받기" }));
  fireEvent.click(await screen.findByRole("button", { name: "ZIP 만들기" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("이미 내보내기 두 개가 진행 중입니다");
});

test("a ZIP that fails is said, and can be asked for again", async () => {
  fakeFetch({
    "POST /api/v1/files/exports": () => [202, { export_id: "x-1", status: "queued" }],
    "GET /api/v1/files/exports/x-1": () => [200, status({ status: "failed", error: "gone" })],
  });
  render(<I18nProvider initial="en">
    <ZipExport api={new Api("t")} source={{ smart_folder_id: "s-1" }} what="Cats" onClose={vi.fn()} />
  </I18nProvider>);
  fireEvent.click(screen.getByRole("button", { name: "Make the ZIP" }));
  expect(await screen.findByRole("alert")).toHaveTextContent("The ZIP could not be made: try again");
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  expect(screen.getByRole("button", { name: "Make the ZIP" })).toBeEnabled();
});
