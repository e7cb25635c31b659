// The viewer's image up close: zoomed by the buttons, the keys, the wheel and a double click
// on a desktop (the arrows pan it then), by a pinch on a touch phone, where a swipe steps to
// the next image; zoomed in, the original's own pixels are shown; Download saves it under
// its readable name.
import { deflateSync, crc32 } from "node:zlib";

import { type Page, expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot, signIn, upload } from "./session";

/** A PNG of `width`×`height`, bands of colour down it (bigger than any screen shows whole). */
function largePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((1 + width * 3) * height);
  for (let y = 0; y < height; y += 1) {
    const band = Math.floor((y / height) * 8);
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x += 1) rows.set([40 + band * 25, 200 - band * 20, (x >> 4) & 0xff], row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function uploadLarge(page: Page) {
  await page.getByTestId("file-input").setInputFiles({ name: "bands.png", mimeType: "image/png",
                                                       buffer: largePng(2400, 1600) });
  await expect(page.getByText("Ready", { exact: true })).toHaveCount(1, { timeout: 60_000 });
  await page.getByRole("button", { name: "Clear finished" }).click();
}

const level = (page: Page) => page.getByTestId("viewer-zoom").locator(".zoom-level");

test("on a desktop: actual size shows the original's pixels; wheel, keys and double click zoom; Download names the file", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, "zoom");
  await uploadLarge(page);
  await page.locator(".card-image").first().click();
  const viewer = page.getByRole("dialog");
  const area = viewer.getByTestId("viewer-zoom");
  const actual = viewer.getByRole("button", { name: "Actual size" });
  await expect(actual).toBeEnabled(); // 2400 px wide, fitted in less
  await expect(level(page)).toHaveText("100%");
  await actual.click();
  await expect(actual).toHaveAttribute("aria-pressed", "true");
  const original = area.locator(".zoom-original");
  await expect(original).toHaveJSProperty("complete", true);
  expect(await original.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2400); // the original, not the preview
  // one pixel of it to one of the screen: its frame drawn 2400 px wide
  const frame = await area.locator(".zoom-frame").boundingBox();
  expect(Math.round(frame!.width)).toBeGreaterThanOrEqual(2398);
  await shot(page, "viewer-actual-size", false);
  await expectAccessible(page, "viewer, zoomed");
  await actual.click();
  await expect(area).not.toHaveClass(/zoomed/);

  // the wheel over the image zooms in where it points; a double click fits again
  const box = (await area.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect(area).toHaveClass(/zoomed/);
  // the wheel's zoom settles (it is animated) before the double click
  await expect.poll(async () => {
    const before = await level(page).textContent();
    await page.waitForTimeout(250);
    return before === await level(page).textContent();
  }).toBe(true);
  await page.mouse.dblclick(box.x + box.width / 2, box.y + box.height / 2);
  await expect(area).not.toHaveClass(/zoomed/);
  await expect(level(page)).toHaveText("100%");
  await page.keyboard.press("+");
  await expect(level(page)).toHaveText("150%");
  // zoomed, the arrows move the view (dragging's keyboard way)
  const content = area.locator(".zoom-content");
  const before = await content.evaluate((el) => getComputedStyle(el).transform);
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => content.evaluate((el) => getComputedStyle(el).transform)).not.toBe(before);
  await page.keyboard.press("0");
  await expect(level(page)).toHaveText("100%");

  // Download: the original, saved under the name the API gives it, and the tab stays
  const url = page.url();
  const saved = page.waitForEvent("download");
  await viewer.getByRole("button", { name: "Download" }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toMatch(/^\d{4}-\d{2}-\d{2}_.*[0-9a-f]{8}\.png$/);
  expect(page.url()).toBe(url);
  await expect(viewer).toBeVisible();
});

test.describe("on a touch phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test("a swipe steps to the next image and back, a drag up scrolls; a pinch zooms, and then a swipe pans instead", async ({ page }) => {
    await signIn(page, "swipe");
    await upload(page, ["cat.png", "city.png"]);
    await page.locator(".card-image").first().click();
    const viewer = page.getByRole("dialog");
    await expect(viewer.locator(":focus")).toHaveCount(1);
    const area = viewer.getByTestId("viewer-zoom");
    const box = (await area.boundingBox())!;
    const y = box.y + box.height / 2;
    const cdp = await page.context().newCDPSession(page);
    const swipe = async (from: number, to: number) => {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: from, y }] });
      for (let step = 1; step <= 5; step += 1) {
        await cdp.send("Input.dispatchTouchEvent", { type: "touchMove",
                                                     touchPoints: [{ x: from + ((to - from) * step) / 5, y }] });
      }
      await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    };
    const first = await viewer.getAttribute("aria-label");
    await swipe(box.x + box.width * 0.8, box.x + box.width * 0.2); // to the left: the next image
    await expect(viewer).not.toHaveAttribute("aria-label", first ?? "");
    await swipe(box.x + box.width * 0.2, box.x + box.width * 0.8); // back
    await expect(viewer).toHaveAttribute("aria-label", first ?? "");

    // a finger dragged up the image scrolls the viewer to its panel (not a swipe)
    const x = box.x + box.width / 2;
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
    for (let step = 1; step <= 5; step += 1) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: y - step * 40 }] });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    const scroller = viewer.locator(".image-viewer");
    await expect.poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await expect(viewer).toHaveAttribute("aria-label", first ?? "");
    await scroller.evaluate((el) => { el.scrollTop = 0; });

    // two fingers moving apart over the image
    const centre = box.x + box.width / 2;
    const fingers = (apart: number) => [{ x: centre - apart, y, id: 1 }, { x: centre + apart, y, id: 2 }];
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: fingers(20) });
    for (let apart = 30; apart <= 120; apart += 10) {
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: fingers(apart) });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await expect(area).toHaveClass(/zoomed/);
    await expect(page.locator("html")).toHaveJSProperty("scrollWidth", 390); // the image zoomed, not the page
    await shot(page, "phone-viewer-pinched", false);
    await swipe(box.x + box.width * 0.8, box.x + box.width * 0.2); // zoomed: a drag pans, it does not step
    await expect(viewer).toHaveAttribute("aria-label", first ?? "");
    await expectAccessible(page, "viewer on a touch phone, zoomed");
  });
});
