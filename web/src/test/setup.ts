import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";

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
