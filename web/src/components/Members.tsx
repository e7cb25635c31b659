import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";

import { type Api, type Invitation, type Member, type Role, type Workspace } from "../api";
import { useI18n } from "../i18n";
import { keys } from "../queries";
import { ConfirmDialog } from "./ConfirmDialog";
import { LoadFailed } from "./LoadFailed";
import { useToast } from "./Toast";

const ROLES: Role[] = ["viewer", "downloader", "editor", "owner"];

/** What waits for a yes: none of these can be undone (a withdrawn invitation can be sent again). */
type Question =
  | { kind: "remove"; member: Member } | { kind: "withdraw"; invitation: Invitation }
  | { kind: "leave" } | { kind: "delete" };

/** A workspace's members; its owners invite people by e-mail (they join once they accept),
 * change roles, remove, rename and delete; members leave. Nobody is offered what the API
 * refuses: my own row has no role or remove (the last owner cannot step down; others leave).
 * A refusal is said in a toast. */
export function Members({ api, workspace, userId, onRenamed, onGone }: {
  api: Api; workspace: Workspace; userId: string;
  /** the workspace's name changed: the lists that show it reload */
  onRenamed?: () => void;
  /** deleted, or I left: the screen moves away from it */
  onGone?: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const client = useQueryClient();
  const id = workspace.workspace_id;
  const owner = workspace.role === "owner";
  // others join, leave and answer meanwhile: shown from the cache, asked again each time it opens
  const membersQuery = useQuery({ queryKey: keys.members(id), queryFn: () => api.members(id), staleTime: 0 });
  // only owners see (and may ask for) who is invited
  const invitationsQuery = useQuery({ queryKey: keys.sentInvitations(id), queryFn: () => api.invitations(id),
                                      enabled: owner, staleTime: 0 });
  const members = membersQuery.data ?? [];
  const invitations = (owner && invitationsQuery.data) || [];
  const failedLoad = [membersQuery, invitationsQuery].find((query) => query.isError);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [name, setName] = useState(workspace.name);
  useEffect(() => setName(workspace.name), [workspace.name]);
  // the API keeps one owner: an owner leaves only while somebody else owns it too
  const canLeave = !owner || members.some((m) => m.role === "owner" && m.user_id !== userId);
  const nameOf = (member: Member) => member.email ?? member.user_id;
  const failed = (error: unknown) => toast({ message: { error } });
  const reload = () => client.invalidateQueries({ queryKey: keys.workspace(id) });
  // a change to the workspace: its lists are asked again; leaving or deleting: the screen moves on
  const change = useMutation({ mutationFn: (action: () => Promise<unknown>) => action(),
                               onSuccess: reload, onError: failed });
  const farewell = useMutation({ mutationFn: (action: () => Promise<unknown>) => action(),
                                 onSuccess: () => onGone?.(), onError: failed });
  // a new role shows at once; a refusal puts the old one back
  const setMemberRole = useMutation({
    mutationFn: ({ member, next }: { member: Member; next: Role }) => api.setRole(id, member.user_id, next),
    onMutate: ({ member, next }) => {
      const before = client.getQueryData<Member[]>(keys.members(id));
      client.setQueryData<Member[]>(keys.members(id),
        (all) => all?.map((m) => (m.user_id === member.user_id ? { ...m, role: next } : m)));
      return { before };
    },
    onError: (error, _, context) => {
      client.setQueryData(keys.members(id), context?.before);
      failed(error);
    },
    onSettled: reload,
  });
  const run = (action: () => Promise<unknown>) => change.mutate(action);
  const gone = (action: () => Promise<unknown>) => farewell.mutate(action);
  const answer = (question: Question) => {
    if (question.kind === "remove") run(() => api.removeMember(id, question.member.user_id));
    else if (question.kind === "withdraw") run(() => api.withdrawInvitation(id, question.invitation.email));
    else if (question.kind === "leave") gone(() => api.removeMember(id, userId));
    else gone(() => api.deleteWorkspace(id));
  };
  const rename = (event: FormEvent) => {
    event.preventDefault();
    const next = name.trim();
    if (!next || next === workspace.name) return;
    run(async () => {
      await api.renameWorkspace(id, next);
      onRenamed?.();
    });
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    run(async () => {
      await api.invite(id, email.trim(), role);
      setEmail("");
    });
  };
  return (
    <section className="members" aria-label={t("members")}>
      <h2>{workspace.name} · {t(`role_${workspace.role}`)}</h2>
      {failedLoad && <LoadFailed error={failedLoad.error} onRetry={() => void reload()} />}
      <ul>
        {members.map((member) => (
          <li key={member.user_id}>
            <span>{member.user_id === userId ? t("you", { name: nameOf(member) }) : nameOf(member)}</span>
            {owner && member.user_id !== userId ? (
              <>
                <select aria-label={t("memberRole", { email: member.email ?? member.user_id })} value={member.role}
                        onChange={(e) => setMemberRole.mutate({ member, next: e.target.value as Role })}>
                  {ROLES.map((r) => <option key={r} value={r}>{t(`role_${r}`)}</option>)}
                </select>
                <ConfirmDialog key={workspace.workspace_id} // a question stays with its workspace
                  trigger={<button type="button" aria-label={t("removeMember", { name: nameOf(member) })}>{t("remove")}</button>}
                  title={t("confirmRemoveMember", { name: nameOf(member), workspace: workspace.name })}
                  confirmLabel={t("remove")} onConfirm={() => answer({ kind: "remove", member })} />
              </>
            ) : (
              <span>{t(`role_${member.role}`)}</span>
            )}
          </li>
        ))}
      </ul>
      {owner && invitations.length > 0 && (
        <ul className="invitations" aria-label={t("invited")}>
          {invitations.map((invitation) => (
            <li key={invitation.invitation_id}>
              <span>{invitation.email}</span>
              <span>{t(`role_${invitation.role}`)} · {t("invitedNote")}</span>
              <ConfirmDialog key={id}
                trigger={<button type="button" aria-label={t("withdrawInvitation", { email: invitation.email })}>
                  {t("withdraw")}</button>}
                title={t("confirmWithdraw", { email: invitation.email })}
                confirmLabel={t("withdraw")} onConfirm={() => answer({ kind: "withdraw", invitation })} />
            </li>
          ))}
        </ul>
      )}
      {owner && (
        <form onSubmit={add} className="add-member">
          <input type="email" required value={email} aria-label={t("email")} placeholder={t("email")}
                 onChange={(e) => setEmail(e.target.value)} />
          <select aria-label={t("role")} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role_${r}`)}</option>)}
          </select>
          <button type="submit">{t("invite")}</button>
        </form>
      )}
      <div className="workspace-actions">
        {owner && (
          <form onSubmit={rename}>
            <input value={name} aria-label={t("workspaceName")} maxLength={255} required
                   onChange={(e) => setName(e.target.value)} />
            <button type="submit">{t("renameWorkspace")}</button>
          </form>
        )}
        {canLeave && (
          <ConfirmDialog key={workspace.workspace_id} trigger={<button type="button">{t("leaveWorkspace")}</button>}
                         title={t("confirmLeaveWorkspace", { workspace: workspace.name })}
                         confirmLabel={t("leaveWorkspace")} onConfirm={() => answer({ kind: "leave" })} />
        )}
        {owner && (
          <ConfirmDialog key={workspace.workspace_id}
                         trigger={<button type="button" className="danger">{t("deleteWorkspace")}</button>}
                         title={t("confirmDeleteWorkspace", { workspace: workspace.name })}
                         confirmLabel={t("deleteWorkspace")} onConfirm={() => answer({ kind: "delete" })} />
        )}
      </div>
    </section>
  );
}
