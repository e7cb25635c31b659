// Smart folders and ZIP exports in a real browser against the local stack (its exporter
// thread makes the queued ZIPs: tools/devstack/stack.py): a search saved as a smart folder,
// its count in the sidebar, its images listed, the selection zipped with its metadata and the
// progress followed to ready; the smart folder zipped in Korean; on a desktop and a phone.

import { expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot, signIn, upload } from "./session";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

test("a search saved as a smart folder, its count, its images, the selection and the folder zipped; in English and Korean", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, "collections");
  await upload(page, ["cat.png", "city.png", "autumn.png", "portrait-flux.png"]);
  const smart = page.getByRole("region", { name: "Smart folders" });
  await expect(smart.getByText("Search, then save the search here")).toBeVisible();

  // the two cats: a search, saved as a smart folder from the sidebar
  const box = page.getByLabel("Search prompts (Korean or English)");
  await box.fill("고양이");
  await box.press("Enter");
  const count = page.locator(".gallery-count");
  await expect(count).toHaveText("2 results");
  await smart.getByRole("button", { name: "Save this search as a smart folder" }).click();
  await smart.getByRole("textbox", { name: "Smart folder name" }).fill("고양이들");
  await smart.getByRole("textbox", { name: "Smart folder name" }).press("Enter");
  await expect(page.getByText("Saved the search as “고양이들”", { exact: true })).toBeVisible();
  const cats = smart.getByRole("button", { name: "고양이들 2" });
  await expect(cats).toBeVisible();

  // opened: its images in the grid, in the address; its actions under it
  await cats.click();
  await expect(cats).toHaveAttribute("aria-current", "true");
  expect(new URL(page.url()).searchParams.get("smart")).toBeTruthy();
  await expect(count).toHaveText("2 images");
  await expect(page.getByRole("img", { name: /고양이/ })).toHaveCount(2);
  await expect(page.getByRole("group", { name: "Smart folder “고양이들”" })).toBeVisible();
  await expectAccessible(page, "a smart folder shown");
  await shot(page, "collections-smart-folder-en-1440");

  // the selection zipped, with its prompts and settings: the progress, then ready
  await page.getByRole("checkbox", { name: /^Select: .*우주복/ }).check();
  await page.getByRole("checkbox", { name: /^Select: .*한복/ }).check();
  await page.getByRole("toolbar", { name: "2 selected" }).getByRole("button", { name: "Download as ZIP" }).click();
  const dialog = page.getByRole("dialog", { name: "Download “2 images” as ZIP" });
  await dialog.getByRole("checkbox", { name: "Include prompts and settings (metadata.json and .csv)" }).check();
  await expectAccessible(page, "the ZIP dialog");
  const downloaded = page.waitForEvent("download", { timeout: 60_000 });
  await dialog.getByRole("button", { name: "Make the ZIP" }).click();
  await expect(dialog.getByRole("progressbar", { name: "ZIP progress" })).toBeVisible();
  await expect(dialog.getByRole("status")).toContainText("The ZIP is ready", { timeout: 60_000 });
  expect((await downloaded).suggestedFilename()).toMatch(/\.zip$/);
  await expect(dialog.getByRole("link", { name: "Download again" })).toBeVisible();
  await expectAccessible(page, "a ZIP ready");
  await shot(page, "collections-zip-ready-en-1440");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  // on a phone: the smart folders in the drawer, the selection's ZIP in its bar
  await page.setViewportSize(PHONE);
  await page.getByRole("button", { name: "Menu" }).click();
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  await expect(drawer.getByRole("region", { name: "Smart folders" }).getByRole("button", { name: "고양이들 2" }))
    .toBeVisible();
  await shot(page, "collections-drawer-en-390");
  await page.keyboard.press("Escape");
  await expect(drawer).toBeHidden();
  await page.getByRole("toolbar", { name: "2 selected" }).getByRole("button", { name: "Download as ZIP" }).click();
  await expect(page.getByRole("dialog", { name: "Download “2 images” as ZIP" })).toBeVisible();
  await shot(page, "collections-zip-en-390");
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
  await page.setViewportSize(DESKTOP);

  // in Korean: the smart folder itself zipped from its actions
  await page.getByRole("button", { name: "한국어" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  const korean = page.getByRole("region", { name: "스마트 폴더" });
  await expect(korean.getByRole("button", { name: "고양이들 2" })).toHaveAttribute("aria-current", "true");
  await page.getByRole("group", { name: "스마트 폴더 “고양이들”" }).getByRole("button", { name: "ZIP으로 내려받기" }).click();
  const zip = page.getByRole("dialog", { name: "“고양이들” ZIP으로 내려받기" });
  await zip.getByRole("button", { name: "ZIP 만들기" }).click();
  await expect(zip.getByRole("status")).toContainText("ZIP이 준비되었습니다", { timeout: 60_000 });
  await expect(zip.getByRole("link", { name: "다시 내려받기" })).toBeVisible();
  await expectAccessible(page, "a smart folder's ZIP in Korean");
  await shot(page, "collections-zip-ready-ko-1440");
  await zip.getByRole("button", { name: "닫기" }).click();
  await page.setViewportSize(PHONE);
  await page.getByRole("button", { name: "메뉴" }).click();
  await expect(page.getByRole("dialog", { name: "탐색" }).getByRole("region", { name: "스마트 폴더" })).toBeVisible();
  await shot(page, "collections-drawer-ko-390");
});
