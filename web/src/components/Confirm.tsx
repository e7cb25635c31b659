import { useEffect, useId, useState } from "react";

import { useI18n } from "../i18n";

/** Asks before something that cannot be undone: an alert dialog labelled by its question,
 * focus on Cancel (the safe answer, so a stray Enter keeps things), Esc cancels. Shown in
 * place of the control that asked; when it goes, focus goes back to that control. */
export function Confirm({ question, confirmLabel, onConfirm, onCancel }: {
  question: string; confirmLabel: string; onConfirm: () => void; onCancel: () => void;
}) {
  const { t } = useI18n();
  const questionId = useId();
  // taken while rendering, before Cancel takes the focus
  const [asker] = useState(() => document.activeElement as HTMLElement | null);
  useEffect(() => () => {
    if (asker?.isConnected) asker.focus();
  }, [asker]);
  return (
    <div role="alertdialog" aria-labelledby={questionId} className="confirm"
         onKeyDown={(event) => {
           if (event.key !== "Escape") return;
           event.stopPropagation(); // Esc answers this question, not the screen behind it
           onCancel();
         }}>
      <p id={questionId}>{question}</p>
      {/* eslint-disable-next-line jsx-a11y/no-autofocus -- a dialog focuses its safe answer */}
      <button type="button" autoFocus onClick={onCancel}>{t("cancel")}</button>
      <button type="button" className="danger" onClick={onConfirm}>{confirmLabel}</button>
    </div>
  );
}
