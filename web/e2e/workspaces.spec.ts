// A team workspace in two browsers: the owner (English, desktop) invites the member (Korean,
// on a phone), who joins by accepting, and shares images in; the member sees exactly what the
// role allows, and loses it when removed. An invitation sent by mistake is withdrawn, asked first.
import { resolve } from "node:path";

import { type Browser, type Page, expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot } from "./session";

const fixtures = resolve(import.meta.dirname, "fixtures");

/** How each person is signed in: the owner at a desk in English, the member on a phone in
 * Korean (the sidebar behind the menu); `ready` is a button the signed-in screen shows. */
const SEATS = {
  desk: { locale: "en-US", viewport: { width: 1440, height: 900 }, email: "E-mail", signIn: "Sign in", ready: "Sign out" },
  phone: { locale: "ko-KR", viewport: { width: 390, height: 844 }, email: "이메일", signIn: "로그인", ready: "메뉴" },
};

async function signIn(browser: Browser, email: string, seat: keyof typeof SEATS = "desk"): Promise<Page> {
  const { locale, viewport, ...labels } = SEATS[seat];
  const page = await (await browser.newContext({ locale, viewport })).newPage();
  await page.goto("/");
  await page.getByLabel(labels.email).fill(email);
  await page.getByRole("button", { name: labels.signIn }).click();
  await expect(page.getByRole("button", { name: labels.ready })).toBeVisible();
  return page;
}

async function openMenu(page: Page) {
  await page.getByRole("button", { name: "메뉴" }).click();
  await expect(page.getByRole("dialog", { name: "탐색" })).toBeVisible();
}

test("an owner shares images into a workspace; a viewer sees them without originals, until removed", async ({ browser }) => {
  const stamp = Date.now();
  const memberEmail = `member-${stamp}@example.com`;
  const member = await signIn(browser, memberEmail, "phone"); // an account exists once signed in
  const owner = await signIn(browser, `owner-${stamp}@example.com`);

  await owner.getByTestId("file-input").setInputFiles([resolve(fixtures, "cat.png"), resolve(fixtures, "city.png")]);
  await expect(owner.getByText("Ready", { exact: true })).toHaveCount(2, { timeout: 60_000 });
  await owner.getByLabel("New workspace").fill("Studio 팀");
  await owner.getByLabel("New workspace").press("Enter");
  await owner.getByRole("button", { name: /Studio 팀/ }).click();
  await owner.getByLabel("E-mail").fill(memberEmail);
  await owner.getByRole("combobox", { name: "Role", exact: true }).selectOption("viewer");
  await owner.getByRole("button", { name: "Invite" }).click();
  await expect(owner.getByText("viewer · waiting for an answer")).toBeVisible();
  // an invitation sent by mistake: withdrawn after saying yes (Cancel keeps it)
  await owner.getByLabel("E-mail").fill(`typo-${stamp}@example.com`);
  await owner.getByRole("button", { name: "Invite" }).click();
  const typo = `Withdraw the invitation of typo-${stamp}@example.com`;
  await owner.getByRole("button", { name: typo }).click();
  await owner.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(owner.getByRole("button", { name: typo })).toBeFocused();
  await owner.getByRole("button", { name: typo }).click();
  await owner.getByRole("alertdialog").getByRole("button", { name: "Withdraw", exact: true }).click();
  await expect(owner.getByRole("button", { name: typo })).toHaveCount(0);
  await expect(owner.getByText("viewer · waiting for an answer")).toHaveCount(1); // the other stays
  await expectAccessible(owner, "workspace");
  await expect(owner.locator(".members > ul").first().getByText(memberEmail)).toHaveCount(0); // not yet a member

  await owner.getByRole("button", { name: "My images" }).click();
  await expect(owner.getByText("2 images")).toBeVisible();
  for (const checkbox of await owner.getByRole("checkbox", { name: /^Select/ }).all()) await checkbox.check();
  await owner.getByLabel("Share into").selectOption({ label: "Studio 팀" });

  await member.reload();
  await openMenu(member);
  const joined = member.getByRole("button", { name: "Studio 팀 보기", exact: true }); // the workspace, as a viewer
  await expect(joined).toHaveCount(0); // invited, not in
  await shot(member, "phone-ko-invitation", false);
  await member.getByRole("button", { name: "Studio 팀 참여" }).click();
  await joined.click(); // a pick in the drawer: it closes
  await expect(member.getByRole("dialog", { name: "탐색" })).toHaveCount(0);
  await expect(member.getByText("이미지 2장")).toBeVisible();
  await expect(member.getByRole("button", { name: "초대" })).toHaveCount(0); // no owner's form
  await expect(member.getByRole("checkbox")).toHaveCount(0); // no bulk actions on others' images
  await shot(member, "phone-ko-workspace-member", false);
  await expectAccessible(member, "workspace, a member's view");
  await member.getByRole("button", { name: /우주복을 입은 고양이/ }).click();
  const viewer = member.getByRole("dialog");
  await expect(viewer.getByRole("button", { name: "다운로드" })).toHaveCount(0); // a viewer: no originals
  await expect(member.getByLabel("태그 추가")).toHaveCount(0); // nor tags, nor the owner's actions
  await expect(viewer.getByRole("button", { name: "삭제" })).toHaveCount(0);
  await viewer.getByRole("button", { name: "즐겨찾기", exact: true }).click(); // a star of my own
  await expect(viewer.getByRole("button", { name: "즐겨찾기 해제", exact: true })).toHaveAttribute("aria-pressed", "true");
  await shot(member, "phone-ko-workspace-viewer", false);
  await expectAccessible(member, "workspace, a member's viewer");
  await viewer.getByRole("button", { name: "닫기" }).first().click();
  await expect(viewer).toHaveCount(0);

  await owner.getByRole("button", { name: /Studio 팀/ }).click();
  await owner.locator(".members li").filter({ hasText: memberEmail }).getByRole("button", { name: "Remove" }).click();
  await owner.getByRole("alertdialog").getByRole("button", { name: "Remove", exact: true }).click(); // it asks first
  await expect(owner.getByText(memberEmail)).toHaveCount(0);
  await member.reload();
  await openMenu(member);
  await expect(member.getByRole("button", { name: /Studio 팀/ })).toHaveCount(0);
});
