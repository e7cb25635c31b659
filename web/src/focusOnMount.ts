/** A ref that focuses its element as it is first drawn, as React's autoFocus did: Preact only
 * writes the autofocus attribute, which a browser honours on page load, not on an element
 * added later. One function for all: a ref that stays the same is not called again on a
 * re-render, so the focus is not taken back from where the user has moved it. */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
