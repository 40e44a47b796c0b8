// Share: a PDF report for a clinician (range, paper, notes, name, a live preview of page 1),
// exports (CSV, backup JSON, FHIR), and "Bring data in" (a backup or a dose spreadsheet,
// previewed before anything is imported).

import { showSaved } from "./saved-files";
import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { ApiError, ExportKind, Paper } from "./bindings";
import { importSvg } from "./chart-view";
import { clearFieldError, fieldError, h, replace, showFieldError } from "./dom";
import { createImportDialog } from "./import-dialog";
import { createSegmented } from "./segmented";
import { buildReportOptions, PAPERS, previewCaption, rangeForPlan, SHARE_RANGES, shareRange, shareRangeKey, type ShareRangeKey } from "./share";

/** What this module asks of the application. */
type Context = Pick<AppContext, "toast" | "diaryChanged">;

export type ShareScreen = { el: HTMLElement; dialog: HTMLDialogElement; load(): Promise<void> };

export const NOT_ENCRYPTED = "Exported files are not encrypted: keep them somewhere private.";

const PREVIEW_DELAY_MS = 300;

export function createShareScreen(app: Context): ShareScreen {
  const heading = h("h1", { id: "share-heading", tabindex: -1 }, "Share");

  // ---- report options ----
  let rangeKey: ShareRangeKey = "plan";
  let paper: Paper = "a4";
  const ranges = createSegmented("share-range", "Days in the report", SHARE_RANGES, rangeKey, (k) => {
    rangeKey = k;
    schedule();
  });
  const rangeError = fieldError("share-range-error");
  const papers = createSegmented("share-paper", "Paper size", PAPERS, paper, (k) => {
    paper = k;
    schedule();
  });
  const paperError = fieldError("share-paper-error");
  const notes = h("input", { id: "share-notes", type: "checkbox", class: "checkbox", "aria-describedby": "share-notes-help" });
  const includeName = h("input", { id: "share-include-name", type: "checkbox", class: "checkbox", "aria-controls": "share-name-field" });
  const name = h("input", { id: "share-name", type: "text", class: "input share-name", autocomplete: "name", spellcheck: "false" });
  const nameError = fieldError("share-name-error");
  const nameField = h(
    "div",
    { id: "share-name-field", class: "field share-name-field", hidden: true },
    h("label", { for: "share-name" }, "Name on the report"),
    name,
    nameError,
  );

  const savePdf = h("button", { id: "share-save-pdf", type: "button", class: "button primary" }, "Save PDF");

  // ---- preview ----
  const frame = h("div", { id: "share-preview", class: "report-page", "aria-busy": "true" }, h("p", { class: "chart-message muted" }, "Drawing page 1…"));
  const caption = h("p", { id: "share-preview-caption", class: "caption report-caption", "aria-live": "polite" });
  const previewError = h("p", { id: "share-preview-error", class: "form-error", role: "alert", hidden: true });
  // Characters no font in the report has: said before saving, as they would print as boxes.
  const boxesWarning = h("p", { id: "share-boxes-warning", class: "caption warning", role: "status", hidden: true });

  const reportCard = h(
    "section",
    { id: "share-report", class: "card", "aria-labelledby": "share-report-title" },
    h("h2", { id: "share-report-title" }, "Report for your clinician"),
    h(
      "div",
      { class: "share-layout" },
      h("div", { class: "field share-days" }, h("span", { class: "field-label", id: "share-range-label" }, "Days"), ranges.el, rangeError),
      h("div", { class: "field share-paper" }, h("span", { class: "field-label", id: "share-paper-label" }, "Paper size"), papers.el, paperError),
      h(
        "div",
        { class: "share-checks" },
        h("div", { class: "check" }, notes, h("label", { for: "share-notes" }, "Include notes")),
        h("p", { id: "share-notes-help", class: "caption check-help" }, "Notes stay private unless you include them."),
        h("div", { class: "check" }, includeName, h("label", { for: "share-include-name" }, "Include a name")),
        nameField,
      ),
      h("div", { class: "card-actions share-actions" }, savePdf),
      h("div", { class: "share-preview-col" }, frame, caption, boxesWarning, previewError),
    ),
  );
  ranges.el.setAttribute("aria-labelledby", "share-range-label");
  ranges.el.removeAttribute("aria-label");
  papers.el.setAttribute("aria-labelledby", "share-paper-label");
  papers.el.removeAttribute("aria-label");

  // ---- exports ----
  const exportButton = (kind: ExportKind, label: string) => {
    const b = h("button", { id: `share-export-${kind}`, type: "button", class: "button" }, label);
    b.addEventListener("click", () => void runExport(kind, b));
    return b;
  };
  const exportError = h("p", { id: "share-export-error", class: "form-error", role: "alert", hidden: true });
  const exportCard = h(
    "section",
    { id: "share-export", class: "card", "aria-labelledby": "share-export-title" },
    h("h2", { id: "share-export-title" }, "Export your data"),
    h(
      "p",
      { class: "caption" },
      "CSV (three files for a spreadsheet) and FHIR (for health record systems) cover the days chosen above. The backup always holds your whole diary. In CSV, a cell that starts like a formula (=, +, -, @) gets an apostrophe in front, so spreadsheets show it as text.",
    ),
    h(
      "div",
      { class: "card-actions" },
      exportButton("csv", "Export CSV"),
      exportButton("json", "Export backup (JSON)"),
      exportButton("fhir", "Export FHIR"),
    ),
    h("p", { id: "share-not-encrypted", class: "privacy-note" }, NOT_ENCRYPTED),
    exportError,
  );

  // ---- import ----
  const importDialog = createImportDialog(app);
  const importButton = h("button", { id: "share-import", type: "button", class: "button" }, "Import a backup or a spreadsheet…");
  const importError = h("p", { id: "share-import-error", class: "form-error", role: "alert", hidden: true });
  const importCard = h(
    "section",
    { id: "share-import-card", class: "card", "aria-labelledby": "share-import-title" },
    h("h2", { id: "share-import-title" }, "Bring data in"),
    h(
      "p",
      { class: "caption" },
      "From a Taper backup (JSON) or a spreadsheet of doses (CSV, with commas, semicolons or tabs between fields, and a decimal point or comma). You see what would be added first; nothing changes until you choose Import.",
    ),
    h("div", { class: "card-actions" }, importButton),
    importError,
  );

  const el = h(
    "section",
    { id: "screen-share", class: "screen", "aria-labelledby": "share-heading", hidden: true },
    h("header", { class: "screen-header" }, heading),
    reportCard,
    exportCard,
    importCard,
  );

  // ---- behaviour ----
  let defaultsLoaded = false;
  let timer: number | undefined;
  let seq = 0;

  function options() {
    return buildReportOptions({
      range: rangeKey,
      paper,
      includeNotes: notes.checked,
      includeName: includeName.checked,
      name: name.value,
    });
  }

  function clearErrors(): void {
    clearFieldError(ranges.el, rangeError);
    clearFieldError(papers.el, paperError);
    clearFieldError(name, nameError);
    previewError.hidden = true;
    previewError.textContent = "";
  }

  /** Shows a refusal under its field; true when it had one. */
  function showError(err: ApiError, focus: boolean): void {
    const byField: Record<string, [HTMLElement, HTMLElement]> = {
      name: [name, nameError],
      range: [ranges.el, rangeError],
      paper: [papers.el, paperError],
    };
    const f = err.field ? byField[err.field] : undefined;
    if (f && !(err.field === "name" && !includeName.checked)) {
      showFieldError(f[0], f[1], err.message);
      if (focus) (f[0] === ranges.el || f[0] === papers.el ? f[0].querySelector<HTMLElement>("[aria-checked=true]") : f[0])?.focus();
    } else {
      previewError.textContent = err.message;
      previewError.hidden = false;
    }
  }

  function schedule(): void {
    window.clearTimeout(timer);
    frame.classList.add("stale");
    timer = window.setTimeout(() => void preview(), PREVIEW_DELAY_MS);
  }

  async function preview(): Promise<void> {
    window.clearTimeout(timer);
    const mine = ++seq;
    frame.setAttribute("aria-busy", "true");
    try {
      const p = await api.reportPreview(options());
      if (mine !== seq) return;
      clearErrors();
      const text = previewCaption(p.pages, p.from, p.to);
      const svg = importSvg(p.page1_svg, `Page 1 of the report: ${text}`);
      if (svg) {
        svg.classList.remove("chart-svg");
        svg.classList.add("report-svg");
        replace(frame, svg);
      } else {
        replace(frame, h("p", { class: "chart-message error" }, "The preview could not be drawn. The PDF can still be saved."));
      }
      caption.textContent = text;
      boxesWarning.textContent = p.unprintable_warning ?? "";
      boxesWarning.hidden = !p.unprintable_warning;
      savePdf.disabled = false;
      frame.classList.remove("stale");
    } catch (e) {
      if (mine !== seq) return;
      clearErrors();
      showError(normaliseError(e), false);
      // The page shown is from earlier choices: keep it dimmed and say so.
      frame.classList.add("stale");
      caption.textContent = frame.querySelector("svg") ? "Not updated: see the message beside it." : "";
    } finally {
      if (mine === seq) frame.removeAttribute("aria-busy");
    }
  }

  notes.addEventListener("change", schedule);
  includeName.addEventListener("change", () => {
    nameField.hidden = !includeName.checked;
    if (includeName.checked) name.focus();
    schedule();
  });
  name.addEventListener("input", schedule);

  savePdf.addEventListener("click", async () => {
    savePdf.disabled = true;
    clearErrors();
    try {
      const path = await api.saveReport(options());
      if (path) showSaved(app.toast, [path]);
    } catch (e) {
      showError(normaliseError(e), true);
    } finally {
      savePdf.disabled = false;
    }
  });

  async function runExport(kind: ExportKind, button: HTMLButtonElement): Promise<void> {
    exportError.hidden = true;
    button.disabled = true;
    try {
      const files = await api.exportData(kind, shareRange(rangeKey));
      if (files) showSaved(app.toast, files);
    } catch (e) {
      exportError.textContent = normaliseError(e).message;
      exportError.hidden = false;
    } finally {
      button.disabled = false;
    }
  }

  importButton.addEventListener("click", async () => {
    importError.hidden = true;
    importButton.disabled = true;
    try {
      const p = await api.previewImport();
      if (p) importDialog.open(p, importButton);
    } catch (e) {
      importError.textContent = normaliseError(e).message;
      importError.hidden = false;
    } finally {
      importButton.disabled = false;
    }
  });

  async function load(): Promise<void> {
    if (!defaultsLoaded) {
      try {
        const d = await api.defaultReportOptions();
        rangeKey = shareRangeKey(d.range);
        paper = d.paper;
        ranges.set(rangeKey);
        papers.set(paper);
        notes.checked = d.include_notes;
        includeName.checked = d.name !== null;
        name.value = d.name ?? "";
        nameField.hidden = !includeName.checked;
        defaultsLoaded = true;
      } catch {
        // Keep the built-in defaults; the preview says what is wrong, if anything.
      }
    }
    // "This plan" is offered, and the default, only when there is a plan.
    const hasPlan = await api
      .currentPlan()
      .then((p) => p !== null)
      .catch(() => true);
    ranges.setHidden("plan", !hasPlan);
    const key = rangeForPlan(rangeKey, hasPlan);
    if (key !== rangeKey) {
      rangeKey = key;
      ranges.set(rangeKey);
    }
    await preview();
  }

  return { el, dialog: importDialog.el, load };
}
