import * as Dialog from "@radix-ui/react-dialog";
import { XIcon } from "lucide-react";
import type { ReactNode } from "react";

import { useI18n } from "../i18n";
import { ToastHost } from "./Toast";

/** The open sheet (its own chunk: the first screen shows only its trigger). Radix keeps the
 * focus inside and closes it on Esc or a click on the scrim. */
export function SheetPanel({ title, hideTitle, side, onClose, children }: {
  title: string; hideTitle: boolean; side: "start" | "top-end" | "bottom"; onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Dialog.Root open onOpenChange={(open) => { if (!open) onClose(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="scrim" />
        <Dialog.Content className={`sheet sheet-${side}`} aria-describedby={undefined}
                        onCloseAutoFocus={(event) => event.preventDefault() /* the Sheet gives it back to its trigger */}>
          <div className="sheet-head">
            <Dialog.Title className={hideTitle ? "visually-hidden" : undefined}>{title}</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label={t("close")}><XIcon aria-hidden /></Dialog.Close>
          </div>
          {children}
          <ToastHost />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
