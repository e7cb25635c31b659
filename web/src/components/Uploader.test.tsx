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
