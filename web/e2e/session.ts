// What most specs start with: a new account signed in (the dashboard in English), and
// images uploaded through the real pipeline until every one is ready; and their screenshots.
import { resolve } from "node:path";

import { type Page, expect } from "@playwright/test";

import { SCREENSHOTS } from "./report";

const fixtures = resolve(import.meta.dirname, "fixtures");

/** A screenshot kept for review (a CI artifact), taken with transitions finished: a sheet
 * caught sliding in shows nothing. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage, animations: "disabled" });
}

export async function signIn(page: Page, who: string): Promise<void> {
  await page.goto("/");
  await page.getByLabel(/E-mail|이메일/).fill(`${who}-${Date.now()}@example.com`);
  await page.getByRole("button", { name: /Sign in|로그인/ }).click();
  const toEnglish = page.getByRole("button", { name: "English" });
  if (await toEnglish.isVisible()) await toEnglish.click();
}

export async function upload(page: Page, files: string[]): Promise<void> {
  await page.getByTestId("file-input").setInputFiles(files.map((f) => resolve(fixtures, f)));
  await expect(page.getByText("Ready", { exact: true })).toHaveCount(files.length, { timeout: 60_000 });
  await page.getByRole("button", { name: "Clear finished" }).click();
}
