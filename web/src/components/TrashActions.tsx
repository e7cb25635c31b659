// The trash's own line above its images: how long they wait there, and emptying it (asked
// first). A chunk of its own: the first screen is the gallery, not the trash.
import { useMutation } from "@tanstack/react-query";

import type { Api } from "../api";
import { useI18n } from "../i18n";
import { TRASH_RETENTION_DAYS } from "../trash";
import { ConfirmDialog } from "./ConfirmDialog";
import { useToast } from "./Toast";

export function TrashActions({ api, onEmptied }: { api: Api; onEmptied: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const emptyTrash = useMutation({
    mutationFn: () => api.emptyTrash(),
    // said, and in place of an Undo still shown for an image now gone for good
    onSuccess: () => {
      toast({ message: { id: "trashEmptied" } });
      onEmptied();
    },
    onError: (error) => toast({ message: { error } }),
  });
  return (
    <div className="actions">
      <p className="notice">{t("trashRetention", { days: TRASH_RETENTION_DAYS })}</p>
      <ConfirmDialog trigger={<button type="button" className="danger">{t("emptyTrash")}</button>}
                     title={t("emptyTrashConfirmTitle")} description={t("emptyTrashConfirmText")}
                     confirmLabel={t("emptyTrash")}
                     onConfirm={() => emptyTrash.mutate()} />
    </div>
  );
}
