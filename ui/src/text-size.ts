// Text size: everything in the window shown at 100-200 % through the webview's own zoom (the
// `setTextSize` command), so the layout sees a smaller window and its narrow rules apply. The
// size is a setting saved in the diary; the last one used is also kept in this window's local
// storage so it applies at once on the next start, before the diary (maybe locked) is read.

import { api } from "./api";

export const TEXT_SIZES = [100, 125, 150, 175, 200] as const;

const KEY = "taper.textSize";

/** Shows the window at `percent` (one of TEXT_SIZES); remembers it for the next start. */
export async function applyTextSize(percent: number): Promise<void> {
  if (!(TEXT_SIZES as readonly number[]).includes(percent)) return;
  try {
    localStorage.setItem(KEY, String(percent));
  } catch {
    // ignore
  }
  try {
    await api.setTextSize(percent);
  } catch {
    // The window keeps its size; nothing else depends on it.
  }
}

/** The last size used in this window (100 when none was). */
function cachedTextSize(): number {
  let v: string | null = null;
  try {
    v = localStorage.getItem(KEY);
  } catch {
    // ignore
  }
  const n = Number(v);
  return v !== null && (TEXT_SIZES as readonly number[]).includes(n) ? n : 100;
}

/** At start: the last size used in this window, before the settings arrive. */
export function applyCachedTextSize(): void {
  const n = cachedTextSize();
  if (n !== 100) void applyTextSize(n);
}

/**
 * Before the diary is open (first start, unlock, trouble): Ctrl+= / Ctrl+- / Ctrl+0 change the
 * size shown; it is saved with the settings once the diary is open and changed there.
 */
export function watchTextSizeKeysBeforeDiary(): void {
  document.addEventListener("keydown", (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented) return;
    const step = e.key === "=" || e.key === "+" ? 1 : e.key === "-" || e.key === "_" ? -1 : e.key === "0" ? 0 : null;
    if (step === null) return;
    e.preventDefault();
    void applyTextSize(step === 0 ? 100 : stepTextSize(cachedTextSize(), step));
  });
}

/** The next size up (+1) or down (-1) from `percent`, staying within the offered sizes. */
export function stepTextSize(percent: number, step: 1 | -1): number {
  const i = TEXT_SIZES.findIndex((s) => s >= percent);
  const at = i < 0 ? TEXT_SIZES.length - 1 : i;
  const exact = TEXT_SIZES[at] === percent;
  const next = step > 0 ? (exact ? at + 1 : at) : at - 1;
  return TEXT_SIZES[Math.max(0, Math.min(TEXT_SIZES.length - 1, next))];
}
