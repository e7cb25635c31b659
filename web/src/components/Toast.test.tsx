import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { ApiError } from "../api";
import { I18nProvider, type Language, useI18n } from "../i18n";
import { Sheet } from "./Sheet";
import { TOAST_DURATION_MS, ToastProvider, useToast } from "./Toast";

function Sender({ undo }: { undo: () => void }) {
  const toast = useToast();
  const { setLanguage } = useI18n();
  return (
    <>
      <button type="button" onClick={() => toast({ message: { id: "movedToTrash", values: { count: 2 } },
                                                   action: { label: { id: "undo" }, run: undo } })}>Send</button>
      <button type="button" onClick={() => toast({ message: { id: "favouriteNotSaved",
                                                              values: { reason: { error: new ApiError(500, "x", "") } } } })}>
        Fail
      </button>
      <button type="button" onClick={() => setLanguage("en")}>English</button>
    </>
  );
}

function show(language: Language = "en") {
  const undo = vi.fn();
  render(<I18nProvider initial={language}><ToastProvider><Sender undo={undo} /></ToastProvider></I18nProvider>);
  return undo;
}

afterEach(() => vi.useRealTimers());

test("a message is announced politely and its Undo runs the action and closes it", async () => {
  const user = userEvent.setup();
  const undo = show();
  await user.click(screen.getByRole("button", { name: "Send" }));
  // Radix says it once in a visually hidden live region, with the action's alternative
  // (queried directly: it stays for a second only, and getByRole is slow on a large tree)
  await waitFor(() => {
    const polite = [...document.querySelectorAll('[role="status"][aria-live="polite"]')];
    expect(polite.map((el) => el.textContent)).toContain("Notification Moved 2 images to the trash · Undo");
  });
  await user.click(screen.getByRole("button", { name: "Undo" }));
  expect(undo).toHaveBeenCalledTimes(1);
  expect(screen.queryByText("Moved 2 images to the trash")).toBeNull();
});

test("a message goes by itself after its time", async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true });
  const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
  show();
  await user.click(screen.getByRole("button", { name: "Send" }));
  // not looking at it (a hovered or focused message waits)
  act(() => (document.activeElement as HTMLElement | null)?.blur());
  await act(async () => { vi.advanceTimersByTime(TOAST_DURATION_MS - 1000); });
  expect(screen.getByRole("button", { name: "Undo" })).toBeInTheDocument();
  await act(async () => { vi.advanceTimersByTime(2000); });
  expect(screen.queryByRole("button", { name: "Undo" })).toBeNull();
});

test("a message raised in Korean reads in English once the user switches, its action too", async () => {
  const user = userEvent.setup();
  show("ko");
  await user.click(screen.getByRole("button", { name: "Send" }));
  expect(await screen.findByText("이미지 2장을 휴지통으로 옮겼습니다")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "실행 취소" })).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "English" }));
  expect(await screen.findByText("Moved 2 images to the trash")).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Undo" })).toBeInTheDocument();
});

test("an error inside a message is explained in the language of now too", async () => {
  const user = userEvent.setup();
  show("ko");
  await user.click(screen.getByRole("button", { name: "Fail" }));
  expect(await screen.findByText("즐겨찾기를 저장하지 못했습니다. 문제가 발생했습니다. 다시 시도하세요")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "English" }));
  expect(await screen.findByText("The favourite was not saved. Something went wrong: please try again")).toBeInTheDocument();
});

test("a toast raised in an open sheet shows in it, not under its inert page: its Undo reachable by Tab and a click, and the trap holds", async () => {
  const user = userEvent.setup();
  const undo = vi.fn();
  render(
    <I18nProvider initial="en"><ToastProvider>
      <button type="button">Outside</button>
      <Sheet side="bottom" title="Actions" trigger={<button type="button">Open</button>}>
        <Sender undo={undo} />
      </Sheet>
    </ToastProvider></I18nProvider>,
  );
  await user.click(screen.getByRole("button", { name: "Open" }));
  const sheet = await screen.findByRole("dialog", { name: "Actions" });
  await user.click(within(sheet).getByRole("button", { name: "Send" }));
  // the page under the sheet is aria-hidden: the toast is not there but in the sheet
  const undoButton = await within(sheet).findByRole("button", { name: "Undo" });
  expect(within(sheet).getByText("Moved 2 images to the trash")).toBeInTheDocument();
  // Tab goes round the sheet, the toast included, and never out to the page
  const reached = new Set<Element | null>();
  for (let n = 0; n < 10; n += 1) {
    await user.tab();
    reached.add(document.activeElement);
  }
  expect(reached).toContain(undoButton);
  expect([...reached].every((element) => sheet.contains(element))).toBe(true);
  await user.click(undoButton);
  expect(undo).toHaveBeenCalledTimes(1);
  expect(screen.getByRole("dialog", { name: "Actions" })).toBeInTheDocument(); // still open
});

test("a toast sent before a sheet opens stays on the page: Esc closes the sheet, not the toast", async () => {
  const user = userEvent.setup();
  render(
    <I18nProvider initial="en"><ToastProvider>
      <Sender undo={vi.fn()} />
      <Sheet side="start" title="Menu" trigger={<button type="button">Open</button>}>
        <button type="button">Inside</button>
      </Sheet>
    </ToastProvider></I18nProvider>,
  );
  await user.click(screen.getByRole("button", { name: "Send" }));
  await screen.findByText("Moved 2 images to the trash");
  await user.click(screen.getByRole("button", { name: "Open" }));
  const sheet = await screen.findByRole("dialog", { name: "Menu" });
  expect(within(sheet).queryByText("Moved 2 images to the trash")).toBeNull();
  await user.keyboard("{Escape}");
  await waitFor(() => expect(screen.queryByRole("dialog", { name: "Menu" })).toBeNull());
  expect(screen.getByText("Moved 2 images to the trash")).toBeInTheDocument();
});

test("a toast sent in a sheet that then closes goes back to the page, not into the next sheet", async () => {
  const user = userEvent.setup();
  render(
    <I18nProvider initial="en"><ToastProvider>
      <Sheet side="bottom" title="Actions" trigger={<button type="button">Actions</button>}>
        <Sender undo={vi.fn()} />
      </Sheet>
      <Sheet side="start" title="Menu" trigger={<button type="button">Menu</button>}>
        <button type="button">Inside</button>
      </Sheet>
    </ToastProvider></I18nProvider>,
  );
  await user.click(screen.getByRole("button", { name: "Actions" }));
  const actions = await screen.findByRole("dialog", { name: "Actions" });
  await user.click(within(actions).getByRole("button", { name: "Send" }));
  await within(actions).findByText("Moved 2 images to the trash");
  await user.click(within(actions).getByRole("button", { name: "Close" }));
  await waitFor(() => expect(screen.queryByRole("dialog", { name: "Actions" })).toBeNull());
  await user.click(screen.getByRole("button", { name: "Menu" }));
  const menu = await screen.findByRole("dialog", { name: "Menu" });
  expect(within(menu).queryByText("Moved 2 images to the trash")).toBeNull();
  await user.keyboard("{Escape}");
  await waitFor(() => expect(screen.queryByRole("dialog", { name: "Menu" })).toBeNull());
  expect(screen.getByText("Moved 2 images to the trash")).toBeInTheDocument();
});
