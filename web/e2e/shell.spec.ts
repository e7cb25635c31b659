// The shell on every width: a one-row header that never overflows, the sidebar as a drawer
// on a phone, the bulk bar as a bottom sheet, and the dark theme — each checked by axe.
import { resolve } from "node:path";

import { type Page, expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot } from "./session";

const fixtures = resolve(import.meta.dirname, "fixtures");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

async function signIn(page: Page, images: string[] = []) {
  await page.goto("/");
  await page.getByLabel(/E-mail|이메일/).fill(`shell-${Date.now()}-${Math.random()}@example.com`);
  await page.getByRole("button", { name: /Sign in|로그인/ }).click();
  await expect(page.getByRole("banner")).toBeVisible();
  if (images.length) {
    await page.getByTestId("file-input").setInputFiles(images.map((f) => resolve(fixtures, f)));
    await expect(page.getByText(/Ready|완료/)).toHaveCount(images.length, { timeout: 60_000 });
  }
}

/** Nothing wider than the window, and every control of the header inside it. */
async function expectFits(page: Page, width: number) {
  const layout = await page.evaluate(() => ({
    header: document.querySelector("header")!.getBoundingClientRect().height,
    outside: [...document.querySelectorAll("header :is(button, select, input, h1, .storage)")]
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && (box.left < 0 || box.right > window.innerWidth))
      .map(({ element }) => element.outerHTML.slice(0, 80)),
  }));
  // the page settles after a resize (observers re-measure): asked again until it does
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
                    { message: `page wider than the window at ${width} px` }).toBeLessThanOrEqual(0);
  expect.soft(layout.outside, `header controls outside the window at ${width} px`).toEqual([]);
  if (width < 900) expect.soft(layout.header, `header height at ${width} px`).toBeLessThanOrEqual(56);
}

test("the header is one row that fits every width from 360 to 1440 px, in English and Korean", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  for (const language of ["en", "ko"]) {
    if (language === "ko") {
      await page.setViewportSize(DESKTOP);
      await page.getByRole("button", { name: "한국어" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    }
    for (const width of [360, 390, 701, 768, 820, 900, 1024, 1440]) {
      await page.setViewportSize({ width, height: width < 900 ? 844 : 900 });
      await expectFits(page, width);
      if (width === 900 || width === 768) await shot(page, `header-${width}-${language}`);
      if (width < 900) {
        // the search field opens in the header's row, and fits there too
        await page.getByRole("button", { name: /^(Search|검색)$/ }).click();
        await expect(page.getByLabel(/Search prompts|프롬프트 검색/)).toBeFocused();
        await expectFits(page, width);
        await page.getByRole("button", { name: /Close the search|검색 닫기/ }).click();
      }
    }
  }
  await page.setViewportSize(PHONE);
  await shot(page, "phone-header");
  await page.getByRole("button", { name: "설정" }).click();
  await expect(page.getByRole("dialog", { name: "설정" }).getByRole("button", { name: "로그아웃" })).toBeVisible();
  await shot(page, "phone-settings");
  await expectAccessible(page, "settings sheet");
});

test("on a phone the sidebar is a drawer: it closes after a pick, on Esc and on the scrim, and the focus goes back", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  const menu = page.getByRole("button", { name: "Menu" });
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  const main = page.locator("main"); // by tag: the modal drawer hides it from the accessibility tree
  const before = await main.boundingBox();
  await menu.click();
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole("meter", { name: "Storage" })).toBeVisible(); // the meter lives here on a phone
  await drawer.getByLabel("Folder name").fill("행성");
  await drawer.getByLabel("Folder name").press("Enter");
  await expect(drawer.getByRole("treeitem", { name: /^행성/ })).toBeVisible();
  await shot(page, "phone-drawer");
  expect(await main.boundingBox()).toEqual(before); // over the content: nothing pushed down
  await expectAccessible(page, "drawer");
  await drawer.getByRole("treeitem", { name: /^행성/ }).click();
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();
  expect(new URL(page.url()).searchParams.get("folder")).toBeTruthy();

  await menu.click();
  await expect(drawer).toBeVisible(); // Esc or a click before the drawer is up would reach the page instead
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();
  await menu.click();
  await expect(drawer).toBeVisible();
  await page.mouse.click(PHONE.width - 10, PHONE.height / 2); // the scrim, beside the drawer
  await expect(drawer).toBeHidden();
  await expect(menu).toBeFocused();
});

test("on a 360 px phone the bulk bar is a sheet at the bottom with Delete in sight; the rest is under More", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await signIn(page, ["cat.png", "city.png"]);
  const boxes = page.getByRole("checkbox", { name: /^Select: / }); // the tiles' (not the day's)
  await expect(boxes).toHaveCount(2); // both listed (the uploads' Ready comes before the listing's reload)
  for (const checkbox of await boxes.all()) await checkbox.check();
  const bar = page.getByRole("toolbar", { name: "2 selected" });
  await expect(bar).toBeVisible();
  const box = (await bar.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  expect(box.y + box.height).toBeCloseTo(780, 0); // at the bottom edge
  const remove = bar.getByRole("button", { name: "Delete" });
  await expect(remove).toBeInViewport({ ratio: 1 });
  await expectFits(page, 360);
  await shot(page, "phone-bulk");
  await bar.getByRole("button", { name: "More actions" }).click();
  const more = page.getByRole("dialog", { name: "Other actions for 2 selected" });
  await expect(more.getByLabel("Add a tag")).toBeVisible();
  await shot(page, "phone-bulk-more");
  await page.keyboard.press("Escape");
  await expectAccessible(page, "bulk bar");
  await page.setViewportSize({ width: 360, height: 780 });
  await remove.click();
  await expect(page.getByText("0 images")).toBeVisible();
});

test("the grid is one Tab stop: from the skip link's target Tab reaches one image, the next leaves the grid", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, ["cat.png", "city.png", "autumn.png"]);
  const grid = page.locator("#images");
  const images = grid.locator(".card-image");
  await expect(images).toHaveCount(3); // one row at this width
  const tabStops = () => grid.evaluate((element) => [...element.querySelectorAll<HTMLElement>("a, button, input, [tabindex]")]
    .filter((candidate) => candidate.tabIndex >= 0).length);
  const intoGrid = async () => {
    await page.locator(".skip-link").focus();
    await page.keyboard.press("Enter");
    await expect(grid).toBeFocused();
    await page.keyboard.press("Tab");
  };
  await intoGrid();
  await expect(images.first()).toBeFocused();
  expect(await tabStops()).toBe(1); // not the checkboxes, the stars, the day's checkbox
  await page.keyboard.press("Tab");
  expect(await grid.evaluate((element) => element.contains(document.activeElement))).toBe(false);

  // End to the row's last image: the stop moves with the focus, and Tab comes back to it
  await intoGrid();
  await page.keyboard.press("End");
  await expect(images.last()).toBeFocused();
  await intoGrid();
  await expect(images.last()).toBeFocused();
  expect(await tabStops()).toBe(1);
  await page.keyboard.press("Control+Home");
  await expect(images.first()).toBeFocused();
});

test("the theme follows the system, can be chosen, is remembered, and both palettes pass axe", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize(DESKTOP);
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", "dark"); // the system's, by default
  await expectAccessible(page, "sign-in, dark");
  await shot(page, "sign-in-dark");
  await signIn(page, ["autumn.png"]);
  await expect(page.getByText("1 image", { exact: true })).toBeVisible();
  await expect(page.getByRole("img", { name: /가을/ })).toBeVisible();
  await shot(page, "dark");
  await expectAccessible(page, "gallery, dark");
  await page.getByRole("button", { name: /가을 풍경화/ }).click();
  await expectAccessible(page, "viewer, dark");
  await shot(page, "viewer-dark");
  await page.getByRole("button", { name: "Close" }).click();
  await page.setViewportSize(PHONE);
  await shot(page, "phone-dark");
  await page.getByRole("button", { name: "Menu" }).click();
  await shot(page, "phone-drawer-dark");
  await page.keyboard.press("Escape");

  // chosen light on a dark system: kept across a reload, applied before the first paint
  await page.setViewportSize(DESKTOP);
  await page.getByLabel("Theme").selectOption("light");
  await expect(html).toHaveAttribute("data-theme", "light");
  await page.reload();
  await expect(html).toHaveAttribute("data-theme", "light");
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe("light");
  await expectAccessible(page, "gallery, light");
  await page.getByLabel("Theme").selectOption("dark");
  await page.emulateMedia({ colorScheme: "light" });
  await expect(html).toHaveAttribute("data-theme", "dark");
  await page.getByLabel("Theme").selectOption("system");
  await expect(html).toHaveAttribute("data-theme", "light");
});

test.describe("on a touch phone", () => {
  test.use({ viewport: PHONE, hasTouch: true, isMobile: true, deviceScaleFactor: 3 });

  test("the upload is a button beside Filters, not a drop zone's frame, and the first row of images sits higher", async ({ page }) => {
    await signIn(page, ["cat.png", "city.png"]);
    await page.getByRole("button", { name: "Clear finished" }).click();
    const upload = page.getByRole("region", { name: /^(Upload|업로드)$/ });
    await expect(upload.getByRole("button", { name: /^(Upload|업로드)$/ })).toBeVisible(); // nothing to drop on a touch screen
    await expect(upload).toHaveCSS("border-top-width", "0px");
    const first = page.getByRole("listitem").filter({ has: page.getByRole("img") }).first();
    await expect(first).toBeVisible();
    await shot(page, "phone-touch");
    // under a one-row header, Filters and Upload on one row, the toolbar and the day's name:
    // 220 px (Filters and Upload on rows of their own put it at 278, the drop zone's frame at 302)
    expect((await first.boundingBox())!.y).toBeLessThanOrEqual(222);
    const filters = (await page.locator("details.filters > summary").boundingBox())!;
    const uploadButton = (await upload.getByRole("button", { name: /^(Upload|업로드)$/ }).boundingBox())!;
    expect(Math.abs(filters.y - uploadButton.y)).toBeLessThanOrEqual(1); // one row
    await expectAccessible(page, "gallery on a touch phone");
  });

  test("no checkbox on every tile: a finger held on one selects it, then taps select, and none selected a tap opens", async ({ page }) => {
    await signIn(page, ["cat.png", "city.png", "autumn.png"]);
    await page.getByRole("button", { name: /^(Clear finished|완료된 항목 지우기)$/ }).click();
    const tiles = page.locator(".card-image");
    await expect(tiles).toHaveCount(3);
    const boxes = page.locator(".card .select");
    await expect(boxes.first()).toHaveCSS("opacity", "0"); // there for a screen reader, not in sight
    const cdp = await page.context().newCDPSession(page);
    const hold = async (index: number) => {
      const box = (await tiles.nth(index).boundingBox())!;
      const finger = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [finger] });
      await page.waitForTimeout(800);
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    };
    await hold(0);
    const checks = page.getByRole("checkbox", { name: /^(Select|선택): / });
    await expect(checks.nth(0)).toBeChecked();
    await expect(page.getByRole("dialog")).toHaveCount(0); // the lift opened nothing
    await expect(boxes.first()).toHaveCSS("opacity", "1");
    await tiles.nth(2).tap(); // selecting: a tap selects
    await expect(checks.nth(2)).toBeChecked();
    await expect(page.getByText(/^(2 selected|2장 선택됨)$/).first()).toBeVisible();
    await shot(page, "phone-touch-selecting", false);
    await expectAccessible(page, "selecting on a touch phone");
    await tiles.nth(0).tap();
    await tiles.nth(2).tap();
    await expect(boxes.first()).toHaveCSS("opacity", "0");
    await tiles.nth(1).tap(); // nothing selected: a tap opens
    await expect(page.getByRole("dialog")).toBeVisible();
  });
});
