import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { vi } from "vitest";

import { Api, type Workspace } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch, workspace } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { Members } from "./Members";
import { ToastProvider } from "./Toast";

const members = [
  { user_id: "u-1", email: "owner@example.com", role: "owner" },
  { user_id: "u-2", email: "kim@example.com", role: "viewer" },
];

/** The workspace as `userId` sees it: u-1 owns it, u-2 is a viewer. */
function show(role: Workspace["role"], userId = role === "owner" ? "u-1" : "u-2") {
  const onRenamed = vi.fn();
  const onGone = vi.fn();
  render(
    <I18nProvider initial="en"><ToastProvider>
      <Members api={new Api("t")} workspace={workspace({ workspace_id: "w-1", name: "Studio", role })}
               userId={userId} onRenamed={onRenamed} onGone={onGone} />
    </ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
  return { onRenamed, onGone };
}

test("an owner invites by e-mail, changes roles and removes; a refusal is said in a toast", async () => {
  const calls = fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () => [200, members],
    "GET /api/v1/workspaces/w-1/invitations": () => [200, []],
    "POST /api/v1/workspaces/w-1/invitations": () =>
      [409, { error: { code: "already_member", message: "a member uses that address already" } }],
    "PATCH /api/v1/workspaces/w-1/members/u-2": () => [200, { ...members[1], role: "downloader" }],
    "DELETE /api/v1/workspaces/w-1/members/u-2": () => [200, { deleted: true }],
  });
  show("owner");
  expect(await screen.findByText("kim@example.com")).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText("Role of kim@example.com"), { target: { value: "downloader" } });
  await waitFor(() => expect(calls.some((c) => c.method === "PATCH" && (c.body as { role: string }).role === "downloader")).toBe(true));
  fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "owner@example.com" } });
  fireEvent.submit(screen.getByRole("button", { name: "Invite" }).closest("form") as HTMLFormElement);
  expect(await screen.findByText("That address is already a member")).toBeInTheDocument();
  expect(screen.queryByText(/a member uses that address/)).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Remove kim@example.com" }));
  fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Remove" }));
  await waitFor(() => expect(calls.some((c) => c.method === "DELETE")).toBe(true));
  expect(calls.some((c) => c.method === "POST" && c.url.pathname.endsWith("/members"))).toBe(false);
});

test("an invited address waits for its answer, listed for owners, and can be withdrawn", async () => {
  let invited: { invitation_id: string; email: string; role: string; invited_at: string }[] = [];
  const calls = fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () => [200, members],
    "GET /api/v1/workspaces/w-1/invitations": () => [200, invited],
    "POST /api/v1/workspaces/w-1/invitations": (_u, body) => {
      const { email, role } = body as { email: string; role: string };
      invited = [{ invitation_id: "i-1", email, role, invited_at: "2026-11-26T00:00:00Z" }];
      return [202, invited[0]];
    },
    "DELETE /api/v1/workspaces/w-1/invitations/new%40example.com": () => {
      invited = [];
      return [200, { deleted: true }];
    },
  });
  show("owner");
  await screen.findByText("kim@example.com");
  fireEvent.change(screen.getByLabelText("E-mail"), { target: { value: "new@example.com" } });
  fireEvent.change(screen.getByLabelText("Role"), { target: { value: "editor" } });
  fireEvent.submit(screen.getByRole("button", { name: "Invite" }).closest("form") as HTMLFormElement);
  expect(await screen.findByText("new@example.com")).toBeInTheDocument();
  expect(screen.getByText("editor · waiting for an answer")).toBeInTheDocument();
  expect(screen.queryByRole("alert")).toBeNull();
  expect(calls.find((c) => c.url.pathname.endsWith("/invitations") && c.method === "POST")?.body)
    .toEqual({ email: "new@example.com", role: "editor" });
  // asked first: Cancel keeps it
  fireEvent.click(screen.getByRole("button", { name: "Withdraw the invitation of new@example.com" }));
  const dialog = screen.getByRole("alertdialog", { name: /^Withdraw the invitation of new@example.com\?/ });
  fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
  expect(calls.some((c) => c.method === "DELETE")).toBe(false);
  fireEvent.click(screen.getByRole("button", { name: "Withdraw the invitation of new@example.com" }));
  fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Withdraw" }));
  await waitFor(() => expect(screen.queryByText("new@example.com")).toBeNull());
  expect(calls.filter((c) => c.method === "DELETE")).toHaveLength(1);
});

test("other members see the roles but cannot change them", async () => {
  fakeFetch({ "GET /api/v1/workspaces/w-1/members": () => [200, members] });
  show("viewer");
  expect(await screen.findByText("owner@example.com")).toBeInTheDocument();
  expect(screen.queryByRole("combobox")).toBeNull();
  expect(screen.queryByRole("button", { name: "Invite" })).toBeNull();
});

test("members that fail to load say why in the UI language, and Retry loads them", async () => {
  let failures = 3; // the first ask and its two retries
  fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () =>
      failures-- > 0 ? [500, { error: { code: "internal_error", message: "Internal server error" } }] : [200, members],
  });
  show("viewer");
  expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on our side: please try again");
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  expect(await screen.findByText("owner@example.com")).toBeInTheDocument();
  expect(screen.queryByRole("alert")).toBeNull();
});

test("the owner's own row offers no role change or removal: the API keeps one owner", async () => {
  fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () => [200, members],
    "GET /api/v1/workspaces/w-1/invitations": () => [200, []],
  });
  show("owner");
  expect(await screen.findByText("owner@example.com (you)")).toBeInTheDocument();
  expect(screen.queryByLabelText("Role of owner@example.com")).toBeNull();
  expect(screen.queryByRole("button", { name: "Remove owner@example.com" })).toBeNull();
  expect(screen.getByLabelText("Role of kim@example.com")).toBeInTheDocument();
  // the only owner cannot leave either; with a second owner they may
  expect(screen.queryByRole("button", { name: "Leave workspace" })).toBeNull();
});

test("removing a member asks first: focus on Cancel, and Esc or Cancel keeps them", async () => {
  const calls = fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () => [200, members],
    "GET /api/v1/workspaces/w-1/invitations": () => [200, []],
    "DELETE /api/v1/workspaces/w-1/members/u-2": () => [200, { deleted: true }],
  });
  show("owner");
  const remove = await screen.findByRole("button", { name: "Remove kim@example.com" });
  remove.focus(); // as a keyboard user gets there
  fireEvent.click(remove);
  const dialog = screen.getByRole("alertdialog", { name: "Remove kim@example.com from Studio?" });
  expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
  fireEvent.keyDown(dialog, { key: "Escape" });
  expect(screen.queryByRole("alertdialog")).toBeNull();
  await waitFor(() => expect(screen.getByRole("button", { name: "Remove kim@example.com" })).toHaveFocus()); // back where it was
  fireEvent.click(screen.getByRole("button", { name: "Remove kim@example.com" }));
  fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect(calls.some((c) => c.method === "DELETE")).toBe(false);
  fireEvent.click(screen.getByRole("button", { name: "Remove kim@example.com" }));
  fireEvent.click(within(screen.getByRole("alertdialog")).getByRole("button", { name: "Remove" }));
  await waitFor(() => expect(calls.some((c) => c.method === "DELETE"
    && c.url.pathname === "/api/v1/workspaces/w-1/members/u-2")).toBe(true));
});

test("a member leaves by removing themselves, after saying yes; they cannot rename or delete", async () => {
  const calls = fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () => [200, members],
    "DELETE /api/v1/workspaces/w-1/members/u-2": () => [200, { deleted: true }],
  });
  const { onGone } = show("viewer");
  expect(await screen.findByText("kim@example.com (you)")).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Delete workspace" })).toBeNull();
  expect(screen.queryByLabelText("Workspace name")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "Leave workspace" }));
  const dialog = screen.getByRole("alertdialog", { name: /^Leave Studio\?/ });
  expect(calls.some((c) => c.method === "DELETE")).toBe(false);
  fireEvent.click(within(dialog).getByRole("button", { name: "Leave workspace" }));
  await waitFor(() => expect(onGone).toHaveBeenCalled());
  expect(calls.find((c) => c.method === "DELETE")?.url.pathname).toBe("/api/v1/workspaces/w-1/members/u-2");
});

test("an owner renames the workspace, and deletes it after saying yes", async () => {
  const calls = fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () => [200, members],
    "GET /api/v1/workspaces/w-1/invitations": () => [200, []],
    "PATCH /api/v1/workspaces/w-1": (_u, body) => [200, workspace({ workspace_id: "w-1", role: "owner", ...(body as { name: string }) })],
    "DELETE /api/v1/workspaces/w-1": () => [200, { deleted: true }],
  });
  const { onRenamed, onGone } = show("owner");
  await screen.findByText("kim@example.com");
  fireEvent.change(screen.getByLabelText("Workspace name"), { target: { value: "Atelier" } });
  fireEvent.click(screen.getByRole("button", { name: "Rename" }));
  await waitFor(() => expect(onRenamed).toHaveBeenCalled());
  expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ name: "Atelier" });
  fireEvent.click(screen.getByRole("button", { name: "Delete workspace" }));
  const dialog = screen.getByRole("alertdialog", { name: /^Delete Studio\?/ });
  expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
  fireEvent.click(within(dialog).getByRole("button", { name: "Delete workspace" }));
  await waitFor(() => expect(onGone).toHaveBeenCalled());
  expect(calls.some((c) => c.method === "DELETE" && c.url.pathname === "/api/v1/workspaces/w-1")).toBe(true);
});

test("an owner with a fellow owner may leave", async () => {
  fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () => [200, [...members, { user_id: "u-3", email: "lee@example.com", role: "owner" }]],
    "GET /api/v1/workspaces/w-1/invitations": () => [200, []],
  });
  show("owner");
  expect(await screen.findByRole("button", { name: "Leave workspace" })).toBeInTheDocument();
});

test("a question left open goes when another workspace opens: its yes never lands there", async () => {
  fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () => [200, members],
    "GET /api/v1/workspaces/w-1/invitations": () => [200, []],
    "GET /api/v1/workspaces/w-2/members": () => [200, members],
    "GET /api/v1/workspaces/w-2/invitations": () => [200, []],
  });
  const at = (id: string) => (
    <I18nProvider initial="en"><ToastProvider>
      <Members api={new Api("t")} workspace={workspace({ workspace_id: id, name: id, role: "owner" })} userId="u-1" />
    </ToastProvider></I18nProvider>
  );
  const { rerender } = render(at("w-1"), { wrapper: QueryWrapper });
  await screen.findByText("kim@example.com");
  fireEvent.click(screen.getByRole("button", { name: "Delete workspace" }));
  expect(screen.getByRole("alertdialog")).toBeInTheDocument();
  rerender(at("w-2"));
  expect(screen.queryByRole("alertdialog")).toBeNull();
});

test("a new role shows at once; a refusal puts the old one back and says why", async () => {
  fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () => [200, members],
    "GET /api/v1/workspaces/w-1/invitations": () => [200, []],
    "PATCH /api/v1/workspaces/w-1/members/u-2": () =>
      [403, { error: { code: "forbidden", message: "not an owner any more" } }],
  });
  show("owner");
  const select = await screen.findByLabelText("Role of kim@example.com");
  fireEvent.change(select, { target: { value: "editor" } });
  expect(select).toHaveValue("editor");
  expect(await screen.findByText("You are not allowed to do that")).toBeInTheDocument();
  await waitFor(() => expect(select).toHaveValue("viewer"));
  expect(screen.queryByText("not an owner any more")).toBeNull();
});
