import "@testing-library/jest-dom/vitest";
import { cleanup, configure, fireEvent } from "@testing-library/react";
import { options } from "preact";
import { afterEach } from "vitest";

import { loadCatalogue } from "../i18n";

// findBy… waits for what a screen shows after its answers: on a loaded 2-core machine the
// default second is not always enough (a wait ends as soon as the element is there), nor
// for a lazy chunk (the viewer, the dialogs), transformed on its first import
configure({ asyncUtilTimeout: 5000 });

// Preact runs effects after the next frame (jsdom paints none: a 35 ms timer); React runs
// them soon after the commit: so here too, before a test looks at what they changed
options.requestAnimationFrame = queueMicrotask;

// a field typed in fires input (what Preact's onChange of a text field listens to), then change
// once left: fireEvent.change on one fires both, as React's onChange took either
const fireChange = fireEvent.change;
const typedIn = (node: Document | Node | Element | Window) =>
  node instanceof HTMLTextAreaElement || (node instanceof HTMLInputElement && !/^(checkbox|radio|file)$/.test(node.type));
fireEvent.change = (node, init) => {
  if (typedIn(node)) fireEvent.input(node, init);
  return fireChange(node, init);
};

// both languages' messages at hand, as main.tsx has the first one before the app renders
await Promise.all([loadCatalogue("en"), loadCatalogue("ko")]);

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
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
