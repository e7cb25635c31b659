import * as Dialog from "@radix-ui/react-dialog";
import { XIcon } from "lucide-react";
import type { ReactElement, ReactNode } from "react";

import { useI18n } from "../i18n";

/** A modal panel that slides over the page from one edge: the sidebar's drawer (start), the
 * settings menu (top end), the bulk bar's other actions (bottom). Radix keeps the focus
 * inside, closes it on Esc or a click on the scrim, and gives the focus back to `trigger`. */
export function Sheet({ trigger, title, hideTitle = false, side, open, onOpenChange, children }: {
  trigger: ReactElement; title: string; hideTitle?: boolean; side: "start" | "top-end" | "bottom";
  open?: boolean; onOpenChange?: (open: boolean) => void; children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>{trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="scrim" />
        <Dialog.Content className={`sheet sheet-${side}`} aria-describedby={undefined}>
          <div className="sheet-head">
            <Dialog.Title className={hideTitle ? "visually-hidden" : undefined}>{title}</Dialog.Title>
            <Dialog.Close className="icon-button" aria-label={t("close")}><XIcon aria-hidden /></Dialog.Close>
          </div>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
