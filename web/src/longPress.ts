import type React from "react";
import { useRef } from "react";

const HOLD_MS = 500; // Android's long-press timeout
const SLOP_PX = 10; // a finger moved further is scrolling, not holding

/** A finger held still on an element: a touch screen's way to start selecting (as Google
 * Photos and Immich's app do). The click of the lift after it, and the browser's own
 * long-press menu, are swallowed. Mouse and pen are left alone: they have hover and Shift. */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<number | undefined>(undefined);
  const start = useRef({ x: 0, y: 0 });
  const fired = useRef(false);
  const cancel = () => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
  };
  return {
    onPointerDown: (event: React.PointerEvent) => {
      if (event.pointerType !== "touch") return;
      cancel();
      fired.current = false;
      start.current = { x: event.clientX, y: event.clientY };
      timer.current = window.setTimeout(() => {
        timer.current = undefined;
        fired.current = true;
        onLongPress();
      }, HOLD_MS);
    },
    onPointerMove: (event: React.PointerEvent) => {
      if (Math.hypot(event.clientX - start.current.x, event.clientY - start.current.y) > SLOP_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel, // the browser took the finger for a scroll
    onContextMenu: (event: React.MouseEvent) => {
      if (fired.current || timer.current !== undefined) event.preventDefault();
    },
    onClickCapture: (event: React.MouseEvent) => {
      if (!fired.current) return;
      fired.current = false;
      event.preventDefault();
      event.stopPropagation();
    },
  };
}

/** Whether a click came from a finger (a tap), not a mouse, a pen or the keyboard. */
export const tapped = (event: React.MouseEvent) => (event.nativeEvent as PointerEvent).pointerType === "touch";
