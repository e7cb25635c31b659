import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";

import { I18nProvider } from "../i18n";
import { TOAST_DURATION_MS, ToastProvider, useToast } from "./Toast";

function Sender({ undo }: { undo: () => void }) {
  const toast = useToast();
  return <button type="button" onClick={() => toast({ message: "Moved 2 images to the trash",
                                                     action: { label: "Undo", run: undo } })}>Send</button>;
}

function show() {
  const undo = vi.fn();
  render(<I18nProvider initial="en"><ToastProvider><Sender undo={undo} /></ToastProvider></I18nProvider>);
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
