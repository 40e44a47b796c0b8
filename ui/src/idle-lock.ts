// The app lock: after the chosen minutes without a key, click, scroll or pointer move, Taper
// locks (the backend closes the diary) and the page starts again on the lock screen, so
// nothing from the diary stays in the window.

import { api } from "./api";

/** Whether a lock is due: `minutes` null is "never". Times in milliseconds. */
export function lockDue(lastActivity: number, now: number, minutes: number | null): boolean {
  return minutes !== null && minutes > 0 && now - lastActivity >= minutes * 60_000;
}

/** Locks now: the window is emptied at once, then the page reloads onto the lock screen. */
export async function lockNow(): Promise<void> {
  const root = document.getElementById("app");
  for (const d of Array.from(document.querySelectorAll("dialog[open]"))) (d as HTMLDialogElement).close();
  root?.replaceChildren();
  try {
    await api.lockApp();
  } finally {
    window.location.reload();
  }
}

const ACTIVITY = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;
const CHECK_MS = 5_000;

/** Watches for use; `minutes()` is read at every check, so a settings change applies at once. */
export function watchIdle(minutes: () => number | null, clock: () => number = Date.now): void {
  let last = clock();
  const seen = () => {
    last = clock();
  };
  for (const type of ACTIVITY) document.addEventListener(type, seen, { passive: true, capture: true });
  const timer = window.setInterval(() => {
    if (lockDue(last, clock(), minutes())) {
      window.clearInterval(timer);
      void lockNow();
    }
  }, CHECK_MS);
}
