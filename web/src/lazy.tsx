import { type ComponentType, lazy, Suspense } from "react";

import { loadAllMessages } from "./i18n";

const RELOADED_AT = "pingvas.reloadedForChunk";

/** A chunk that does not come (after a deploy, the old build's files are gone) reloads the
 * page once, which gets the new build; a second failure within a minute is an error. */
function reloadOnce(): boolean {
  const last = Number(sessionStorage.getItem(RELOADED_AT) ?? 0);
  if (Date.now() - last < 60_000) return false;
  sessionStorage.setItem(RELOADED_AT, String(Date.now()));
  window.location.reload();
  return true;
}

/** A component in a chunk of its own, fetched with the rest of the messages when it is first rendered (what the first
 * screen does not show: the viewer, dialogs, workspaces' pages); until it is here, nothing
 * shows in its place and the rest of the page stays as it is. */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  // the messages the first screen does not name come with it (plugins/catalogues.ts)
  const Loaded = lazy(() => Promise.all([load(), loadAllMessages()]).then(
    ([component]) => ({ default: component }),
    (error: unknown) => {
      if (reloadOnce()) return new Promise<never>(() => undefined); // the page is going
      throw error;
    },
  ));
  return function Lazy(props: P) {
    return <Suspense><Loaded {...props} /></Suspense>;
  };
}
