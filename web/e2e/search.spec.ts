// Search and filters in a real browser against the local stack: a query kept by a sidebar
// tag pick shows as a chip and comes off with it; the model is picked from the facet; the
// filters fit a phone.
import { resolve } from "node:path";

import { type Page, expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot } from "./session";

const fixtures = resolve(import.meta.dirname, "fixtures");

async function tag(page: Page, image: RegExp, name: string) {
  await page.getByRole("button", { name: image }).click();
  await page.getByLabel("Add a tag").fill(name);
  await page.getByLabel("Add a tag").press("Enter");
  await expect(page.getByRole("list", { name: "Tags" }).getByText(`#${name}`)).toBeVisible();
  await page.getByRole("button", { name: "Close" }).click();
}

/** Nothing wider than the screen: no sideways scrolling. */
/** Nothing wider than the screen once the page has laid itself out for the new width (the
 * grid measures its width with a ResizeObserver: a frame or two after the resize). */
async function expectNoOverflow(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
                    { timeout: 5_000 }).toBeLessThanOrEqual(0);
}

test("search, a tag from the sidebar, the chips, one removed, a model picked from the facet; on a phone too", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/");
  await page.getByLabel(/E-mail|이메일/).fill(`search-${Date.now()}@example.com`);
  await page.getByRole("button", { name: /Sign in|로그인/ }).click();
  const toEnglish = page.getByRole("button", { name: "English" });
  if (await toEnglish.isVisible()) await toEnglish.click();

  // three images by sdxl-base-1.0 (one of a cat), one of a cat by flux-dev (64 × 96)
  await page.getByTestId("file-input").setInputFiles(
    ["cat.png", "city.png", "autumn.png", "portrait-flux.png"].map((f) => resolve(fixtures, f)),
  );
  await expect(page.getByText("Ready", { exact: true })).toHaveCount(4, { timeout: 60_000 });
  await tag(page, /우주복을 입은 고양이/, "고양이");
  await tag(page, /한복을 입은 고양이/, "고양이");
  const city = page.getByRole("listitem").filter({ has: page.getByRole("img", { name: /네온사인/ }) });
  await city.getByRole("button", { name: "Favourite" }).click();

  // in the favourites, a search for cats finds none: both filters are chips, in sight
  await page.getByRole("button", { name: /Favourites/ }).click();
  const box = page.getByLabel("Search prompts (Korean or English)");
  await box.fill("고양이");
  await box.press("Enter");
  const chips = page.getByRole("list", { name: "Active filters" });
  const count = page.locator(".gallery-count");
  await expect(chips.getByRole("button")).toHaveText(["Search: 고양이", "Favourites"]);
  await expect(count).toHaveText("0 results");

  // the sidebar's tag replaces the favourites and keeps the query: both cats, as chips say
  await page.getByRole("button", { name: /#고양이/ }).click();
  await expect(chips.getByRole("button")).toHaveText(["Search: 고양이", "Tag: 고양이"]);
  await expect(count).toHaveText("2 results", { timeout: 30_000 });
  await chips.getByRole("button", { name: "Remove filter: Search: 고양이" }).click();
  await expect(chips.getByRole("button")).toHaveText(["Tag: 고양이"]);
  await expect(count).toHaveText("2 images");
  expect(new URL(page.url()).searchParams.get("q")).toBeNull();

  // the model from the facet: typed in another case, picked from its counts
  await page.getByText("Filters", { exact: true }).click();
  const model = page.getByRole("combobox", { name: "Model" });
  await model.click();
  const options = page.getByRole("listbox", { name: "Model" }).getByRole("option");
  await expect(options).toHaveText(["flux-dev1 image", "sdxl-base-1.01 image"]);
  await model.fill("FLUX");
  await expect(options).toHaveText(["flux-dev1 image"]);
  await expectAccessible(page, "model picker");
  await shot(page, "filters");
  await options.first().click();
  await expect(model).toHaveValue("flux-dev");
  await expect(page.getByRole("combobox", { name: "Size" }).getByRole("option"))
    .toHaveText(["Any size", "64 × 96 (1 image)", "96 × 64 (1 image)"]);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(chips.getByRole("button")).toHaveText(["Tag: 고양이", "Model: flux-dev"]);
  await expect(count).toHaveText("1 image", { timeout: 30_000 });
  await expect(page.getByRole("img", { name: /한복을 입은 고양이/ })).toBeVisible();
  await expectAccessible(page, "filters with chips");

  // a phone: the filters fold into one line and, open, fit the screen
  for (const width of [390, 360]) {
    await page.setViewportSize({ width, height: 844 });
    await expectNoOverflow(page);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "phone-filters");
  // taller than the screen: a finger scrolls down to Apply (a hidden overflow kept it out of reach)
  const apply = page.getByRole("button", { name: "Apply" });
  await expect(apply).not.toBeInViewport();
  await page.mouse.move(195, 500);
  await expect(async () => {
    await page.mouse.wheel(0, 150);
    await expect(apply).toBeInViewport({ timeout: 200 });
  }).toPass({ timeout: 10_000 });
  await shot(page, "phone-filters-apply");
  await page.getByRole("button", { name: "Settings" }).click(); // a phone's language is in the settings
  await page.getByRole("button", { name: "한국어" }).click();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("list", { name: "적용된 필터" }).getByRole("button")).toHaveText(["태그: 고양이", "모델: flux-dev"]);
  await page.setViewportSize({ width: 360, height: 844 });
  await expectNoOverflow(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "phone-filters-ko");
  await expectAccessible(page, "filters in Korean");

  // a day in Korean in this English browser: written the UI's way, on its calendar (a date
  // input would say mm/dd/yyyy here, as the browser's language has it)
  const from = page.getByRole("textbox", { name: "시작일" });
  await expect(from).toHaveAttribute("placeholder", "YYYY. MM. DD.");
  await page.getByRole("button", { name: "시작일: 달력에서 고르기" }).click();
  const calendar = page.getByRole("dialog", { name: "시작일" });
  const today = new Date();
  await expect(calendar.getByRole("grid")).toHaveAccessibleName(`${today.getFullYear()}년 ${today.getMonth() + 1}월`);
  await expect(calendar.getByRole("button", { name: /^오늘, / })).toBeFocused(); // the keyboard starts on today
  await shot(page, "phone-ko-calendar", false);
  await expectAccessible(page, "calendar in Korean");
  await page.keyboard.press("Enter");
  await expect(calendar).toHaveCount(0);
  const written = new Intl.DateTimeFormat("ko", { year: "numeric", month: "2-digit", day: "2-digit" }).format(today);
  await expect(from).toHaveValue(written);
  await page.getByRole("button", { name: "적용" }).click();
  await expect(page.getByRole("list", { name: "적용된 필터" }).getByRole("button"))
    .toHaveText(["태그: 고양이", "모델: flux-dev", /부터$/]);
  await expect(count).toHaveText("이미지 1장", { timeout: 30_000 }); // made today

  // clear all: every image again
  await page.getByRole("button", { name: "모두 해제" }).click();
  await expect(page.getByRole("list", { name: "적용된 필터" })).toHaveCount(0);
  await expect(count).toHaveText("이미지 4장");
});
