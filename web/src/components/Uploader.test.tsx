import { fireEvent, render, screen } from "@testing-library/react";
import { vi } from "vitest";

import { Api } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { Uploader } from "./Uploader";

class FakeUpload {
  // stands in for the browser's XMLHttpRequest: S3 is not here
  static sent = 0;
  upload: { onprogress?: (event: ProgressEvent) => void } = {};
  status = 204;
  onload?: () => void;
  onerror?: () => void;
  open() {}
  send() {
    FakeUpload.sent += 1;
    setTimeout(() => {
      this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 } as ProgressEvent);
      this.onload?.();
    }, 1);
  }
}

function file(name: string, type = "image/png") {
  return new File([new Uint8Array(10)], name, { type });
}

test("each file shows its own progress, then processing, then ready; quota and duplicates are explained", async () => {
  vi.stubGlobal("XMLHttpRequest", FakeUpload);
  let polls = 0;
  fakeFetch({
    "POST /api/v1/uploads": (_url, body) => {
      const name = (body as { filename: string }).filename;
      if (name === "big.png") return [413, { error: { code: "quota_exceeded", message: "quota" } }];
      if (name === "again.png") return [200, { duplicate_of: "x" }];
      return [200, { image_id: "i-1", upload: { url: "https://s3/bucket", fields: { key: "k" } }, expires_at: "" }];
    },
    "GET /api/v1/uploads/i-1": () => [200, { status: (polls += 1) > 1 ? "ready" : "pending", reason: null }],
  });
  const uploaded = vi.fn();
  render(
    <I18nProvider initial="en">
      <Uploader api={new Api("t")} onUploaded={uploaded} pollMs={1} />
    </I18nProvider>,
  );
  fireEvent.change(screen.getByTestId("file-input"), {
    target: { files: [file("cat.png"), file("big.png"), file("again.png")] },
  });
  expect(await screen.findByText("Ready")).toBeInTheDocument();
  expect(await screen.findByText("Rejected: Not enough storage left on your plan")).toBeInTheDocument();
  expect(await screen.findByText("Already in your gallery")).toBeInTheDocument();
  expect(uploaded).toHaveBeenCalledTimes(1);
  expect(FakeUpload.sent).toBe(1); // only the accepted file went to S3
  expect(screen.getByRole("progressbar", { name: "cat.png" })).toHaveAttribute("value", "1");
});

test("a file ingest refuses shows the reason's message in the UI language, not the server's text", async () => {
  vi.stubGlobal("XMLHttpRequest", FakeUpload);
  fakeFetch({
    "POST /api/v1/uploads": () =>
      [200, { image_id: "i-1", upload: { url: "https://s3/bucket", fields: {} }, expires_at: "" }],
    "GET /api/v1/uploads/i-1": () =>
      [200, { status: "rejected", reason: "unsupported_type: not a PNG, JPEG, WebP or AVIF image" }],
  });
  render(
    <I18nProvider initial="ko">
      <Uploader api={new Api("t")} onUploaded={vi.fn()} pollMs={1} />
    </I18nProvider>,
  );
  fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file("notes.txt.png")] } });
  expect(await screen.findByText("거부됨: PNG, JPEG, WebP, AVIF 이미지가 아닙니다")).toBeInTheDocument();
  expect(screen.queryByText(/unsupported_type/)).toBeNull();
});

test("many files go six at a time, each reserved when its turn comes, and a 429 is waited out", async () => {
  let inFlight = 0;
  let most = 0;
  let refusals = 0;
  class SlowUpload extends FakeUpload {
    send() {
      inFlight += 1;
      most = Math.max(most, inFlight);
      setTimeout(() => {
        inFlight -= 1;
        this.onload?.();
      }, 5);
    }
  }
  vi.stubGlobal("XMLHttpRequest", SlowUpload);
  let reserved = 0;
  // every status poll answers ready
  const calls = fakeFetch({
    ...Object.fromEntries(Array.from({ length: 20 }, (_, n) => [`GET /api/v1/uploads/i-${n + 1}`,
      () => [200, { status: "ready", reason: null }]])),
    "POST /api/v1/uploads": () => {
      if (reserved === 3 && refusals < 2) {
        refusals += 1;
        return [429, { error: { code: "too_many_requests", message: "wait" } }, { "Retry-After": "2" }];
      }
      reserved += 1;
      return [200, { image_id: `i-${reserved}`, upload: { url: "https://s3/b", fields: {} }, expires_at: "" }];
    },
  });
  const uploaded = vi.fn();
  render(
    <I18nProvider initial="en">
      <Uploader api={new Api("t")} onUploaded={uploaded} pollMs={1} secondMs={1} />
    </I18nProvider>,
  );
  const files = Array.from({ length: 14 }, (_, n) => file(`f${n}.png`));
  fireEvent.change(screen.getByTestId("file-input"), { target: { files } });
  expect(screen.getAllByText("Waiting").length).toBeGreaterThan(0); // the rest wait their turn
  await vi.waitFor(() => expect(uploaded).toHaveBeenCalledTimes(14), { timeout: 3000 });
  expect(most).toBeLessThanOrEqual(6);
  expect(refusals).toBe(2);
  expect(calls.filter((c) => c.method === "POST").length).toBe(16); // 14 reserved, 2 refused once
  // the last status lands before React paints it: wait for the screen, not the callback
  await vi.waitFor(() => expect(screen.getAllByText("Ready")).toHaveLength(14));
});

test("finished uploads can be dismissed one by one or cleared together; unfinished ones stay", async () => {
  class HeldUpload extends FakeUpload {
    // slow.png never arrives: it stays "Uploading"
    send(form?: FormData) {
      if ((form?.get("file") as File | null)?.name !== "slow.png") super.send();
    }
  }
  vi.stubGlobal("XMLHttpRequest", HeldUpload);
  fakeFetch({
    "POST /api/v1/uploads": (_url, body) => {
      const name = (body as { filename: string }).filename;
      if (name === "big.png") return [413, { error: { code: "quota_exceeded", message: "quota" } }];
      if (name === "again.png") return [200, { duplicate_of: "x" }];
      return [200, { image_id: name, upload: { url: "https://s3/b", fields: {} }, expires_at: "" }];
    },
    "GET /api/v1/uploads/cat.png": () => [200, { status: "ready", reason: null }],
  });
  render(
    <I18nProvider initial="en">
      <Uploader api={new Api("t")} onUploaded={vi.fn()} pollMs={1} />
    </I18nProvider>,
  );
  expect(screen.queryByRole("button", { name: "Clear finished" })).toBeNull(); // nothing to clear yet
  fireEvent.change(screen.getByTestId("file-input"), {
    target: { files: [file("cat.png"), file("big.png"), file("again.png"), file("slow.png")] },
  });
  expect(await screen.findByText("Ready")).toBeInTheDocument();
  await screen.findByText("Already in your gallery");
  await screen.findByText(/^Rejected/);
  expect(screen.queryByRole("button", { name: "Dismiss slow.png" })).toBeNull(); // still going

  fireEvent.click(screen.getByRole("button", { name: "Dismiss big.png" }));
  expect(screen.queryByRole("progressbar", { name: "big.png" })).toBeNull();
  expect(screen.getAllByRole("listitem")).toHaveLength(3);

  fireEvent.click(screen.getByRole("button", { name: "Clear finished" }));
  expect(screen.getAllByRole("listitem")).toHaveLength(1);
  expect(screen.getByRole("progressbar", { name: "slow.png" })).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Clear finished" })).toBeNull();
});
