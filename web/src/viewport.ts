// One breakpoint for the shell: below it (phones, tablets held upright) the sidebar is a
// drawer, the header folds its controls into menus and the bulk bar is a bottom sheet.
import { useSyncExternalStore } from "react";

export const NARROW_QUERY = "(max-width: 899px)";

function query(): MediaQueryList | null {
  return typeof window.matchMedia === "function" ? window.matchMedia(NARROW_QUERY) : null;
}

/** True below the breakpoint, and re-rendered when the window crosses it. */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const list = query();
      list?.addEventListener("change", changed);
      return () => list?.removeEventListener("change", changed);
    },
    () => query()?.matches ?? false,
  );
}
