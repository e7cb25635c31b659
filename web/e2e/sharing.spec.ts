// Sharing in a real browser against the real local stack: a folder link made in the
// dashboard, opened signed out (a grid, an in-page lightbox with ←/→/Esc), the card tags a
// chat app reads from the same address, and the list of my links.
import { resolve } from "node:path";

import { expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot } from "./session";

const fixtures = resolve(import.meta.dirname, "fixtures");
const SLACK = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)";

test("a folder link: made from the folder's bar, opened signed out in a lightbox, listed in my links", async ({ page, browser, baseURL }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL });
  await page.goto("/");
  await page.getByLabel(/E-mail|이메일/).fill(`share-${Date.now()}@example.com`);
  await page.getByRole("button", { name: /Sign in|로그인/ }).click();
  const toEnglish = page.getByRole("button", { name: "English" });
  if (await toEnglish.isVisible()) await toEnglish.click();
  await page.getByTestId("file-input").setInputFiles(
    ["cat.png", "city.png", "autumn.png"].map((f) => resolve(fixtures, f)),
  );
  await expect(page.getByText("Ready", { exact: true })).toHaveCount(3, { timeout: 60_000 });

  // a folder with the three images in it
  await page.getByLabel("Folder name").fill("여행");
  await page.getByLabel("Folder name").press("Enter");
  for (const [n, name] of [/고양이/, /서울의 밤거리/, /가을 풍경화/].entries()) {
    await page.getByRole("button", { name }).first().click();
    await page.getByRole("combobox", { name: "Folder", exact: true }).selectOption({ label: "여행" });
    // the move answered (the folder counts it) before the viewer closes
    await expect(page.getByRole("treeitem", { name: new RegExp(`^여행 ${n + 1}`) })).toBeVisible();
    await page.getByRole("button", { name: "Close" }).click();
    await expect(page.getByRole("dialog")).toHaveCount(0);
  }
  await expect(page.getByRole("treeitem", { name: /^여행 3/ })).toBeVisible();

  // the folder's Share action (in its bar, over its images): the share dialog, for the folder
  await page.getByRole("treeitem", { name: /^여행 3/ }).click();
  await page.getByRole("button", { name: "Share 여행" }).click();
  const dialog = page.getByRole("dialog", { name: "Share 여행" });
  await dialog.getByLabel("Permission").selectOption("download");
  await dialog.getByLabel("Show prompt and settings").check();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByRole("textbox", { name: "Link", exact: true }).inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page, "folder share dialog");
  await shot(page, "folder-share-dialog");
  await dialog.getByRole("button", { name: "Close" }).click();

  // what a chat app reads at the same address, without JavaScript: the card, counting nothing
  const card = await page.request.get(link, { headers: { "User-Agent": SLACK } });
  const head = await card.text();
  expect(head).toContain('<meta property="og:title" content="여행">');
  expect(head).toContain('<meta property="og:description" content="3 images shared with you">');
  expect(head).toContain(`<meta property="og:image" content="${link}/image">`);
  expect(head).toContain('<meta name="robots" content="noindex">');

  // signed out, in a fresh browser: the grid, then the lightbox, never the raw file
  const recipient = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const visitor = await recipient.newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("heading", { name: "여행" })).toBeVisible();
  const thumbs = visitor.getByRole("button", { name: /^Open image \d of 3$/ });
  await expect(thumbs).toHaveCount(3);
  await expect(visitor.locator(".shared-images img").first()).toHaveJSProperty("complete", true);
  await expectAccessible(visitor, "folder share page");
  await shot(visitor, "folder-share-page");

  await thumbs.first().click();
  const box = visitor.getByRole("dialog", { name: "Image 1 of 3" });
  await expect(box).toBeVisible();
  // the full image, through the link's view route
  await expect.poll(() => box.locator(".lightbox-stage img").evaluate((i: HTMLImageElement) => i.naturalWidth))
    .toBeGreaterThan(0);
  expect(new URL(visitor.url()).pathname).toMatch(/^\/s\//); // still the page
  await expect(box.getByRole("link", { name: "Download" })).toBeVisible();
  await expect(box.getByText("Prompt", { exact: true })).toBeVisible();
  await expectAccessible(visitor, "share lightbox");
  // axe cannot judge contrast over the translucent backdrop: the controls' own colours
  for (const control of [box.getByRole("button", { name: "Close" }), box.getByRole("button", { name: "Next image" })]) {
    await expect(control).toHaveCSS("color", "rgb(17, 17, 17)");
    await expect(control).toHaveCSS("background-color", "rgb(255, 255, 255)");
  }
  await shot(visitor, "share-lightbox", false);
  await visitor.keyboard.press("ArrowRight");
  await expect(visitor.getByRole("dialog", { name: "Image 2 of 3" })).toBeVisible();
  await visitor.keyboard.press("ArrowRight");
  await expect(visitor.getByRole("dialog", { name: "Image 3 of 3" })).toBeVisible();
  await visitor.keyboard.press("ArrowLeft");
  await expect(visitor.getByRole("dialog", { name: "Image 2 of 3" })).toBeVisible();
  await visitor.keyboard.press("Escape");
  await expect(visitor.getByRole("dialog")).toHaveCount(0);
  await expect(thumbs.first()).toBeFocused();

  // on a phone
  await visitor.setViewportSize({ width: 390, height: 844 });
  await shot(visitor, "phone-share-page");
  await thumbs.nth(1).click();
  await expect(visitor.getByRole("dialog", { name: "Image 2 of 3" })).toBeVisible();
  await shot(visitor, "phone-share-lightbox", false);
  await visitor.getByRole("button", { name: "Close" }).click();
  await recipient.close();

  // my links: the folder's link, opened once, copied again; a new one with its settings, copied
  await page.getByRole("button", { name: "My links" }).click();
  expect(new URL(page.url()).searchParams.get("view")).toBe("links");
  const row = page.getByRole("listitem").filter({ hasText: "Folder: 여행" });
  await expect(row).toHaveCount(1);
  await expect(row.getByText("1 view")).toBeVisible();
  await expect(row.getByText("view and download")).toBeVisible();
  // the same link, copied again from the list (the address sent before)
  await row.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied to the clipboard", { exact: true }).first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await row.getByRole("button", { name: "New link with these settings" }).click();
  await expect(page.getByText("New link copied to the clipboard", { exact: true })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  expect(copied).not.toBe(link);
  await expect(page.getByRole("listitem").filter({ hasText: "Folder: 여행" })).toHaveCount(2);
  await expectAccessible(page, "links");
  await shot(page, "links");

  // revoke the first link, after the question: its page then says it is gone
  const first = page.getByRole("listitem").filter({ hasText: "1 view" });
  await first.getByRole("button", { name: "Revoke" }).click();
  await expectAccessible(page, "revoke link confirm");
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(first.getByText("revoked")).toBeVisible();
  const gone = await page.request.get(link, { headers: { "User-Agent": SLACK } });
  expect(gone.status()).toBe(404);

  // in Korean, on the phone
  await page.getByRole("button", { name: "한국어" }).click();
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("heading", { name: "내 링크" })).toBeVisible();
  await shot(page, "phone-links-ko");
  await page.setViewportSize({ width: 1440, height: 900 });
});
