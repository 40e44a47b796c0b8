// What a file would bring in, shown before anything is imported: a backup's counts (and, for a
// diary that already has entries, the choice Merge or Replace), or a dose spreadsheet's column
// mapping, good rows and every bad row. "Import" imports; Cancel leaves the diary as it was.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { DeletedMatch, ImportMode, ImportOutcome, ImportPreview, ImportSummary } from "./bindings";
import { clearFieldError, fieldError, h, replace, showFieldError } from "./dom";
import { createFormDialog } from "./form-dialog";
import { plural } from "./format";
import { addedParts, backupOtherLines, backupOutcomeText, backupPreviewText, doseOutcomeText, doseRowsText, fieldWords, largeDosesText, moreBadText, readAsText } from "./share";

/** What this module asks of the application. */
type Context = Pick<AppContext, "toast" | "diaryChanged">;

export type ImportDialog = { el: HTMLDialogElement; open(preview: ImportPreview, opener: HTMLElement | null): void };

/** The last part of a path, for showing which file this is. */
function fileName(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i >= 0 ? path.slice(i + 1) : path;
}

/**
 * Whether merging the backup would change nothing: nothing added or updated, and no row matching
 * an entry deleted here (which the person may want back). Then the dialog offers only Close.
 */
export function backupAddsNothing(s: ImportSummary): boolean {
  return addedParts(s).length === 0 && s.added_plan_versions === 0 && s.updated === 0 && s.matched_deleted.length === 0;
}

export function createImportDialog(app: Context): ImportDialog {
  /** Brings back the deleted entries an import's rows matched (the toast's action). */
  async function bringBack(entries: DeletedMatch[]): Promise<void> {
    try {
      for (const e of entries) {
        if (e.entry === "dose") await api.restoreDose(e.id);
        else if (e.entry === "checkin") await api.restoreCheckin(e.id);
        else await api.restoreMedicine(e.id);
      }
      app.toast.show(entries.length === 1 ? "Brought back 1 entry." : `Brought back ${entries.length} entries.`);
    } catch (err) {
      app.toast.show(normaliseError(err).message);
    }
    await app.diaryChanged();
  }

  const file = h("p", { id: "import-file", class: "caption selectable" });
  const body = h("div", { id: "import-body", class: "dialog-body" });
  let current: ImportPreview | null = null;
  const d = createFormDialog({
    name: "import",
    title: "Import",
    size: "wide",
    head: [file],
    body,
    ids: { error: "import-error", save: "import-confirm" },
    save: "Import",
    holdWhileBusy: true,
    onClose: () => {
      current = null;
    },
  });
  const { form, title, save: submit, cancel } = d;

  let modeGroup: HTMLElement | null = null;
  let modeError: HTMLElement | null = null;

  function chosenMode(): ImportMode | null {
    const r = form.querySelector<HTMLInputElement>("input[name=import-mode]:checked");
    return r ? (r.value as ImportMode) : null;
  }

  function modeChoice(): HTMLElement {
    const radio = (mode: ImportMode, label: string, help: string) =>
      h(
        "div",
        { class: "mode-option" },
        h(
          "div",
          { class: "check" },
          h("input", { id: `import-mode-${mode}`, type: "radio", name: "import-mode", value: mode, class: "radio", required: true, "aria-describedby": `import-mode-${mode}-help` }),
          h("label", { for: `import-mode-${mode}` }, label),
        ),
        h("p", { id: `import-mode-${mode}-help`, class: "caption check-help" }, help),
      );
    modeError = fieldError("import-mode-error");
    modeGroup = h(
      "fieldset",
      { id: "import-mode", class: "group", "aria-required": "true" },
      h("legend", {}, "Your diary already has entries. How should the backup go in?"),
      radio(
        "merge",
        "Merge: add what is new, keep the latest of each entry",
        "New entries are added. An entry in both keeps its most recent change (an edit or a deletion), wherever it was made.",
      ),
      radio(
        "replace",
        "Replace: your diary becomes the backup's contents",
        "This removes the entries in your diary that are not in the backup, entries changed here go back to the backup's version, and your settings become the backup's. Taper first makes a backup of your diary as it is now (listed in Settings, under Backups), so you can go back.",
      ),
      modeError,
    );
    const sync = () => {
      if (modeError && chosenMode()) clearFieldError(modeGroup, modeError);
      submit.textContent = chosenMode() === "replace" ? "Back up, then replace" : "Import";
    };
    for (const type of ["change", "input", "click"]) modeGroup.addEventListener(type, sync);
    return modeGroup;
  }

  /** Only Close: nothing would change, so there is nothing to choose or confirm. */
  function offerOnlyClose(): void {
    submit.hidden = true;
    cancel.textContent = "Close";
  }

  function showBackup(p: Extract<ImportPreview, { kind: "backup" }>): void {
    title.textContent = "Import a backup";
    const other = backupOtherLines(p.summary, true);
    if (p.needs_choice && backupAddsNothing(p.summary)) {
      replace(
        body,
        h("p", { id: "import-summary", class: "import-summary" }, backupPreviewText(p.summary)),
        other.length ? h("p", { id: "import-duplicates" }, other.join(" ")) : null,
        h("p", { id: "import-nothing", class: "caption" }, "There is nothing to import: your diary stays as it is."),
      );
      offerOnlyClose();
      return;
    }
    replace(
      body,
      h("p", { id: "import-summary", class: "import-summary" }, backupPreviewText(p.summary)),
      other.length ? h("p", { id: "import-duplicates" }, other.join(" ")) : null,
      p.summary.settings_imported ? h("p", { class: "caption" }, "Your settings in the backup come with it.") : null,
      p.needs_choice ? modeChoice() : h("p", { class: "caption" }, "Your diary is empty, so the backup becomes your diary."),
    );
    submit.disabled = false;
  }

  function showCsv(p: Extract<ImportPreview, { kind: "dose_csv" }>): void {
    title.textContent = "Import doses from a spreadsheet";
    const d = p.preview;
    const mapping = h(
      "table",
      { id: "import-mapping", class: "schedule mapping" },
      h("caption", { class: "visually-hidden" }, "How the columns of the file are read"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Column in the file"), h("th", { scope: "col" }, "Imported as"))),
      h(
        "tbody",
        {},
        ...d.mapping.map((m) =>
          h("tr", { class: m.field ? null : "unused" }, h("td", {}, m.column || "(no name)"), h("td", {}, fieldWords(m.field))),
        ),
      ),
    );
    // The first 100 bad rows are listed; the rest are counted.
    const more = moreBadText(d.more_bad);
    const bad = d.bad.length
      ? h(
          "section",
          { class: "import-part bad-rows", "aria-labelledby": "import-bad-title" },
          h("h3", { id: "import-bad-title", class: "subhead" }, `${plural(d.bad.length + d.more_bad, "row", "rows")} will be left out`),
          h(
            "ul",
            { id: "import-bad", class: "bad-list", tabindex: 0, "aria-labelledby": "import-bad-title" },
            ...d.bad.map((b) => h("li", { class: "bad-row", "data-line": b.line }, h("span", { class: "bad-line" }, `Line ${b.line}`), h("span", { class: "bad-reason" }, b.reason))),
          ),
          more ? h("p", { id: "import-bad-more", class: "caption" }, `${more}, not listed.`) : null,
        )
      : null;
    replace(
      body,
      h("p", { id: "import-summary", class: "import-summary" }, doseRowsText(d.rows.length, d.total_g)),
      d.large_lines.length ? h("p", { id: "import-large", class: "privacy-note" }, largeDosesText(d.large_lines)) : null,
      h("p", { id: "import-read-as", class: "caption" }, readAsText(d.delimiter, d.delimiter_from_sep_line, d.decimal_mark)),
      h(
        "section",
        { class: "import-part", "aria-labelledby": "import-columns-title" },
        h("h3", { id: "import-columns-title", class: "subhead" }, "Columns"),
        h("div", { class: "schedule-scroll mapping-scroll" }, mapping),
      ),
      bad,
      h(
        "p",
        { class: "caption" },
        "Doses already in your diary are left out, so importing the same file twice adds nothing; two identical rows in the file are two doses.",
      ),
    );
    submit.disabled = d.rows.length === 0;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (d.busy || !current || submit.hidden) return;
    d.formError.hidden = true;
    let mode: ImportMode | null = null;
    if (current.kind === "backup" && current.needs_choice) {
      mode = chosenMode();
      if (!mode) {
        if (modeGroup && modeError) showFieldError(modeGroup, modeError, "Choose Merge or Replace.");
        form.querySelector<HTMLInputElement>("#import-mode-merge")?.focus();
        return;
      }
    }
    const p = current;
    // A replace keeps a "before restore" backup of the diary first (the core does, and says so).
    const send = () => api.importFile(p.id, mode);
    const imported = async (outcome: ImportOutcome) => {
      const text = outcome.kind === "backup" ? backupOutcomeText(outcome.summary) : doseOutcomeText(outcome.summary);
      const deleted = outcome.kind === "backup" ? outcome.summary.matched_deleted : [];
      if (deleted.length > 0) {
        app.toast.show(text, () => bringBack(deleted), deleted.length === 1 ? "Bring it back" : "Bring them back");
      } else {
        app.toast.show(text);
      }
      await app.diaryChanged();
    };
    await d.saveAndClose(send, imported, (err) => d.showMessage(err.message));
  });

  return {
    el: d.el,
    open(preview, from) {
      d.rememberOpener(from);
      current = preview;
      d.formError.hidden = true;
      modeGroup = null;
      modeError = null;
      submit.textContent = "Import";
      submit.hidden = false;
      cancel.textContent = "Cancel";
      file.textContent = `From ${fileName(preview.path)}`;
      if (preview.kind === "backup") showBackup(preview);
      else showCsv(preview);
      d.showModal();
      body.scrollTop = 0;
      const first = form.querySelector<HTMLElement>("#import-mode-merge");
      (first ?? (submit.disabled || submit.hidden ? cancel : submit)).focus();
    },
  };
}
