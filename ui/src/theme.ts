// Theme: "system" follows prefers-color-scheme; "light"/"dark" set data-theme on <html>.

import type { Theme } from "./bindings";

const KEY = "taper.theme";

const CHANGED = "taper-theme-changed";

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  const before = effectiveTheme();
  if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  else root.removeAttribute("data-theme");
  if (effectiveTheme() !== before) window.dispatchEvent(new Event(CHANGED));
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // ignore
  }
}

/** Apply the last known theme at once, before the settings arrive (avoids a flash). */
export function applyCachedTheme(): void {
  let t: string | null = null;
  try {
    t = localStorage.getItem(KEY);
  } catch {
    // ignore
  }
  if (t === "light" || t === "dark" || t === "system") applyTheme(t);
}

/** The theme actually shown: the override, else the system's. */
export function effectiveTheme(): "light" | "dark" {
  const t = document.documentElement.getAttribute("data-theme");
  if (t === "light" || t === "dark") return t;
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Calls `fn` whenever the shown theme changes (Settings or the system setting). */
export function onThemeChange(fn: () => void): void {
  window.addEventListener(CHANGED, fn);
  window.matchMedia?.("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (!document.documentElement.hasAttribute("data-theme")) fn();
  });
}
