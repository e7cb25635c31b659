import { cloneElement, type MouseEvent, type ReactElement, type ReactNode, type Ref, useEffect, useRef, useState } from "react";

import { lazyComponent } from "../lazy";

const SheetPanel = lazyComponent(() => import("./SheetPanel").then((m) => m.SheetPanel));

/** A modal panel that slides over the page from one edge: the sidebar's drawer (start), the
 * settings menu (top end), the bulk bar's other actions (bottom). `trigger` opens it; `open`
 * and `onOpenChange` control it from outside when given (the drawer closes after a pick).
 * When it closes, the focus goes back to the trigger. */
export function Sheet({ trigger, title, hideTitle = false, side, open, onOpenChange, children }: {
  trigger: ReactElement<{ onClick?: (event: MouseEvent) => void; ref?: Ref<HTMLElement> }>;
  title: string; hideTitle?: boolean; side: "start" | "top-end" | "bottom"; open?: boolean;
  onOpenChange?: (open: boolean) => void; children: ReactNode;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const shown = open ?? ownOpen;
  const triggerRef = useRef<HTMLElement>(null);
  const wasShown = useRef(false);
  useEffect(() => {
    // after Radix's own focus on closing (a task of its own), which knows no trigger of ours
    if (wasShown.current && !shown) setTimeout(() => triggerRef.current?.focus(), 0);
    wasShown.current = shown;
  }, [shown]);
  const change = (next: boolean) => {
    setOwnOpen(next);
    onOpenChange?.(next);
  };
  return (
    <>
      {cloneElement(trigger, {
        ref: triggerRef, "aria-haspopup": "dialog", "aria-expanded": shown,
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
