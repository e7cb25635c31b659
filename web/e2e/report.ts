// What a run leaves for review (the CI artifacts, .ci/run keeps them): the screenshots and
// axe's counts per screen, a line each (screen, size, serious/critical, other, rule ids).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const results = resolve(import.meta.dirname, "../../.local/e2e");
export const SCREENSHOTS = resolve(results, "screenshots");
export const AXE_REPORT = resolve(results, "axe.tsv");

/** Playwright's global setup: this run's screenshots and counts only, none of an older one. */
export default function freshReport(): void {
  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(AXE_REPORT, "screen\tsize\tserious or critical\tother\trules\n");
}
