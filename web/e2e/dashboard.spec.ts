// The dashboard in a real browser against the real local stack: everything a user does
// in a first session, and a recipient opening a protected link signed out.
import { resolve } from "node:path";

import { type Page, expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot } from "./session";

const fixtures = resolve(import.meta.dirname, "fixtures");

async function search(page: Page, text: string) {
  const box = page.getByLabel("Search prompts (Korean or English)");
  await box.fill(text);
  await box.press("Enter");
}

test("a first session: upload, search in Korean, tag, favourite, folder, share, revoke, delete", async ({ page, browser }) => {
  await page.goto("/");
  await expectAccessible(page, "sign-in");
  await page.getByLabel(/E-mail|이메일/).fill(`e2e-${Date.now()}@example.com`);
  await page.getByRole("button", { name: /Sign in|로그인/ }).click();
  // the rest of the test speaks English
  const toEnglish = page.getByRole("button", { name: "English" });
  if (await toEnglish.isVisible()) await toEnglish.click();
  await expect(page.getByText("0 images")).toBeVisible();
  await expect(page.getByText(/0 B \/ 100 GB · pro/)).toBeVisible();

  // upload three images: each shows its progress, then ready
  await page.getByTestId("file-input").setInputFiles(
    ["cat.png", "city.png", "autumn.png"].map((f) => resolve(fixtures, f)),
  );
  await expect(page.getByText("Ready", { exact: true })).toHaveCount(3, { timeout: 60_000 });
  await expect(page.getByText("3 images")).toBeVisible();
  await expect(page.getByRole("img", { name: /고양이/ })).toBeVisible();
  // the same file again: recognised by its SHA-256 before any byte is sent
  await page.getByTestId("file-input").setInputFiles(resolve(fixtures, "cat.png"));
  await expect(page.getByText("Already in your gallery")).toBeVisible();
  await expect(page.getByText("3 images")).toBeVisible();
  await expectAccessible(page, "gallery");
  await shot(page, "grid");

  // justified rows: on a phone the three 3:2 images share the first row, which fills the width
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(async () => {
    const boxes = await page.locator(".card.grid").evaluateAll((cards) =>
      cards.map((card) => card.getBoundingClientRect()).map(({ top, left, right }) => ({ top, left, right })));
    const firstTop = Math.min(...boxes.map((box) => box.top));
    const firstRow = boxes.filter((box) => Math.abs(box.top - firstTop) < 1);
    expect(firstRow.length).toBeGreaterThanOrEqual(3);
    const rowsWidth = await page.locator(".gallery-rows").evaluate((rows) => rows.getBoundingClientRect().width);
    expect(Math.max(...firstRow.map((box) => box.right)) - Math.min(...firstRow.map((box) => box.left)))
      .toBeCloseTo(rowsWidth, 0);
  }).toPass({ timeout: 10_000 });
  await expect(page.getByRole("heading", { level: 2, name: "Today" })).toBeVisible();
  await shot(page, "phone-grid");
  await page.setViewportSize({ width: 1440, height: 900 });

  // a range by Shift+click, to the trash in one go, and back by Undo
  const checkboxes = page.getByRole("checkbox", { name: /^Select: / });
  await checkboxes.nth(0).click();
  await checkboxes.nth(2).click({ modifiers: ["Shift"] });
  await expect(checkboxes.nth(1)).toBeChecked();
  const bulk = page.getByRole("toolbar", { name: "3 selected" });
  await expect(bulk).toBeVisible();
  await expectAccessible(page, "gallery with a selection");
  await shot(page, "selection");
  await bulk.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("Moved 3 images to the trash", { exact: true })).toBeVisible();
  await expect(page.getByText("0 images", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("3 images are back", { exact: true })).toBeVisible();
  await expect(page.getByText("3 images", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Dismiss", exact: true }).click();
  await expect(page.getByRole("checkbox", { name: /^Select: / }).first()).not.toBeChecked();

  // the keyboard: arrows between tiles, Space selects, Ctrl+A takes them all, Escape lets go
  const tiles = page.locator(".card.grid .card-image");
  await tiles.nth(0).focus();
  await page.keyboard.press("ArrowRight");
  await expect(tiles.nth(1)).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.getByRole("toolbar", { name: "1 selected" })).toBeVisible();
  await page.keyboard.press("Control+A");
  await expect(page.getByRole("toolbar", { name: "3 selected" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("toolbar", { name: /selected/ })).toBeHidden();
  await expect(page.getByRole("dialog")).toHaveCount(0); // Space did not open the image

  // the viewer walks the listing with → and ←, into a page not loaded yet: pages of two here,
  // the second held back until the viewer has asked for it
  let release = () => undefined as void;
  const held = new Promise<void>((resolve) => { release = resolve; });
  const listing = /\/api\/v1\/files\/images\?/;
  await page.route(listing, async (route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.has("cursor")) await held;
    url.searchParams.set("page_size", "2");
    await route.continue({ url: url.toString() });
  });
  await page.reload();
  await expect(tiles).toHaveCount(2);
  await tiles.nth(0).click();
  const viewer = page.getByRole("dialog");
  const next = viewer.getByRole("button", { name: "Next image" });
  const first = await viewer.getAttribute("aria-label");
  // the keys go to the viewer once its focus is in it (a key pressed before reached the grid)
  await expect(viewer.locator(":focus")).toHaveCount(1);
  await page.keyboard.press("ArrowRight");
  await expect(viewer).not.toHaveAttribute("aria-label", first ?? "");
  const second = await viewer.getAttribute("aria-label");
  await expect(viewer.locator(":focus")).toHaveCount(1); // back in the viewer after the image changed
  await page.keyboard.press("ArrowRight"); // the third image is on the page held back
  await expect(next).toHaveAttribute("aria-busy", "true");
  await expect(viewer).toHaveAttribute("aria-label", second ?? "");
  release();
  await expect(viewer).not.toHaveAttribute("aria-label", second ?? "");
  const third = await viewer.getAttribute("aria-label");
  expect(new Set([first, second, third]).size).toBe(3);
  await expect(next).toBeDisabled(); // the end of the listing
  await expect(tiles).toHaveCount(3); // the gallery has the page too
  await expect(viewer.locator(":focus")).toHaveCount(1);
  await page.keyboard.press("ArrowLeft");
  await expect(viewer).toHaveAttribute("aria-label", second ?? "");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(tiles.nth(0)).toBeFocused(); // back where it was opened
  await page.unroute(listing);

  // search in Korean (an inflected form): the right one, highlighted
  await expect(async () => {
    await search(page, "고양이를");
    await expect(page.getByText("1 result")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("img", { name: /우주복을 입은 고양이/ })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("q")).toBe("고양이를");
  // what matched, readable over the tile (not under the next row), and in full in the list
  await expect(page.locator(".caption em").first()).toBeVisible();
  await expectAccessible(page, "search results");
  await shot(page, "search");
  await page.getByRole("button", { name: "List" }).click();
  await expect(page.locator(".card.list .highlight em").first()).toBeVisible();
  await expectAccessible(page, "search results, list");
  await shot(page, "search-list");
  await page.getByRole("button", { name: "Grid" }).click();
  await search(page, "");

  // tag it, then filter by the tag
  await page.getByRole("button", { name: /우주복을 입은 고양이/ }).click();
  await page.getByLabel("Add a tag").fill("우주");
  await page.getByLabel("Add a tag").press("Enter");
  await expect(page.getByRole("list", { name: "Tags" }).getByText("#우주")).toBeVisible();
  await expectAccessible(page, "viewer");
  await shot(page, "image-view");
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("button", { name: /#우주/ }).click();
  await expect(page.getByText("1 image")).toBeVisible();
  await page.getByRole("button", { name: "My images" }).click();
  await expect(page.getByText("3 images")).toBeVisible();

  // favourite it
  const card = page.getByRole("listitem").filter({ has: page.getByRole("img", { name: /고양이/ }) });
  await card.getByRole("button", { name: "Favourite" }).click();
  await expect(card.getByRole("button", { name: "Remove from favourites" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: /Favourites/ }).click();
  await expect(page.getByText("1 image")).toBeVisible();
  await page.getByRole("button", { name: "My images" }).click();

  // a new folder, and the image moved into it
  await page.getByLabel("Folder name").fill("행성");
  await page.getByLabel("Folder name").press("Enter");
  await expect(page.getByRole("treeitem", { name: /^행성/ })).toBeVisible();
  await page.getByRole("button", { name: /우주복을 입은 고양이/ }).click();
  await page.getByRole("combobox", { name: "Folder", exact: true }).selectOption({ label: "행성" });
  await page.getByRole("button", { name: "Close" }).click();
  await page.getByRole("treeitem", { name: /^행성/ }).click();
  await expect(page.getByText("1 image")).toBeVisible();
  await page.getByRole("button", { name: "My images" }).click();

  // a password-protected link, opened in a fresh signed-out browser
  await page.getByRole("button", { name: /서울의 밤거리/ }).click();
  await page.getByRole("button", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Share" });
  await dialog.getByLabel("Password").fill("open sesame");
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByRole("textbox", { name: "Link", exact: true }).inputValue();
  expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page, "share dialog");
  await shot(page, "share-dialog");

  const recipient = await browser.newContext();
  const visitor = await recipient.newPage();
  await visitor.goto(link);
  await expect(visitor.getByText("This link is protected by a password")).toBeVisible();
  await expectAccessible(visitor, "share page, password");
  await visitor.getByLabel("Password").fill("wrong one");
  await visitor.getByRole("button", { name: "Open" }).click();
  await expect(visitor.getByText("Wrong password")).toBeVisible();
  await visitor.getByLabel("Password").fill("open sesame");
  await visitor.getByRole("button", { name: "Open" }).click();
  await expect(visitor.locator(".shared-images img")).toHaveCount(1);
  await expect(visitor.getByText(/서울의 밤거리/)).toHaveCount(0); // no metadata asked for
  await expectAccessible(visitor, "share page");
  await shot(visitor, "share-page");

  // guessing: after a few wrong passwords the page says how long to wait, and Open waits too
  // (the first wait is a second or so: what the page shows is read at once, in one look)
  const guesser = await (await browser.newContext()).newPage();
  await guesser.goto(link);
  let waited: { text: string; openDisabled: boolean } | undefined;
  for (let guess = 0; guess < 8 && !waited; guess += 1) {
    await guesser.getByLabel("Password").fill(`guess ${guess}`);
    const answered = guesser.waitForResponse((response) => response.url().endsWith("/access"));
    await guesser.getByRole("button", { name: "Open" }).click();
    if ((await answered).status() !== 429) continue; // each guess answered before the next
    await guesser.waitForFunction(() => document.querySelector("[role=status].error"));
    waited = await guesser.evaluate(() => ({
      text: document.querySelector("[role=status].error")?.textContent ?? "",
      openDisabled: (document.querySelector("form button[type=submit]") as HTMLButtonElement).disabled,
    }));
  }
  expect(waited?.text).toMatch(/^Too many tries: try again in \d+ seconds?$/);
  expect(waited?.openDisabled).toBe(true);
  await shot(guesser, "share-password-wait");
  await guesser.context().close();

  // revoked: the same link stops working
  await dialog.getByRole("button", { name: "Revoke" }).click();
  const asked = dialog.getByRole("group", { name: "Revoke this link?" });
  await expect(asked.getByRole("button", { name: "Revoke" })).toBeFocused(); // asked first
  await shot(page, "share-revoke-confirm");
  await page.keyboard.press("Enter");
  await expect(dialog.locator("li[data-status=revoked]")).toHaveCount(1);
  await visitor.reload();
  await expect(visitor.getByText("This link does not exist or is no longer available.")).toBeVisible();
  await recipient.close();
  await page.mouse.click(20, 450); // the backdrop beside the dialog closes it; the viewer stays
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Close" }).click();

  // delete one for good: the storage meter goes down
  const meter = page.locator(".storage-used");
  const before = await meter.textContent();
  await page.getByRole("button", { name: /가을 풍경화/ }).click();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("2 images")).toBeVisible();
  await page.getByRole("button", { name: /Trash/ }).click();
  await expect(page.getByText("1 image", { exact: true })).toBeVisible(); // not the toast's "Moved 1 image…"
  await expectAccessible(page, "trash");
  // over the tile's foot, white on dark glass (axe cannot judge text over an image; it was grey)
  await expect(page.locator(".caption .purge-in")).toHaveCSS("color", "rgb(255, 255, 255)");
  await shot(page, "trash");
  await page.getByRole("button", { name: "Empty the trash for good" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Empty the trash?" }); // it asks first
  await expectAccessible(page, "confirm dialog");
  await confirm.getByRole("button", { name: "Empty the trash for good" }).click();
  await expect(page.getByText("0 images")).toBeVisible();
  // said, in place of the deletion's Undo (the image is gone for good)
  await expect(page.getByText("The trash is empty: its images are deleted for good").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toHaveCount(0);
  await expect(meter).not.toHaveText(before ?? "");
  await shot(page, "after-delete");

  // a phone: the sidebar is a drawer behind the menu button
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole("button", { name: "My images" })).toBeHidden();
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(page.getByRole("button", { name: "My images" })).toBeVisible();
  await shot(page, "phone");
  await page.keyboard.press("Escape");

  // the same screens in Korean, on the phone (the language is in the settings) and the desktop
  await expect(page.locator("body")).toHaveCSS("word-break", "normal");
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByRole("button", { name: "한국어" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  // Korean wraps between words in every text (a toast's as much as a button's), not syllables
  await expect(page.locator("body")).toHaveCSS("word-break", "keep-all");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "메뉴" }).click();
  await page.getByRole("button", { name: "내 이미지" }).click();
  await shot(page, "phone-ko");
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, "grid-ko");
  await expectAccessible(page, "gallery in Korean");
});
