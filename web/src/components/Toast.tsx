import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";

import type { MessageKey } from "../i18n";
import { lazyComponent } from "../lazy";

/** What a toast says: a catalogue message and its values (a value may be one too), or the
 * error to explain. Formatted when shown, so a message raised in Korean reads in English
 * once the user switches. */
export type ToastText =
  | { id: MessageKey; values?: Record<string, string | number | Date | ToastText> }
  | { error: unknown };

/** A short message, with at most one action (such as Undo) that its button runs. */
export interface ToastMessage {
  message: ToastText;
  action?: { label: ToastText; run: () => void };
}

const ToastContext = createContext<((toast: ToastMessage) => void) | null>(null);

/** How long a message stays: long enough to read it and reach Undo (Radix pauses the
 * timer while the pointer or the keyboard focus is on the message). */
export const TOAST_DURATION_MS = 8000;

// Radix's toast is not on the first screen: fetched with the first message, then kept
const ToastView = lazyComponent(() => import("./ToastView").then((m) => m.ToastView));

/** Shows the messages `useToast()` sends, one at a time, at the bottom of the screen; screen
 * readers hear them politely (role=status). F8 moves the focus to the message. */
export function ToastProvider({ children }: { children: ReactNode }) {
  // a key per message: a new one restarts the timer even when the text is the same
  const [current, setCurrent] = useState<(ToastMessage & { key: number }) | null>(null);
  const [sentAny, setSentAny] = useState(false);
  const sent = useRef(0);
  const show = useCallback((toast: ToastMessage) => {
    setSentAny(true);
    setCurrent({ ...toast, key: ++sent.current });
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      {sentAny && <ToastView current={current} onClosed={() => setCurrent(null)} />}
    </ToastContext.Provider>
  );
}

/** Sends a message to the nearest ToastProvider. */
export function useToast(): (toast: ToastMessage) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast needs a ToastProvider above it");
  return useMemo(() => show, [show]);
}
