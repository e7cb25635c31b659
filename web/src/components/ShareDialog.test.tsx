import { fireEvent, render, screen } from "@testing-library/react";
import { vi } from "vitest";

import { Api } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { ShareDialog } from "./ShareDialog";

test("Escape closes the share dialog, and focus goes back to what opened it", async () => {
  fakeFetch({ "GET /api/v1/shares": () => [200, { shares: [] }] });
  const opener = document.createElement("button");
  document.body.append(opener);
  opener.focus();
  const closed = vi.fn();
  const { unmount } = render(
    <I18nProvider initial="en"><ShareDialog api={new Api("t")} imageId="i-1" onClose={closed} /></I18nProvider>,
  );
  const dialog = screen.getByRole("dialog", { name: "Share" });
  expect(dialog.contains(document.activeElement)).toBe(true); // focus moved in
  fireEvent.keyDown(document.activeElement!, { key: "Escape" });
  expect(closed).toHaveBeenCalledTimes(1);
  unmount();
  expect(document.activeElement).toBe(opener);
});
