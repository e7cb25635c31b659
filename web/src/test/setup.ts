import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

import { loadCatalogue } from "../i18n";

// findBy… waits for what a screen shows after its answers: on a loaded 2-core machine the
// default second is not always enough (a wait ends as soon as the element is there), nor
// for a lazy chunk (the viewer, the dialogs), transformed on its first import
configure({ asyncUtilTimeout: 5000 });

// both languages' messages at hand, as main.tsx has the first one before the app renders
await Promise.all([loadCatalogue("en"), loadCatalogue("ko")]);

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

// jsdom lays nothing out: the gallery's scroller (the virtualizer measures it with
// clientWidth/clientHeight) gets a desktop-sized viewport, other elements stay at zero.
for (const [property, size] of [["clientWidth", 1000], ["clientHeight", 800]] as const) {
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      return this.dataset.testid === "gallery-scroller" ? size : 0;
    },
  });
}

// jsdom has no pointer capture: Radix's toast (swipe to dismiss) asks for it on every click
Element.prototype.hasPointerCapture ??= () => false;
Element.prototype.setPointerCapture ??= () => undefined;
Element.prototype.releasePointerCapture ??= () => undefined;
