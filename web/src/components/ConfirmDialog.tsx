import * as AlertDialog from "@radix-ui/react-alert-dialog";
import type { ReactElement, ReactNode } from "react";

import { useI18n } from "../i18n";
import { ToastHost } from "./Toast";

/** Asks before an action that cannot be undone: `trigger` (a button) opens a modal
 * alertdialog saying what will happen; the focus starts on Cancel, Esc cancels, and only
 * the confirm button runs `onConfirm`. The focus returns to the trigger on close.
 * `children`: choices about how it is done, under the description (which says what they make). */
export function ConfirmDialog({ trigger, title, description, confirmLabel, onConfirm, children }: {
  trigger: ReactElement; title: string; description?: ReactNode; confirmLabel: string;
  onConfirm: () => void; children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        {/* a question that says it all has no description (Radix asks to say so) */}
        <AlertDialog.Content className="confirm-dialog"
                             {...(description === undefined ? { "aria-describedby": undefined } : {})}>
          <AlertDialog.Title>{title}</AlertDialog.Title>
          {description !== undefined && <AlertDialog.Description>{description}</AlertDialog.Description>}
          {children}
          <div className="actions">
            <AlertDialog.Cancel asChild><button type="button">{t("cancel")}</button></AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button type="button" className="danger" onClick={onConfirm}>{confirmLabel}</button>
            </AlertDialog.Action>
          </div>
          <ToastHost />
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
