import { fireEvent } from "@testing-library/react";

/** jsdom has no PointerEvent: a mouse event with a pointer's fields (`pointerType` above
 * all), fired at `target`. What it returns is fireEvent's: false when a handler prevented it. */
export function firePointer(target: Element, type: string,
                            { pointerType = "touch", clientX = 0, clientY = 0, timeStamp }: {
                              pointerType?: string; clientX?: number; clientY?: number; timeStamp?: number;
                            } = {}): boolean {
  const event = new MouseEvent(type, { bubbles: true, cancelable: true, clientX, clientY });
  const fields = { pointerType, isPrimary: true, pointerId: 1, ...(timeStamp === undefined ? {} : { timeStamp }) };
  for (const [key, value] of Object.entries(fields)) Object.defineProperty(event, key, { value });
  return fireEvent(target, event);
}
