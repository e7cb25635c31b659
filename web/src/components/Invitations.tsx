import { UsersIcon } from "lucide-react";
import { useEffect, useState } from "react";

import { type Api, type MyInvitation } from "../api";
import { useI18n } from "../i18n";

/** The invitations addressed to me: nobody joins a workspace without saying yes here. */
export function Invitations({ api, refreshKey = 0, onAnswered }: {
  api: Api; refreshKey?: number; onAnswered?: () => void;
}) {
  const { t, errorMessage } = useI18n();
  const [invitations, setInvitations] = useState<MyInvitation[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.myInvitations().then((i) => live && setInvitations(i)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, refreshKey]);
  const answer = async (invitation: MyInvitation, accept: boolean) => {
    setError(null);
    try {
      if (accept) await api.acceptInvitation(invitation.invitation_id);
      else await api.declineInvitation(invitation.invitation_id);
      setInvitations((all) => all.filter((i) => i.invitation_id !== invitation.invitation_id));
      onAnswered?.();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  if (invitations.length === 0 && !error) return null;
  return (
    <section className="invitations" aria-label={t("invitationsForMe")}>
      <h2>{t("invitationsForMe")}</h2>
      <ul>
        {invitations.map((invitation) => (
          <li key={invitation.invitation_id}>
            <span><UsersIcon aria-hidden />{invitation.workspace_name} <small>{t(`role_${invitation.role}`)}</small></span>
            {invitation.invited_by_email && (
              <small>{t("invitedBy", { email: invitation.invited_by_email })}</small>
            )}
            <button type="button" aria-label={t("joinWorkspace", { name: invitation.workspace_name })}
                    onClick={() => void answer(invitation, true)}>{t("join")}</button>
            <button type="button" aria-label={t("declineWorkspace", { name: invitation.workspace_name })}
                    onClick={() => void answer(invitation, false)}>{t("decline")}</button>
          </li>
        ))}
      </ul>
      {error && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
