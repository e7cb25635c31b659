import { cloneElement, type MouseEvent, type ReactElement, type ReactNode, useState } from "react";

import { lazyComponent } from "../lazy";

const SheetPanel = lazyComponent(() => import("./SheetPanel").then((m) => m.SheetPanel));

/** A modal panel that slides over the page from one edge: the sidebar's drawer (start), the
 * settings menu (top end), the bulk bar's other actions (bottom). `trigger` opens it; `open`
 * and `onOpenChange` control it from outside when given (the drawer closes after a pick). */
export function Sheet({ trigger, title, hideTitle = false, side, open, onOpenChange, children }: {
  trigger: ReactElement<{ onClick?: (event: MouseEvent) => void }>; title: string; hideTitle?: boolean;
  side: "start" | "top-end" | "bottom"; open?: boolean; onOpenChange?: (open: boolean) => void;
  children: ReactNode;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const shown = open ?? ownOpen;
  const change = (next: boolean) => {
    setOwnOpen(next);
    onOpenChange?.(next);
  };
  return (
    <>
      {cloneElement(trigger, {
        "aria-haspopup": "dialog", "aria-expanded": shown,
        onClick: (event: MouseEvent) => { trigger.props.onClick?.(event); change(true); },
      } as object)}
      {shown && (
        <SheetPanel title={title} hideTitle={hideTitle} side={side} onClose={() => change(false)}>
          {children}
        </SheetPanel>
      )}
    </>
  );
}
