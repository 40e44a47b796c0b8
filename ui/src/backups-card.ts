// Settings → Backups: the list of backups, "Back up now", and "Restore…" with its dialog.

import { showSaved } from "./saved-files";
import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { BackupInfo } from "./bindings";
import { h, replace } from "./dom";
import { createFormDialog } from "./form-dialog";
import type { SettingsCard } from "./settings-card";
import { backupDetails, backupKindWords, localDateTime, sizeText } from "./share";

type Context = Pick<AppContext, "toast" | "diaryChanged">;

export function createBackupsCard(app: Context): SettingsCard {
  const backUpNow = h("button", { id: "backup-now", type: "button", class: "button" }, "Back up now");
  const backupList = h("ul", { id: "backup-list", class: "rows backup-list", "aria-label": "Backups, newest first" });
  const backupNone = h("p", { id: "backup-none", class: "muted", hidden: true }, "No backups yet. Taper makes one automatically from time to time; you can make one now.");
  const backupError = h("p", { id: "backup-error", class: "form-error", role: "alert", hidden: true });
  const restore = createRestoreDialog(app, (before) => {
    void loadBackups().then(() => {
      backupList.querySelector<HTMLElement>(`li[data-file="${CSS.escape(before.file_name)}"] .backup-restore`)?.focus();
    });
  });

  const el = h(
    "section",
    { id: "settings-backups", class: "card", "aria-labelledby": "settings-backups-title" },
    h("div", { class: "card-head" }, h("h2", { id: "settings-backups-title" }, "Backups"), backUpNow),
    h(
      "p",
      { class: "caption" },
      "Copies of your diary, kept in its folder on this computer. Restoring one replaces your diary; the diary as it is then is kept as a backup first.",
    ),
    backupError,
    backupList,
    backupNone,
  );


  function backupRow(b: BackupInfo): HTMLLIElement {
    const when = localDateTime(b.created_at);
    const button = h(
      "button",
      { type: "button", class: "button small backup-restore", "aria-label": `Restore the backup from ${when}` },
      "Restore…",
    );
    button.addEventListener("click", () => restore.open(b, button));
    return h(
      "li",
      { class: "backup-row", "data-file": b.file_name, "data-kind": b.kind },
      h("div", { class: "backup-main" }, h("span", { class: "backup-when" }, when), h("span", { class: "backup-details caption" }, backupDetails(b))),
      h("div", { class: "row-actions" }, button),
    );
  }

  let backupSeq = 0;
  async function loadBackups(): Promise<void> {
    const mine = ++backupSeq;
    try {
      const list = await api.listBackups();
      if (mine !== backupSeq) return;
      replace(backupList, ...list.map(backupRow));
      backupList.hidden = list.length === 0;
      backupNone.hidden = list.length > 0;
      backupError.hidden = true;
    } catch (e) {
      if (mine !== backupSeq) return;
      backupError.textContent = normaliseError(e).message;
      backupError.hidden = false;
    }
  }

  backUpNow.addEventListener("click", async () => {
    backUpNow.disabled = true;
    backupError.hidden = true;
    try {
      const b = await api.backUpNow();
      showSaved(app.toast, [b.path], `Backed up: ${b.file_name} (${sizeText(b.size_bytes)})`);
      await loadBackups();
    } catch (e) {
      backupError.textContent = normaliseError(e).message;
      backupError.hidden = false;
    } finally {
      backUpNow.disabled = false;
    }
  });

  return {
    el,
    fields: {},
    dialogs: [restore.el],
    render() {
      void loadBackups();
    },
  };
}

/** "Restore…": says what happens, keeps the diary as it is as a backup first, reloads everything. */
function createRestoreDialog(app: Context, onDone: (before: BackupInfo) => void) {
  const text = h("p", { id: "restore-text" });
  const safe = h(
    "p",
    { id: "restore-safe" },
    "Nothing is lost: Taper first keeps your diary as it is now as a backup (“Before a restore”), so you can restore it again later.",
  );
  let current: BackupInfo | null = null;
  const d = createFormDialog({
    name: "restore",
    title: "Restore this backup?",
    size: "narrow",
    describedBy: "restore-text restore-safe",
    body: [text, safe],
    ids: { error: "restore-error", save: "restore-confirm" },
    save: "Restore",
    holdWhileBusy: true,
    onClose: () => {
      current = null;
    },
  });

  d.form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (d.busy || !current) return;
    const b = current;
    await d.whileBusy(async () => {
      d.formError.hidden = true;
      try {
        const before = await api.restoreBackup(b.file_name);
        // The list is drawn again: focus goes to the backup kept before the restore (onDone).
        d.close(false);
        app.toast.show(`Restored the backup from ${localDateTime(b.created_at)}. Your diary as it was is kept as a backup.`);
        await app.diaryChanged();
        onDone(before);
      } catch (err) {
        d.showMessage(normaliseError(err).message);
      }
    });
  });

  return {
    el: d.el,
    open(b: BackupInfo, from: HTMLElement) {
      current = b;
      d.rememberOpener(from);
      d.formError.hidden = true;
      text.textContent = `Your diary will become the backup from ${localDateTime(b.created_at)} (${backupKindWords(b.kind).toLowerCase()}, ${sizeText(b.size_bytes)}). Anything entered after it was made is not in it.`;
      d.showModal();
      d.cancel.focus();
    },
  };
}
