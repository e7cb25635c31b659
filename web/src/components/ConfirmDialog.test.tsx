import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { I18nProvider } from "../i18n";
import { ConfirmDialog } from "./ConfirmDialog";

function show() {
  const confirmed = vi.fn();
  render(
    <I18nProvider initial="en">
      <ConfirmDialog trigger={<button type="button">Empty</button>} title="Empty the trash?"
                     description="This cannot be undone." confirmLabel="Empty it" onConfirm={confirmed} />
    </I18nProvider>,
  );
  return confirmed;
}

test("the dialog says what will happen, starts on Cancel, and Cancel does nothing", async () => {
  const user = userEvent.setup();
  const confirmed = show();
  await user.click(screen.getByRole("button", { name: "Empty" }));
  const dialog = screen.getByRole("alertdialog", { name: "Empty the trash?" });
  expect(dialog).toHaveAccessibleDescription("This cannot be undone.");
  expect(screen.getByRole("button", { name: "Cancel" })).toHaveFocus(); // Enter is the safe answer
  await user.keyboard("{Enter}");
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect(confirmed).not.toHaveBeenCalled();
  expect(screen.getByRole("button", { name: "Empty" })).toHaveFocus(); // back where it was
});

test("Escape cancels", async () => {
  const user = userEvent.setup();
  const confirmed = show();
  await user.click(screen.getByRole("button", { name: "Empty" }));
  await user.keyboard("{Escape}");
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect(confirmed).not.toHaveBeenCalled();
});

test("only the confirm button runs the action, once", async () => {
  const user = userEvent.setup();
  const confirmed = show();
  await user.click(screen.getByRole("button", { name: "Empty" }));
  await user.click(screen.getByRole("button", { name: "Empty it" }));
  expect(confirmed).toHaveBeenCalledTimes(1);
  expect(screen.queryByRole("alertdialog")).toBeNull();
});
