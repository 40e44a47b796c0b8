// The full-window screen shown when the diary cannot be opened: what is wrong, in words, and
// the ways out — try again, start again from a backup (the file that failed is kept aside,
// unchanged), or open another diary file. Nothing here changes the file that failed.

import { api, GATE_CODES, normaliseError } from "./api";
import type { ApiError, BackupInfo, Trouble } from "./bindings";
import { h, replace } from "./dom";
import { backupDetails, localDateTime } from "./share";

/** A message for the next start of the page (after a way out worked, the page reloads). */
export const NOTICE_KEY = "taper.notice";

/** `known`: the trouble as the backend described it (else it is asked for). */
export function showTrouble(err: ApiError, known?: Trouble): void {
  const root = document.getElementById("app");
  if (!root) return;
  const status = h("p", { id: "trouble-status", class: "form-error", role: "alert", hidden: true });
  const retry = h("button", { id: "trouble-retry", type: "button", class: "button primary" }, "Try again");
  const other = h("button", { id: "trouble-open-other", type: "button", class: "button" }, "Open another diary file…");
  const file = h("p", { id: "trouble-file", class: "path", hidden: true });
  const restore = h("section", { id: "trouble-backups", class: "trouble-backups", "aria-labelledby": "trouble-backups-title", hidden: true });
  const fresh = h("button", { id: "trouble-start-new", type: "button", class: "button", hidden: true }, "Start a new, empty diary");
  const buttons = [retry, other, fresh];

  const card = h(
    "div",
    { class: "fatal-card" },
    h("h1", { id: "fatal-title" }, "Taper can't open your diary right now"),
    h("p", { id: "fatal-message", class: "fatal-message" }, err.message),
    file,
    h("p", { id: "trouble-untouched" }, "Taper has not changed, repaired or deleted that file, whatever you choose below."),
    h("div", { class: "actions trouble-actions" }, retry, other, fresh),
    status,
    restore,
    h(
      "p",
      { class: "caption" },
      "If you need support now: call 988 (Suicide and Crisis Lifeline, United States) or the SAMHSA National Helpline 1-800-662-4357.",
    ),
  );
  const box = h("section", { id: "fatal-error", class: "fatal", role: "alert", "aria-labelledby": "fatal-title" }, card);
  for (const d of Array.from(document.querySelectorAll("dialog[open]"))) (d as HTMLDialogElement).close();
  replace(root, box);

  /** Runs one way out; on success the page starts again with the diary open. */
  /** `work` answers a message for the diary's next start, or null when the person cancelled. */
  async function attempt(work: () => Promise<string | null>): Promise<void> {
    for (const b of buttons) b.disabled = true;
    status.hidden = true;
    try {
      const notice = await work();
      if (notice === null) return;
      if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
      window.location.reload();
    } catch (e) {
      const err = normaliseError(e);
      // The diary needs its passphrase (an encrypted one): the page starts on the lock screen.
      if (GATE_CODES.has(err.code)) window.location.reload();
      status.textContent = err.message;
      status.hidden = false;
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  }

  retry.addEventListener("click", () => void attempt(async () => (await api.retryOpen(), "")));
  other.addEventListener("click", () =>
    void attempt(async () => {
      const path = await api.openOtherDiary();
      return path === null ? null : `Opened ${path} for this session.`;
    }),
  );

  fresh.addEventListener("click", () => void attempt(async () => (await api.startNewDiary(), "")));

  function backupRow(b: BackupInfo): HTMLLIElement {
    const when = localDateTime(b.created_at);
    const btn = h("button", { type: "button", class: "button small trouble-restore", "aria-label": `Start again from the backup of ${when}` }, "Use this backup");
    buttons.push(btn);
    btn.addEventListener("click", () =>
      void attempt(async () => {
        const done = await api.restoreFromTrouble(b.file_name);
        return done.set_aside
          ? `Your diary is back as it was on ${when}. The file that could not be opened is kept, unchanged, at ${done.set_aside}.`
          : `Your diary is back as it was on ${when}.`;
      }),
    );
    return h(
      "li",
      { class: "backup-row", "data-file": b.file_name },
      h("div", { class: "backup-main" }, h("span", { class: "backup-when" }, when), h("span", { class: "backup-details caption" }, backupDetails(b))),
      btn,
    );
  }

  function showWaysOut(t: Trouble): void {
    file.textContent = `The diary file: ${t.db_path}`;
    // The path once: not again when the message already names it.
    file.hidden = t.db_path === "" || err.message.includes(t.db_path);
    fresh.hidden = !t.can_start_new;
    if (t.can_start_new) {
      // The diary file is not there: nothing to keep aside, and nothing to try again.
      const title = document.getElementById("fatal-title");
      if (title) title.textContent = "Your diary file is missing";
      const untouched = document.getElementById("trouble-untouched");
      if (untouched) untouched.hidden = true;
      file.hidden = true;
      retry.hidden = true;
    }
    if (!t.can_restore) return;
    restore.hidden = false;
    if (t.backups.length === 0) {
      // No heading offering what is not there: one plain line.
      restore.removeAttribute("aria-labelledby");
      replace(restore, h("p", { id: "trouble-no-backups", class: "muted" }, "There are no backups of this diary on this computer to start again from."));
      return;
    }
    const list = t.backups.map(backupRow);
    restore.setAttribute("aria-labelledby", "trouble-backups-title");
    replace(
      restore,
      h("h2", { id: "trouble-backups-title" }, "Start again from a backup"),
      h(
        "p",
        {},
        t.can_start_new
          ? "Taper puts a copy of the backup where your diary belongs. Entries made after the backup are not in it."
          : "Taper puts the backup in your diary's place and keeps the file that could not be opened beside it, renamed, exactly as it is. Entries made after the backup are not in it.",
      ),
      h("ul", { id: "trouble-backup-list", class: "rows backup-list", "aria-label": "Backups, newest first" }, ...list),
    );
  }

  if (known) showWaysOut(known);
  else
    api
      .opening()
      .then((o) => {
        if (o.state === "trouble") showWaysOut(o.trouble);
      })
      .catch(() => {
        // The ways out that need no list (Try again, Open another file) are still there.
      });
  if (!retry.hidden) retry.focus();
  else (document.querySelector<HTMLButtonElement>(".trouble-restore") ?? fresh).focus();
}
