import { type FormEvent, useEffect, useState } from "react";

import { type Api, type Invitation, type Member, type Role, type Workspace } from "../api";
import { useI18n } from "../i18n";
import { LoadFailed } from "./LoadFailed";

const ROLES: Role[] = ["viewer", "downloader", "editor", "owner"];

/** A workspace's members; its owners invite people by e-mail (they join once they accept),
 * change roles and remove. */
export function Members({ api, workspace }: { api: Api; workspace: Workspace }) {
  const { t, errorMessage } = useI18n();
  const [members, setMembers] = useState<Member[]>([]);
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [error, setError] = useState<string | null>(null);
  const owner = workspace.role === "owner";
  const [loadError, setLoadError] = useState<unknown>(null);
  const refresh = async () => {
    setLoadError(null);
    await api.members(workspace.workspace_id).then(setMembers).catch(setLoadError);
    if (owner) await api.invitations(workspace.workspace_id).then(setInvitations).catch(setLoadError);
  };
  useEffect(() => {
    void refresh();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [workspace.workspace_id]);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      await refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.invite(workspace.workspace_id, email.trim(), role);
      setEmail("");
    });
  };
  return (
    <section className="members" aria-label={t("members")}>
      <h2>{workspace.name} · {t(`role_${workspace.role}`)}</h2>
      {loadError !== null && <LoadFailed error={loadError} onRetry={() => void refresh()} />}
      <ul>
        {members.map((member) => (
          <li key={member.user_id}>
            <span>{member.email ?? member.user_id}</span>
            {owner ? (
              <>
                <select aria-label={t("memberRole", { email: member.email ?? member.user_id })} value={member.role}
                        onChange={(e) => run(() => api.setRole(workspace.workspace_id, member.user_id, e.target.value as Role))}>
                  {ROLES.map((r) => <option key={r} value={r}>{t(`role_${r}`)}</option>)}
                </select>
                <button type="button" onClick={() => run(() => api.removeMember(workspace.workspace_id, member.user_id))}>
                  {t("remove")}
                </button>
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
              <button type="button" onClick={() => run(() => api.withdrawInvitation(workspace.workspace_id, invitation.email))}>
                {t("withdraw")}
              </button>
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
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
