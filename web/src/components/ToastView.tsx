import * as RadixToast from "@radix-ui/react-toast";
import { XIcon } from "lucide-react";

import { useI18n } from "../i18n";
import { TOAST_DURATION_MS, type ToastMessage } from "./Toast";

/** Radix's toast, in a chunk of its own that comes with the first message (Toast.tsx):
 * the message with its action, and the viewport F8 moves the focus to. */
export function ToastView({ current, onClosed }: {
  current: (ToastMessage & { key: number }) | null; onClosed: () => void;
}) {
  const { t } = useI18n();
  return (
    <RadixToast.Provider duration={TOAST_DURATION_MS} label={t("notification")}>
      {current && (
        <RadixToast.Root key={current.key} type="background" className="toast"
                         onOpenChange={(open) => { if (!open) onClosed(); }}>
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
  );
}
