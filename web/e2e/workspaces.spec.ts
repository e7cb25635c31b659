// A team workspace in two browsers: the owner invites the member, who joins by accepting, and
// shares images in; the member sees exactly what the role allows, and loses it when removed.
import { resolve } from "node:path";

import { type Browser, type Page, expect, test } from "@playwright/test";

import { expectAccessible } from "./axe";
import { shot } from "./session";

const fixtures = resolve(import.meta.dirname, "fixtures");

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await page.goto("/");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return page;
}

test("an owner shares images into a workspace; a viewer sees them without originals, until removed", async ({ browser }) => {
  const stamp = Date.now();
  const memberEmail = `member-${stamp}@example.com`;
  const member = await signIn(browser, memberEmail); // an account exists once signed in
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
  await expectAccessible(owner, "workspace");
  await expect(owner.locator(".members > ul").first().getByText(memberEmail)).toHaveCount(0); // not yet a member

  await owner.getByRole("button", { name: "My images" }).click();
  await expect(owner.getByText("2 images")).toBeVisible();
  for (const checkbox of await owner.getByRole("checkbox", { name: /^Select/ }).all()) await checkbox.check();
  await owner.getByLabel("Share into").selectOption({ label: "Studio 팀" });

  await member.reload();
  await expect(member.getByRole("button", { name: /^Studio 팀/ })).toHaveCount(0); // invited, not in
  await member.getByRole("button", { name: "Join Studio 팀" }).click();
  await member.getByRole("button", { name: /^Studio 팀/ }).click(); // not Join/Decline, still on screen a moment
  await expect(member.getByText("2 images")).toBeVisible();
  await expect(member.getByRole("button", { name: "Invite" })).toHaveCount(0);
  await member.getByRole("button", { name: /우주복을 입은 고양이/ }).click();
  await expect(member.getByRole("dialog").getByRole("button", { name: "Download" })).toHaveCount(0); // a viewer: no originals
  await expect(member.getByLabel("Add a tag")).toHaveCount(0); // nor tags, nor the owner's actions
  await expect(member.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await member.getByRole("dialog").getByRole("button", { name: "Favourite", exact: true }).click(); // a star of my own
  await expect(member.getByRole("dialog").getByRole("button", { name: "Remove from favourites", exact: true })).toHaveAttribute("aria-pressed", "true");
  await member.getByRole("button", { name: "Close" }).click();
  await shot(member, "workspace-member", false);

  await owner.getByRole("button", { name: /Studio 팀/ }).click();
  await owner.locator(".members li").filter({ hasText: memberEmail }).getByRole("button", { name: "Remove" }).click();
  await owner.getByRole("alertdialog").getByRole("button", { name: "Remove", exact: true }).click(); // it asks first
  await expect(owner.getByText(memberEmail)).toHaveCount(0);
  await member.reload();
  await expect(member.getByRole("button", { name: /Studio 팀/ })).toHaveCount(0);
});
