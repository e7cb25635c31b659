// The same screens of whichever build the stack serves, for a before/after comparison
// (bench/README.md): bench/web_grid.py --grep screens --dist <build> --screens <dir>. Only
// what every build of the dashboard has is touched (an e-mail sign-in, a grid of images in
// list items, a search box, a click on a tile); each screen is taken on its own, so one a
// build does not have is skipped, not the rest.
import { mkdirSync } from "node:fs";

import { type BrowserContextOptions, type Page, test } from "@playwright/test";

const OUT = process.env.BENCH_SCREENS ?? "";
const SESSION = process.env.BENCH_SESSION ?? "";

test.skip(!OUT || !SESSION, "run by bench/web_grid.py --screens DIR");

const SEATS: [string, BrowserContextOptions][] = [
  ["desktop-en", { viewport: { width: 1440, height: 900 }, locale: "en-US" }],
  ["phone-en", { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "en-US" }],
  ["phone-ko", { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: "ko-KR" }],
];

async function grid(page: Page) {
  await page.locator("[role=listitem] img:not([src^='data:'])").first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState("networkidle");
}

async function screen(page: Page, name: string, take: () => Promise<void>) {
  try {
    await take();
    await page.waitForTimeout(500); // transitions over
    await page.screenshot({ path: `${OUT}/${name}.png`, animations: "disabled" });
    console.log(`${name}.png`);
  } catch (error) {
    console.log(`${name}: not taken (${String(error).split("\n")[0]})`);
  }
}

for (const [seat, options] of SEATS) {
  test(`screens: ${seat}`, async ({ browser }) => {
    mkdirSync(OUT, { recursive: true });
    const context = await browser.newContext(options);
    await context.addInitScript((session) => {
      sessionStorage.setItem("pingvas.session", session); // signed in, as after the sign-in screen
      sessionStorage.setItem("pingvas.apiBase", "");
    }, SESSION);
    const page = await context.newPage();
    await page.goto("/");
    // the language the browser asks for, where a build starts in another
    const language = seat.endsWith("ko") ? "한국어" : "English";
    const toLanguage = page.getByRole("button", { name: language, exact: true });
    if (await toLanguage.isVisible().catch(() => false)) await toLanguage.click();
    await screen(page, `${seat}-grid`, () => grid(page));
    await screen(page, `${seat}-grid-scrolled`, async () => {
      await page.mouse.move(options.viewport!.width / 2, options.viewport!.height / 2);
      await page.mouse.wheel(0, 1200);
    });
    await page.goto("/");
    await screen(page, `${seat}-viewer`, async () => {
      await grid(page);
      await page.locator("[role=listitem] img:not([src^='data:'])").first().click();
      await page.getByRole("dialog").first().waitFor({ timeout: 10_000 });
      await page.waitForLoadState("networkidle");
    });
    await page.goto("/");
    await screen(page, `${seat}-search`, async () => {
      await grid(page);
      const box = page.getByRole("searchbox").or(page.getByPlaceholder(/Search|검색/)).first();
      if (!(await box.isVisible())) await page.getByRole("button", { name: /^(Search|검색)$/ }).first().click();
      await box.fill("고양이");
      await box.press("Enter");
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(1500); // the index's answer
    });
    await context.close();
  });
}
