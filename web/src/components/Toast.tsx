import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";

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

type Shown = ToastMessage & { key: number; host?: HTMLElement };

const ToastContext = createContext<((toast: ToastMessage) => void) | null>(null);
/** Adds an open modal's toast host (and gives the remover back). */
const HostContext = createContext<((host: HTMLElement) => () => void) | null>(null);

/** How long a message stays: long enough to read it and reach Undo (Radix pauses the
 * timer while the pointer or the keyboard focus is on the message). */
export const TOAST_DURATION_MS = 8000;

// Radix's toast is not on the first screen: fetched with the first message, then kept
const ToastView = lazyComponent(() => import("./ToastView").then((m) => m.ToastView));

/** Shows the messages `useToast()` sends, one at a time, at the bottom of the screen; screen
 * readers hear them politely (role=status). F8 moves the focus to the message. */
export function ToastProvider({ children }: { children: ReactNode }) {
  // A key per message: a new one restarts the timer even when the text is the same. A
  // message is drawn in the topmost modal of when it was sent, and stays there: moved into a
  // modal opened later, it would be the top layer and take the Esc meant for that modal.
  const [current, setCurrent] = useState<Shown | null>(null);
  const [sentAny, setSentAny] = useState(false);
  const sent = useRef(0);
  // the open modals' hosts, the last opened last
  const hosts = useRef<HTMLElement[]>([]);
  const show = useCallback((toast: ToastMessage) => {
    setSentAny(true);
    setCurrent({ ...toast, key: ++sent.current, host: hosts.current.at(-1) });
  }, []);
  const addHost = useCallback((host: HTMLElement) => {
    hosts.current = [...hosts.current, host];
    return () => {
      hosts.current = hosts.current.filter((h) => h !== host);
      // its modal closed: the message goes to the one under it (or the page)
      setCurrent((shown) => (shown?.host === host ? { ...shown, host: hosts.current.at(-1) } : shown));
    };
  }, []);
  return (
    <ToastContext.Provider value={show}>
      <HostContext.Provider value={addHost}>{children}</HostContext.Provider>
      {sentAny && <ToastView current={current} host={current?.host} onClosed={() => setCurrent(null)} />}
    </ToastContext.Provider>
  );
}

/** A modal (a sheet, a dialog, the viewer) puts this inside its content. While it is open
 * the rest of the page is inert (aria-hidden, no pointer events, focus trapped in the modal),
 * so the toasts are drawn here instead: over the modal, heard, and reachable by Tab, F8 and
 * the pointer, while the modal's focus trap holds for everything else. */
export function ToastHost() {
  const addHost = useContext(HostContext);
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  useEffect(() => (element && addHost ? addHost(element) : undefined), [element, addHost]);
  return <div ref={setElement} className="toast-host" />;
}

/** Sends a message to the nearest ToastProvider. */
export function useToast(): (toast: ToastMessage) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast needs a ToastProvider above it");
  return useMemo(() => show, [show]);
}
