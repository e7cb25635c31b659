// axe-core on a screen, at the desktop and the phone size: WCAG 2.2 A/AA rules, and the
// serious or critical violations must be none (checked softly, so one run counts them all).
import { appendFileSync } from "node:fs";

import AxeBuilder from "@axe-core/playwright";
import { type Page, expect } from "@playwright/test";

import { AXE_REPORT } from "./report";

const SIZES = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
];
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export async function expectAccessible(page: Page, screen: string) {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
    const blocking = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    const detail = blocking.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")})`);
    console.log(`axe ${screen} @${size.width}×${size.height}: ${blocking.length} serious/critical, `
                + `${violations.length - blocking.length} other${detail.length ? `\n  ${detail.join("\n  ")}` : ""}`);
    appendFileSync(AXE_REPORT, `${[screen, `${size.width}×${size.height}`, blocking.length,
                                    violations.length - blocking.length, violations.map((v) => v.id).join(" ")].join("\t")}\n`);
    expect.soft(detail, `axe: ${screen} at ${size.name} size`).toEqual([]);
  }
  if (before) await page.setViewportSize(before);
}
