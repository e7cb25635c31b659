// Generation data as first-class data (issue 19) in a real browser against the local stack:
// a filter typed in the search box and one from the panel become chips; variations group into
// a stack and open from its badge; two images are compared; A1111's text is copied. axe on
// each screen, desktop and phone, and screenshots in English and Korean.
import { deflateSync } from "node:zlib";

import { type Page, expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot } from "./session";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 64 × 64 PNG of one colour carrying A1111's "parameters" text, as A1111 and Forge write it. */
function png(parameters: string, [r, g, b]: [number, number, number]): Buffer {
  const size = 64;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => [r, g, b]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("tEXt", Buffer.concat([Buffer.from("parameters\0", "latin1"), Buffer.from(parameters, "latin1")])),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const FOX = "a red fox in the snow, (watercolor:1.2), <lora:add_detail:0.6>\nNegative prompt: blurry\n"
  + "Steps: 24, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: SEED, Size: 64x64, "
  + "Model hash: 31e35c80fc, Model: sdxl-base-1.0, Lora hashes: \"add_detail: 7c4a1e9b2d3f\"";
const OWL = "an owl at night, ink\nNegative prompt: blurry, text\n"
  + "Steps: 40, Sampler: Euler a, CFG scale: 7, Seed: 5, Size: 64x64, Model hash: 31e35c80fc, Model: sdxl-base-1.0";

async function expectNoOverflow(page: Page) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
                    { timeout: 5_000 }).toBeLessThanOrEqual(0);
}

test("filter by a typed token and a panel setting, group variations, compare two images, copy A1111's text", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/");
  await page.getByLabel(/E-mail|이메일/).fill(`generation-${Date.now()}@example.com`);
  await page.getByRole("button", { name: /Sign in|로그인/ }).click();
  const toEnglish = page.getByRole("button", { name: "English" });
  if (await toEnglish.isVisible()) await toEnglish.click();

  // two variations of a fox (the same settings, another seed) and an owl
  await page.getByTestId("file-input").setInputFiles([
    { name: "fox-1.png", mimeType: "image/png", buffer: png(FOX.replace("SEED", "1001"), [200, 80, 40]) },
    { name: "fox-2.png", mimeType: "image/png", buffer: png(FOX.replace("SEED", "1002"), [210, 90, 50]) },
    { name: "owl.png", mimeType: "image/png", buffer: png(OWL, [40, 40, 90]) },
  ]);
  await expect(page.getByText("Ready", { exact: true })).toHaveCount(3, { timeout: 60_000 });
  await page.getByRole("button", { name: "Clear finished" }).click();
  const count = page.locator(".gallery-count");
  await expect(count).toHaveText("3 images");

  // filter: a token typed in the search box comes back as a chip of its own
  const box = page.getByLabel("Search prompts (Korean or English)");
  await box.fill("steps:20-30");
  await box.press("Enter");
  const chips = page.getByRole("list", { name: "Active filters" });
  await expect(chips.getByRole("button")).toHaveText(["Steps: 20-30"], { timeout: 30_000 });
  await expect(count).toHaveText("2 results", { timeout: 30_000 });
  // and one from the panel: the sampler, by its name, from the facet's counts
  await page.getByText("Filters", { exact: true }).click();
  const sampler = page.getByRole("combobox", { name: "Sampler" });
  await expect(sampler.getByRole("option")).toHaveText(["Any sampler", "DPM++ 2M (2 images)"]);
  await sampler.selectOption("dpmpp_2m");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(chips.getByRole("button")).toHaveText(["Sampler: DPM++ 2M", "Steps: 20-30"], { timeout: 30_000 });
  await expect(count).toHaveText("2 results");
  await expectAccessible(page, "parameter filters");
  await shot(page, "generation-filters");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoOverflow(page);
  await shot(page, "phone-generation-filters");
  await page.setViewportSize({ width: 1440, height: 900 });
  // the token's chip takes its token out of the search
  await chips.getByRole("button", { name: "Remove filter: Steps: 20-30" }).click();
  await expect(chips.getByRole("button")).toHaveText(["Sampler: DPM++ 2M"]);
  expect(new URL(page.url()).searchParams.get("q")).toBeNull();
  await page.getByRole("button", { name: "Clear all" }).click();
  await page.getByText("Filters", { exact: true }).click(); // folded again
  await expect(count).toHaveText("3 images");

  // stack: grouped, the foxes are one tile with a badge; the badge opens the stack
  await page.getByRole("button", { name: "Group variations" }).click();
  await expect(count).toHaveText("2 images", { timeout: 30_000 });
  const badge = page.getByRole("button", { name: "2 variations: show them" });
  await expect(badge).toHaveText(/^2/);
  await shot(page, "generation-grouped");
  await badge.click();
  await expect(chips.getByRole("button")).toHaveText(["Variations of one image"]);
  await expect(page.getByRole("img", { name: /a red fox/ })).toHaveCount(2);
  await expectAccessible(page, "a variation stack");
  await chips.getByRole("button", { name: "Remove filter: Variations of one image" }).click();
  await expect(count).toHaveText("2 images");

  // compare: the fox and the owl, selected
  await page.getByRole("checkbox", { name: /Select: a red fox/ }).check();
  await page.getByRole("checkbox", { name: /Select: an owl/ }).check();
  await page.getByRole("button", { name: "Compare" }).click();
  const dialog = page.getByRole("dialog", { name: "Compare two images" });
  await expect(dialog.getByRole("region", { name: "Prompt", exact: true }).locator("ins, del").first()).toBeVisible();
  await expect(dialog.getByRole("region", { name: "Prompt", exact: true })).toContainText("added: owl");
  const table = dialog.getByRole("table", { name: "Settings that differ" });
  await expect(table.getByRole("row", { name: /Steps/ })).toContainText("40");
  await expect(table.getByRole("row", { name: /Sampler/ })).toContainText("Euler a");
  await expectAccessible(page, "compare two images");
  await shot(page, "generation-compare");
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoOverflow(page);
  await shot(page, "phone-generation-compare");
  await page.setViewportSize({ width: 1440, height: 900 });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole("toolbar", { name: "2 selected" }).getByRole("button", { name: "Clear", exact: true }).click();

  // copy: the owl's A1111 text, as the API writes it
  await page.getByRole("button", { name: /an owl at night/ }).click();
  const viewer = page.getByRole("dialog", { name: /an owl at night/ });
  await expect(viewer.getByText("Sampler", { exact: true }).locator("xpath=following-sibling::dd")).toHaveText("Euler a");
  await viewer.getByRole("button", { name: "Copy as A1111 text" }).click();
  await expect(viewer.getByRole("status")).toHaveText("Copied");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain("an owl at night, ink");
  expect(copied).toContain("Steps: 40");
  // the rating, by keyboard
  await viewer.getByRole("radio", { name: "3 stars" }).check();
  await expect(viewer.getByRole("status")).toHaveText("Rated 3 stars");
  await expectAccessible(page, "viewer with generation data");
  await shot(page, "generation-viewer");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "phone-generation-viewer");

  // in Korean
  await page.setViewportSize({ width: 1440, height: 900 });
  await viewer.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: "한국어" }).click();
  await page.getByRole("checkbox", { name: /선택: a red fox/ }).check();
  await page.getByRole("checkbox", { name: /선택: an owl/ }).check();
  await page.getByRole("button", { name: "비교" }).click();
  await expect(page.getByRole("dialog", { name: "두 이미지 비교" }).getByRole("table")).toBeVisible();
  await shot(page, "generation-compare-ko");
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, "phone-generation-compare-ko");
  await expectAccessible(page, "compare in Korean");
});
