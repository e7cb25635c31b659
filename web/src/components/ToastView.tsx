import * as RadixToast from "@radix-ui/react-toast";
import { XIcon } from "lucide-react";
import { createPortal } from "react-dom";

import { type I18n, useI18n } from "../i18n";
import { TOAST_DURATION_MS, type ToastMessage, type ToastText } from "./Toast";

/** The text in the UI language of now (not of when it was raised). */
function formatText(i18n: I18n, text: ToastText): string {
  if ("error" in text) return i18n.errorMessage(text.error);
  const values = Object.fromEntries(Object.entries(text.values ?? {}).map(([name, value]) =>
    [name, typeof value === "object" && !(value instanceof Date) ? formatText(i18n, value) : value]));
  return i18n.t(text.id, values);
}

/** Radix's toast, in a chunk of its own that comes with the first message (Toast.tsx):
 * the message with its action, and the viewport F8 moves the focus to. */
export function ToastView({ current, host, onClosed }: {
  current: (ToastMessage & { key: number }) | null;
  /** the topmost open modal's ToastHost, if any: the viewport is drawn there */
  host?: HTMLElement; onClosed: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const message = current && formatText(i18n, current.message);
  const action = current?.action && formatText(i18n, current.action.label);
  const viewport = <RadixToast.Viewport className="toasts" label={t("notifications", { hotkey: "{hotkey}" })} />;
  return (
    <RadixToast.Provider duration={TOAST_DURATION_MS} label={t("notification")}>
      {current && (
        <RadixToast.Root key={current.key} type="background" className="toast"
                         onOpenChange={(open) => { if (!open) onClosed(); }}>
          <RadixToast.Description>{message}</RadixToast.Description>
          {current.action && " · " /* heard between the message and the action too */}
          {current.action && (
            <RadixToast.Action altText={action ?? ""} asChild>
              <button type="button" onClick={current.action.run}>{action}</button>
            </RadixToast.Action>
          )}
          <RadixToast.Close aria-label={t("dismiss")}><XIcon aria-hidden /></RadixToast.Close>
        </RadixToast.Root>
      )}
      {host ? createPortal(viewport, host) : viewport}
    </RadixToast.Provider>
  );
}
