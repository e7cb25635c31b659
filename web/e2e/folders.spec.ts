// Nested folders in a real browser against the real local stack: a tree made from the folder
// bar, walked with the keyboard, rearranged by dragging folders, filled by dragging images;
// breadcrumbs, a folder listed with or without its subfolders, and a folder deleted with its
// subfolders moved up. On a desktop and a phone (the sidebar a drawer), in English and Korean.

import { type Locator, type Page, expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot, signIn, upload } from "./session";

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** A folder of the tree by its name ("여행 3": the name, then its count). */
function folder(page: Page, name: string): Locator {
  return page.getByRole("treeitem", { name: new RegExp(`^${name} \\d`) });
}

/** The tree as drawn: each row's level and name, in order ("2 제주": under the "1 …" above it). */
function outline(page: Page): Promise<string[]> {
  return page.getByRole("tree").getByRole("treeitem").evaluateAll((rows) => rows.map((row) =>
    `${row.getAttribute("aria-level")} ${row.querySelector(".folder-name")!.textContent}`));
}

/** A drag whose target shows only once the drag has started (the top level's drop zone);
 * `over` runs while it is over the target, before the drop. */
async function dragToLater(page: Page, source: Locator, target: () => Locator, over?: () => Promise<void>) {
  await source.hover();
  await page.mouse.down();
  const box = (await source.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 10, { steps: 4 });
  await target().hover();
  await over?.();
  await page.mouse.up();
}

async function dismissToast(page: Page, text: string) {
  await expect(page.getByText(text, { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Dismiss", exact: true }).click();
  await expect(page.getByText(text, { exact: true })).toBeHidden();
}

test("nested folders: made, walked by keys, moved by dragging, filled by dragging, browsed, deleted with subfolders moved up", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, "folders");
  await upload(page, ["cat.png", "city.png", "autumn.png"]);

  // two folders at the top level, then 여행 > 제주 > 해변 made from the folder bar
  for (const name of ["여행", "인물"]) {
    await page.getByLabel("Folder name").fill(name);
    await page.getByLabel("Folder name").press("Enter");
    await expect(folder(page, name)).toBeVisible();
  }
  await expect(page.getByRole("tree", { name: "Folders" })).toBeVisible();
  const crumbs = page.getByRole("navigation", { name: "Folder path" });
  for (const [parent, child] of [["여행", "제주"], ["제주", "해변"]]) {
    await folder(page, parent).click();
    await expect(crumbs.getByRole("button", { name: parent })).toHaveAttribute("aria-current", "page");
    await page.getByRole("button", { name: "New subfolder" }).click();
    await page.getByRole("textbox", { name: `New subfolder in “${parent}”` }).fill(child);
    await page.getByRole("textbox", { name: `New subfolder in “${parent}”` }).press("Enter");
    await expect(folder(page, child)).toBeVisible();
  }
  await expect(folder(page, "여행")).toHaveAttribute("aria-expanded", "true");
  await expect.poll(() => outline(page)).toEqual(["1 여행", "2 제주", "3 해변", "1 인물"]);

  // the keyboard: one Tab stop (the folder shown), ← goes up then closes, → opens then enters, Enter shows
  await folder(page, "해변").focus();
  await expect(folder(page, "해변")).toHaveAttribute("tabindex", "0");
  await page.keyboard.press("ArrowLeft");
  await expect(folder(page, "제주")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(folder(page, "제주")).toHaveAttribute("aria-expanded", "false");
  await expect(folder(page, "해변")).toHaveCount(0);
  await page.keyboard.press("ArrowUp");
  await expect(folder(page, "여행")).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(folder(page, "여행")).toHaveAttribute("aria-expanded", "false");
  await expect(folder(page, "제주")).toHaveCount(0);
  await page.keyboard.press("ArrowDown");
  await expect(folder(page, "인물")).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowRight");
  await expect(folder(page, "여행")).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowRight");
  await expect(folder(page, "제주")).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(folder(page, "제주")).toHaveAttribute("aria-expanded", "true");
  await page.keyboard.press("ArrowDown");
  await expect(folder(page, "해변")).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(crumbs.getByRole("button", { name: "해변" })).toHaveAttribute("aria-current", "page");
  await expect(crumbs.getByRole("button")).toHaveText(["All images", "여행", "제주", "해변"]); // waits for the bar
  await expect(folder(page, "해변")).toHaveAttribute("aria-selected", "true");
  await expect(folder(page, "제주")).toHaveAttribute("aria-selected", "false");

  // a folder dragged onto another moves under it, and back to the top level through the drop zone
  await folder(page, "인물").dragTo(folder(page, "해변"));
  await expect.poll(() => outline(page)).toEqual(["1 여행", "2 제주", "3 해변", "4 인물"]);
  await dismissToast(page, "Moved “인물” into “해변”");
  // the drop zone shows while a subfolder is dragged
  await dragToLater(page, folder(page, "인물"), () => page.getByText("Move to the top level"),
                    () => shot(page, "folders-drag-en-1440"));
  await expect.poll(() => outline(page)).toEqual(["1 여행", "2 제주", "3 해변", "1 인물"]);
  await expect(folder(page, "해변")).not.toHaveAttribute("aria-expanded");
  await dismissToast(page, "Moved “인물” to the top level");
  // not into its own subfolder: the tree stays as it is
  await folder(page, "여행").dragTo(folder(page, "해변"));
  await expect(page.getByText(/Moved “여행”/)).toHaveCount(0);
  expect(await outline(page)).toEqual(["1 여행", "2 제주", "3 해변", "1 인물"]);
  await folder(page, "인물").dragTo(folder(page, "여행"));
  await dismissToast(page, "Moved “인물” into “여행”");
  await expect.poll(() => outline(page)).toEqual(["1 여행", "2 인물", "2 제주", "3 해변"]);

  // images dragged from the grid into folders: one tile, then a selection of two
  await crumbs.getByRole("button", { name: "All images" }).click();
  await expect(crumbs).toHaveCount(0);
  await expect(page.getByText("3 images", { exact: true })).toBeVisible();
  await page.getByRole("img", { name: /고양이/ }).dragTo(folder(page, "해변"));
  await dismissToast(page, "Moved 1 image to “해변”");
  await page.getByRole("checkbox", { name: /^Select: .*서울/ }).check();
  await page.getByRole("checkbox", { name: /^Select: .*가을/ }).check();
  await page.getByRole("img", { name: /서울/ }).dragTo(folder(page, "제주"));
  await dismissToast(page, "Moved 2 images to “제주”");
  await expect(page.getByRole("toolbar", { name: /selected/ })).toHaveCount(0); // the selection is done with
  // open, a folder counts its own; closed, its subfolders' too
  await expect(folder(page, "제주")).toHaveAccessibleName("제주 2");
  await expect(folder(page, "해변")).toHaveAccessibleName("해변 1");
  await expect(folder(page, "여행")).toHaveAccessibleName("여행 0");

  // a folder lists its subfolders' images too, unless only its own are asked for (kept in the URL)
  await folder(page, "여행").click();
  await expect(page.getByText("3 images", { exact: true })).toBeVisible();
  const subfolders = page.getByRole("group", { name: "Subfolders" });
  await expect(subfolders.getByRole("button", { name: "Include subfolders (3)" })).toHaveAttribute("aria-pressed", "true");
  await subfolders.getByRole("button", { name: "Only this folder (0)" }).click();
  await expect(page.getByText("0 images", { exact: true })).toBeVisible();
  expect(new URL(page.url()).searchParams.get("subfolders")).toBe("0");
  await page.reload();
  await expect(page.getByText("0 images", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Include subfolders (3)" }).click();
  await expect(page.getByText("3 images", { exact: true })).toBeVisible();

  // breadcrumbs: the way up from a deep folder
  await folder(page, "해변").click();
  await expect(crumbs.getByRole("button")).toHaveText(["All images", "여행", "제주", "해변"]); // waits for the bar
  await expect(page.getByText("1 image", { exact: true })).toBeVisible();
  await crumbs.getByRole("button", { name: "제주" }).click();
  await expect(page.getByText("3 images", { exact: true })).toBeVisible();
  await expect(folder(page, "제주")).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page, "folder tree");
  await shot(page, "folders-tree-en-1440");

  // the tree on a phone: in the drawer, walked by the same keys; a pick closes it
  await page.setViewportSize(PHONE);
  await page.getByRole("button", { name: "Menu" }).click();
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  await expect(drawer.getByRole("tree", { name: "Folders" })).toBeVisible();
  await shot(page, "folders-drawer-en-390");
  await expectAccessible(page, "folder tree in the drawer");
  await drawer.getByRole("treeitem", { name: /^제주/ }).focus();
  await page.keyboard.press("ArrowLeft");
  await expect(drawer.getByRole("treeitem", { name: /^제주/ })).toHaveAttribute("aria-expanded", "false");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(drawer.getByRole("treeitem", { name: /^해변/ })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(drawer).toBeHidden();
  await expect(crumbs.getByRole("button")).toHaveText(["All images", "여행", "제주", "해변"]); // waits for the bar
  await shot(page, "folders-bar-en-390");
  await page.setViewportSize(DESKTOP);

  // deleting 제주, which has a subfolder: it asks; its subfolder and images move up to 여행
  await crumbs.getByRole("button", { name: "제주" }).click();
  await page.getByRole("button", { name: "Edit 제주" }).click();
  await page.getByRole("form", { name: "Folder 제주" }).getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete the folder “제주”?" });
  await expect(confirm.getByRole("radio", { name: "Move up to “여행”" })).toBeChecked();
  await expect(confirm).toContainText("Its subfolder moves up to “여행”. Its 2 images move to “여행”.");
  await expectAccessible(page, "delete a folder with subfolders");
  await shot(page, "folders-delete-en-1440");
  await confirm.getByRole("button", { name: "Delete the folder" }).click();
  await expect(confirm).toBeHidden();
  await expect(folder(page, "제주")).toHaveCount(0);
  await expect.poll(() => outline(page)).toEqual(["1 여행", "2 인물", "2 해변"]);
  await expect(folder(page, "해변")).toHaveAccessibleName("해변 1");
  await expect(crumbs.getByRole("button")).toHaveText(["All images", "여행"]);
  await expect(page.getByText("3 images", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Only this folder (2)" })).toBeVisible();

  // the same in Korean, on the desktop and the phone
  await page.getByRole("button", { name: "한국어" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await folder(page, "해변").click();
  await expect(page.getByRole("navigation", { name: "폴더 경로" }).getByRole("button")).toHaveText(["모든 이미지", "여행", "해변"]);
  await page.getByRole("button", { name: "새 하위 폴더" }).click();
  await page.getByRole("textbox", { name: "“해변” 안에 만들 하위 폴더 이름" }).fill("모래사장");
  await page.getByRole("textbox", { name: "“해변” 안에 만들 하위 폴더 이름" }).press("Enter");
  await expect.poll(() => outline(page)).toEqual(["1 여행", "2 인물", "2 해변", "3 모래사장"]);
  await expect(page.getByRole("group", { name: "하위 폴더" }).getByRole("button", { name: "하위 폴더 포함 (1)" }))
    .toHaveAttribute("aria-pressed", "true");
  await expectAccessible(page, "folder tree in Korean");
  await shot(page, "folders-tree-ko-1440");
  await page.getByRole("button", { name: "해변 편집" }).click();
  await page.getByRole("form", { name: "해변 폴더" }).getByRole("button", { name: "삭제" }).click();
  const korean = page.getByRole("alertdialog", { name: "“해변” 폴더를 삭제할까요?" });
  await expect(korean.getByRole("radio", { name: "“여행” 폴더로 올리기" })).toBeChecked();
  await shot(page, "folders-delete-ko-1440");
  await korean.getByRole("button", { name: "취소" }).click();
  await page.setViewportSize(PHONE);
  await page.getByRole("button", { name: "메뉴" }).click();
  await expect(page.getByRole("dialog", { name: "탐색" }).getByRole("tree", { name: "폴더" })).toBeVisible();
  await shot(page, "folders-drawer-ko-390");
  await page.keyboard.press("Escape");
  await shot(page, "folders-bar-ko-390");
});
