// End-to-end: Debian's Chromium (no downloaded browsers) against the whole local stack,
// started here: PostgreSQL, moto's S3/SQS, the gateway with the real handlers and the
// built dashboard, ingest and the indexer running (PostgreSQL search: no Java needed).
import { resolve } from "node:path";

import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 8123);
const root = resolve(import.meta.dirname, "..");
// A fresh stack each run (made by the command: this file is read by every worker too), in
// the temp folder: as root, PostgreSQL runs as nobody, who must reach it (not under /root).
const data = resolve(process.env.TMPDIR ?? "/tmp", `gallery-e2e-${port}`);

export default defineConfig({
  testDir: "e2e",
  timeout: 180_000,
  expect: { timeout: 20_000 },
  workers: 1,
  outputDir: resolve(root, ".local/e2e/results"),
  globalSetup: "./e2e/report.ts",
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // the desktop (the phone, 390×844, is set by the specs that test it)
    viewport: { width: 1440, height: 900 },
    headless: true,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run"],
    },
  },
  webServer: {
    command: `rm -rf ${data} && mkdir -p -m 755 ${data} && ` +
      `exec ${root}/.venv/bin/gallery-dev up --port ${port} --pg-port ${port + 1} ` +
      `--s3-port ${port + 2} --no-demo --search postgres --data-dir ${data}`,
    url: `http://127.0.0.1:${port}/api/v1/openapi.json`,
    timeout: 180_000,
    reuseExistingServer: false,
    // gallery-dev stops PostgreSQL, moto and its threads on SIGTERM
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
