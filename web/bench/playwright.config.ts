// The dashboard's browser benchmark (bench/web_grid.py starts the stack, seeds it and runs
// this): Debian's Chromium, one worker, no retries; figures printed and written to BENCH_OUT.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  testMatch: "*.bench.ts",
  timeout: 300_000,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "../../.local/bench/web-results",
  use: {
    baseURL: process.env.BENCH_URL,
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run"],
    },
  },
});
