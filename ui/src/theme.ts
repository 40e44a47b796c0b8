// Theme: "system" follows prefers-color-scheme; "light"/"dark" set data-theme on <html>.

import type { Theme } from "./bindings";

const KEY = "taper.theme";

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === "light" || theme === "dark") root.setAttribute("data-theme", theme);
  else root.removeAttribute("data-theme");
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
