import { useMutation } from "@tanstack/react-query";
import { UsersIcon } from "lucide-react";
import { useEffect, useState } from "react";

import { type Api, type MyInvitation } from "../api";
import { useI18n } from "../i18n";
import { useToast } from "./Toast";

/** The invitations addressed to me: nobody joins a workspace without saying yes here. A
 * refused answer is said in a toast. */
export function Invitations({ api, refreshKey = 0, onAnswered }: {
  api: Api; refreshKey?: number; onAnswered?: () => void;
}) {
  const { t } = useI18n();
  const [invitations, setInvitations] = useState<MyInvitation[]>([]);
  const toast = useToast();
  useEffect(() => {
    let live = true;
    api.myInvitations().then((i) => live && setInvitations(i)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, refreshKey]);
  const answer = useMutation({
    mutationFn: ({ invitation, accept }: { invitation: MyInvitation; accept: boolean }): Promise<unknown> =>
      accept ? api.acceptInvitation(invitation.invitation_id) : api.declineInvitation(invitation.invitation_id),
    onSuccess: (_, { invitation }) => {
      setInvitations((all) => all.filter((i) => i.invitation_id !== invitation.invitation_id));
      onAnswered?.();
    },
    onError: (error) => toast({ message: { error } }),
  });
  if (invitations.length === 0) return null;
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
                    onClick={() => answer.mutate({ invitation, accept: true })}>{t("join")}</button>
            <button type="button" aria-label={t("declineWorkspace", { name: invitation.workspace_name })}
                    onClick={() => answer.mutate({ invitation, accept: false })}>{t("decline")}</button>
          </li>
        ))}
      </ul>
    </section>
  );
}
