import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";

import { Api } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { Invitations } from "./Invitations";
import { ToastProvider } from "./Toast";

const pending = [
  { invitation_id: "i-1", workspace_id: "w-1", workspace_name: "Studio", role: "editor",
    invited_by_email: "owner@example.com", invited_at: "2026-11-26T00:00:00Z" },
  { invitation_id: "i-2", workspace_id: "w-2", workspace_name: "Spam", role: "viewer",
    invited_by_email: "stranger@example.com", invited_at: "2026-11-26T00:00:00Z" },
];

test("I join a workspace only by accepting its invitation, and may decline", async () => {
  const answered = vi.fn();
  const calls = fakeFetch({
    "GET /api/v1/workspaces/invitations": () => [200, pending],
    "POST /api/v1/workspaces/invitations/i-1/accept": () =>
      [200, { workspace_id: "w-1", name: "Studio", role: "editor", member_count: 2 }],
    "POST /api/v1/workspaces/invitations/i-2/decline": () => [200, { deleted: true }],
  });
  render(
    <I18nProvider initial="en"><ToastProvider>
      <Invitations api={new Api("t")} onAnswered={answered} />
    </ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
  expect(await screen.findByText(/Studio/)).toBeInTheDocument();
  expect(screen.getByText("from owner@example.com")).toBeInTheDocument();
  fireEvent.click(screen.getByRole("button", { name: "Join Studio" }));
  await waitFor(() => expect(screen.queryByRole("button", { name: "Join Studio" })).toBeNull());
  // a no is asked first (only a new invitation undoes it)
  fireEvent.click(screen.getByRole("button", { name: "Decline Spam" }));
  expect(calls.filter((c) => c.method === "POST")).toHaveLength(1);
  fireEvent.click(within(screen.getByRole("alertdialog", { name: /^Decline the invitation to Spam\?/ }))
    .getByRole("button", { name: "Decline" }));
  await waitFor(() => expect(screen.queryByText(/Spam/)).toBeNull());
  expect(calls.filter((c) => c.method === "POST").map((c) => c.url.pathname)).toEqual([
    "/api/v1/workspaces/invitations/i-1/accept",
    "/api/v1/workspaces/invitations/i-2/decline",
  ]);
  expect(answered).toHaveBeenCalledTimes(2);
});

test("nothing shows without invitations", async () => {
  const calls = fakeFetch({ "GET /api/v1/workspaces/invitations": () => [200, []] });
  const { container } = render(
    <I18nProvider initial="en"><ToastProvider><Invitations api={new Api("t")} /></ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
  await waitFor(() => expect(calls.length).toBe(1));
  expect(container.querySelector("section")).toBeNull();
});

test("an answer the server refuses is said in a toast, in the UI language, and the invitation stays", async () => {
  fakeFetch({
    "GET /api/v1/workspaces/invitations": () => [200, pending],
    "POST /api/v1/workspaces/invitations/i-1/accept": () =>
      [404, { error: { code: "not_found", message: "invitation withdrawn" } }],
  });
  render(
    <I18nProvider initial="ko"><ToastProvider><Invitations api={new Api("t")} /></ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
  fireEvent.click(await screen.findByRole("button", { name: "Studio 참여" }));
  expect(await screen.findByText(/존재하지 않거나/)).toBeInTheDocument();
  expect(screen.queryByText("invitation withdrawn")).toBeNull();
  expect(screen.getByRole("button", { name: "Studio 참여" })).toBeInTheDocument();
});
