import { fireEvent, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { I18nProvider, type Language } from "../i18n";
import { DateField } from "./DateField";

// in a form as the filter panel has it: its submit asks the fields' validity first
function field(language: Language, defaultValue?: string) {
  const submitted = vi.fn();
  render(
    <I18nProvider initial={language}>
      <form onSubmit={(e) => {
        e.preventDefault();
        if (e.currentTarget.reportValidity()) submitted(new FormData(e.currentTarget).get("from"));
      }}>
        <DateField name="from" label={language === "ko" ? "시작일" : "From"} defaultValue={defaultValue} />
        <button type="submit">Apply</button>
      </form>
    </I18nProvider>,
  );
  return submitted;
}

test("a day is shown the UI language's way, whatever the browser's, and submitted as ISO", () => {
  const submitted = field("ko", "2026-11-01");
  const box = screen.getByLabelText("시작일");
  expect(box).toHaveValue("2026. 11. 01.");
  expect(box).toHaveAttribute("placeholder", "YYYY. MM. DD.");
  fireEvent.click(screen.getByRole("button", { name: "Apply" }));
  expect(submitted).toHaveBeenCalledWith("2026-11-01");
});

test("typed in the language's order, it is read as that day and written back its way once left", async () => {
  const submitted = field("en");
  const box = screen.getByLabelText("From");
  await userEvent.type(box, "3/9/26");
  await userEvent.tab();
  expect(box).toHaveValue("03/09/2026");
  fireEvent.click(screen.getByRole("button", { name: "Apply" }));
  expect(submitted).toHaveBeenCalledWith("2026-03-09");
});

test("what is no day keeps the form from applying and says how to type it, once the field is left", async () => {
  const submitted = field("en");
  const box = screen.getByLabelText("From");
  await userEvent.type(box, "31/12/2026");
  expect(box).not.toHaveAttribute("aria-invalid"); // not while typing
  await userEvent.tab();
  expect(box).toHaveAttribute("aria-invalid", "true");
  expect(box).toHaveAccessibleDescription("Not a day. Type it as MM/DD/YYYY, or choose it on the calendar.");
  fireEvent.click(screen.getByRole("button", { name: "Apply" }));
  expect(submitted).not.toHaveBeenCalled();
  await userEvent.clear(box); // empty is no filter, and fine
  fireEvent.click(screen.getByRole("button", { name: "Apply" }));
  expect(submitted).toHaveBeenCalledWith("");
});

test("the calendar speaks the UI language, opens on the chosen day, and a pick fills the field", async () => {
  field("ko", "2026-11-01");
  const button = screen.getByRole("button", { name: "시작일: 달력에서 고르기" });
  await userEvent.click(button);
  const calendar = await screen.findByRole("dialog", { name: "시작일" });
  expect(within(calendar).getByRole("grid", { name: "2026년 11월" })).toBeInTheDocument();
  const chosen = within(calendar).getByRole("button", { name: "1, 2026년 11월 일요일, 선택됨" });
  expect(chosen).toHaveFocus(); // the keyboard starts on the chosen day
  await userEvent.keyboard("{ArrowRight}{ArrowRight}{Enter}");
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(screen.getByLabelText("시작일")).toHaveValue("2026. 11. 03.");
  expect(button).toHaveFocus(); // back where the calendar was opened
});

test("the calendar closes on Esc keeping the day, and Clear empties the field", async () => {
  const submitted = field("en", "2026-11-01");
  const button = screen.getByRole("button", { name: "From: choose on a calendar" });
  await userEvent.click(button);
  await screen.findByRole("grid", { name: "November 2026" });
  await userEvent.keyboard("{ArrowDown}{Escape}");
  expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  expect(screen.getByLabelText("From")).toHaveValue("11/01/2026");
  expect(button).toHaveFocus();
  await userEvent.click(button);
  await userEvent.click(await screen.findByRole("button", { name: "Clear" }));
  expect(screen.getByLabelText("From")).toHaveValue("");
  fireEvent.click(screen.getByRole("button", { name: "Apply" }));
  expect(submitted).toHaveBeenCalledWith("");
});

test("each day's name holds its number as a word (what a voice user says), in English too", async () => {
  field("en", "2026-12-01");
  await userEvent.click(screen.getByRole("button", { name: "From: choose on a calendar" }));
  const grid = await screen.findByRole("grid", { name: "December 2026" });
  expect(within(grid).getByRole("button", { name: "Tuesday, December 1, 2026, selected" })).toHaveTextContent(/^1$/);
  expect(within(grid).getByRole("button", { name: "Saturday, December 12, 2026" })).toHaveTextContent(/^12$/);
});
