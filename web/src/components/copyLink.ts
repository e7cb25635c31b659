import type { MessageKey } from "../i18n";
import { useToast } from "./Toast";

/** A link to the clipboard, said in a toast (`copied`); without a clipboard (a permission
 * refused, an old browser) the toast gives the link itself to copy by hand (`shown`, {url}). */
export function useCopyLink(): (url: string, copied: MessageKey, shown: MessageKey) => Promise<void> {
  const toast = useToast();
  return async (url, copied, shown) => {
    try {
      await navigator.clipboard.writeText(url);
      toast({ message: { id: copied } });
    } catch {
      toast({ message: { id: shown, values: { url } } });
    }
  };
}
