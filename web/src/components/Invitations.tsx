import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UsersIcon } from "lucide-react";

import { type Api, type MyInvitation } from "../api";
import { useI18n } from "../i18n";
import { keys, myInvitationsQuery } from "../queries";
import { ConfirmDialog } from "./ConfirmDialog";
import { useToast } from "./Toast";

/** The invitations addressed to me: nobody joins a workspace without saying yes here, and a
 * no is asked first (only a new invitation undoes it). A refused answer is said in a toast. */
export function Invitations({ api, onAnswered }: { api: Api; onAnswered?: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const client = useQueryClient();
  const invitations = useQuery(myInvitationsQuery(api)).data ?? [];
  const answer = useMutation({
    mutationFn: ({ invitation, accept }: { invitation: MyInvitation; accept: boolean }): Promise<unknown> =>
      accept ? api.acceptInvitation(invitation.invitation_id) : api.declineInvitation(invitation.invitation_id),
    onSuccess: (_, { invitation }) => {
      client.setQueryData<MyInvitation[]>(keys.myInvitations,
        (all) => all?.filter((i) => i.invitation_id !== invitation.invitation_id));
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
            <ConfirmDialog
              trigger={<button type="button" aria-label={t("declineWorkspace", { name: invitation.workspace_name })}>
                {t("decline")}</button>}
              title={t("confirmDecline", { workspace: invitation.workspace_name })}
              confirmLabel={t("decline")} onConfirm={() => answer.mutate({ invitation, accept: false })} />
          </li>
        ))}
      </ul>
    </section>
  );
}
