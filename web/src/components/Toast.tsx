import * as RadixToast from "@radix-ui/react-toast";
import { XIcon } from "lucide-react";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from "react";

import { useI18n } from "../i18n";

/** A short message, with at most one action (such as Undo) that its button runs. */
export interface ToastMessage {
  message: string;
  action?: { label: string; run: () => void };
}

const ToastContext = createContext<((toast: ToastMessage) => void) | null>(null);

/** How long a message stays: long enough to read it and reach Undo (Radix pauses the
 * timer while the pointer or the keyboard focus is on the message). */
export const TOAST_DURATION_MS = 8000;

/** Shows the messages `useToast()` sends, one at a time, at the bottom of the screen; screen
 * readers hear them politely (role=status). F8 moves the focus to the message. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  // a key per message: a new one restarts the timer even when the text is the same
  const [current, setCurrent] = useState<(ToastMessage & { key: number }) | null>(null);
  const sent = useRef(0);
  const show = useCallback((toast: ToastMessage) => setCurrent({ ...toast, key: ++sent.current }), []);
  return (
    <ToastContext.Provider value={show}>
      <RadixToast.Provider duration={TOAST_DURATION_MS} label={t("notification")}>
        {children}
        {current && (
          <RadixToast.Root key={current.key} type="background" className="toast"
                           onOpenChange={(open) => { if (!open) setCurrent(null); }}>
            <RadixToast.Description>{current.message}</RadixToast.Description>
            {current.action && " · " /* heard between the message and the action too */}
            {current.action && (
              <RadixToast.Action altText={current.action.label} asChild>
                <button type="button" onClick={current.action.run}>{current.action.label}</button>
              </RadixToast.Action>
            )}
            <RadixToast.Close aria-label={t("dismiss")}><XIcon aria-hidden /></RadixToast.Close>
          </RadixToast.Root>
        )}
        <RadixToast.Viewport className="toasts" label={t("notifications", { hotkey: "{hotkey}" })} />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

/** Sends a message to the nearest ToastProvider. */
export function useToast(): (toast: ToastMessage) => void {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast needs a ToastProvider above it");
  return useMemo(() => show, [show]);
}
