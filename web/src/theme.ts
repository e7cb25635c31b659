// Light, dark, or whatever the system says (the default). The choice is kept in localStorage
// (it outlives the session, unlike the language); <html data-theme> carries the resolved one,
// set by the inline script in index.html before the first paint and kept here afterwards.
import { useState } from "react";

export type ThemeChoice = "system" | "light" | "dark";
export const STORED_THEME = "pingvas.theme";
const DARK_QUERY = "(prefers-color-scheme: dark)";

export function storedTheme(): ThemeChoice {
  const stored = localStorage.getItem(STORED_THEME);
  return stored === "light" || stored === "dark" ? stored : "system";
}

export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === "dark"
    || (choice === "system" && typeof window.matchMedia === "function" && window.matchMedia(DARK_QUERY).matches);
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

/** While the choice is "system", the page follows the system's changes live. */
export function followSystemTheme(): void {
  window.matchMedia?.(DARK_QUERY).addEventListener("change", () => applyTheme(storedTheme()));
}

/** The choice, and a setter that applies and remembers it. */
export function useTheme(): [ThemeChoice, (next: ThemeChoice) => void] {
  const [choice, setChoice] = useState<ThemeChoice>(storedTheme);
  const choose = (next: ThemeChoice) => {
    if (next === "system") localStorage.removeItem(STORED_THEME);
    else localStorage.setItem(STORED_THEME, next);
    applyTheme(next);
    setChoice(next);
  };
  return [choice, choose];
}
