import { fireEvent, render, screen, waitFor } from "@testing-library/react";

import { Api, type Workspace } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch, workspace } from "../test/fakeApi";
import { Members } from "./Members";

const members = [
  { user_id: "u-1", email: "owner@example.com", role: "owner" },
  { user_id: "u-2", email: "kim@example.com", role: "viewer" },
];

function show(role: Workspace["role"]) {
  render(
    <I18nProvider initial="en">
      <Members api={new Api("t")} workspace={workspace({ workspace_id: "w-1", name: "Studio", role })} />
    </I18nProvider>,
  );
}

test("an owner invites by e-mail, changes roles and removes; errors are shown", async () => {
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
  expect(await screen.findByRole("alert")).toHaveTextContent("That address is already a member");
  fireEvent.click(screen.getAllByRole("button", { name: "Remove" })[1]);
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
  fireEvent.click(screen.getByRole("button", { name: "Withdraw" }));
  await waitFor(() => expect(screen.queryByText("new@example.com")).toBeNull());
});

test("other members see the roles but cannot change them", async () => {
  fakeFetch({ "GET /api/v1/workspaces/w-1/members": () => [200, members] });
  show("viewer");
  expect(await screen.findByText("kim@example.com")).toBeInTheDocument();
  expect(screen.queryByRole("combobox")).toBeNull();
  expect(screen.queryByRole("button", { name: "Invite" })).toBeNull();
});

test("members that fail to load say why in the UI language, and Retry loads them", async () => {
  let failures = 1;
  fakeFetch({
    "GET /api/v1/workspaces/w-1/members": () =>
      failures-- > 0 ? [500, { error: { code: "internal_error", message: "Internal server error" } }] : [200, members],
  });
  show("viewer");
  expect(await screen.findByRole("alert")).toHaveTextContent("Something went wrong on our side: please try again");
  fireEvent.click(screen.getByRole("button", { name: "Retry" }));
  expect(await screen.findByText("kim@example.com")).toBeInTheDocument();
  expect(screen.queryByRole("alert")).toBeNull();
});
