// Clinician entry: the COWS form, filled in by a clinician (pulse and pupils are measured).
// Kept apart from the self-report check-in; each item offers only the scores it allows.

import { api } from "./api";
import type { AppContext } from "./app-context";
import type { CheckIn, Instrument } from "./bindings";
import { itemsFromScores, scaleLine } from "./checkin-calc";
import { clearFieldError, fieldError, h, replace, showFieldError } from "./dom";
import { createFormDialog } from "./form-dialog";
import { entryTimeField, laterThanNow, STILL_TO_COME } from "./entry-time";
import { clearFormError, showFormError } from "./unsaved";
import { takenAtFromLocal } from "./time";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "heading" | "defaultTime" | "afterSave" | "diaryChanged" | "loadInstruments">;

export type CowsDialog = {
  el: HTMLDialogElement;
  openNew(day: string): Promise<void>;
  openEdit(c: CheckIn): Promise<void>;
};

export function createCowsDialog(app: Context): CowsDialog {
  const timeError = fieldError("cows-time-error");
  const when = entryTimeField(app, "cows-time", "Time of assessment", timeError);
  const time = when.input;
  const itemsBox = h("div", { id: "cows-items", class: "cows-items" });
  const itemsError = fieldError("cows-items-error");
  const total = h("p", { id: "cows-total", class: "total", "aria-live": "polite" });
  const citation = h("p", { id: "cows-citation", class: "caption citation" });

  const d = createFormDialog({
    name: "cows",
    changedElsewhere: () => app.diaryChanged(),
    title: "Clinician entry — COWS",
    size: "wide",
    body: [
      h(
        "p",
        { id: "cows-note", class: "notice clinician-note" },
        "For a clinician to fill in: the Clinical Opiate Withdrawal Scale is rated by a doctor or nurse (resting pulse, pupils). It is not a self-report form.",
      ),
      when.el,
      timeError,
      itemsBox,
      itemsError,
      citation,
    ],
    foot: [total],
    save: "Save COWS",
    fallbackFocus: () => document.getElementById("cows-entry")?.focus(),
  });

  let cows: Instrument | null = null;
  const scores = new Map<string, number>();
  let editing: CheckIn | null = null;

  const keys = () => (cows ? cows.items.map((i) => i.key) : []);

  function build(inst: Instrument): void {
    cows = inst;
    citation.textContent = inst.citation ? `Source: ${inst.citation}` : "";
    replace(
      itemsBox,
      ...inst.items.map((item) => {
        const labelId = `cows-label-${item.key}`;
        const group = h("div", { class: "scores-list", role: "radiogroup", "aria-labelledby": labelId });
        item.allowed.forEach((score, i) => {
          group.appendChild(
            h(
              "button",
              { type: "button", class: "score-option score", role: "radio", "aria-checked": "false", "data-score": score },
              h("span", { class: "score-digit" }, score),
              h("span", { class: "score-desc" }, item.anchors[i] ?? ""),
            ),
          );
        });
        return h(
          "div",
          { class: "cows-item", "data-key": item.key },
          h("h3", { class: "cows-label", id: labelId }, item.label),
          item.hint ? h("p", { class: "caption" }, item.hint) : null,
          group,
        );
      }),
    );
  }

  function render(): void {
    itemsBox.querySelectorAll<HTMLElement>(".cows-item").forEach((row) => {
      const current = scores.get(row.dataset.key ?? "");
      row.querySelectorAll<HTMLButtonElement>("button.score").forEach((b) => {
        b.setAttribute("aria-checked", String(Number(b.dataset.score) === current));
      });
    });
    total.textContent = cows ? scaleLine(cows, itemsFromScores(keys(), scores)) : "";
  }

  itemsBox.addEventListener("click", (e) => {
    const b = e.target instanceof HTMLElement ? e.target.closest<HTMLButtonElement>("button.score") : null;
    const row = b?.closest<HTMLElement>(".cows-item");
    if (!b || !row) return;
    const key = row.dataset.key ?? "";
    const sc = Number(b.dataset.score);
    if (scores.get(key) === sc) scores.delete(key);
    else scores.set(key, sc);
    clearFieldError(null, itemsError);
    render();
  });

  d.form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (d.busy) return;
    clearFieldError(time, timeError);
    clearFieldError(null, itemsError);
    clearFormError(d.saving);
    const local = when.value();
    const takenAt = local ? takenAtFromLocal(local) : null;
    if (!takenAt) {
      showFieldError(time, timeError, "Enter the date and time of the assessment.");
      time.focus();
      return;
    }
    if (local && laterThanNow(local)) {
      showFieldError(time, timeError, STILL_TO_COME);
      time.focus();
      return;
    }
    const input = {
      taken_at: takenAt,
      items: itemsFromScores(keys(), scores),
      craving: null,
      sleep_hours: null,
      sleep_quality: null,
      mood: null,
      note: null,
    };
    void d.saveAndClose(
      () => (editing ? api.updateCheckin(editing.id, input, editing.version) : api.addCheckin(input)),
      (c) => app.afterSave(c.day),
      (err) => {
        if (err.field === "taken_at") showFieldError(time, timeError, err.message);
        else if (err.field === "items") showFieldError(null, itemsError, err.message);
        else showFormError(d.saving, err);
      },
    );
  });

  async function open(c: CheckIn | null, day: string): Promise<void> {
    const inst = (await app.loadInstruments()).find((i) => i.key === "cows");
    if (!inst) return;
    if (inst !== cows) build(inst);
    editing = c;
    scores.clear();
    for (const it of c?.items ?? []) scores.set(it.key, it.score);
    when.set(c ? c.local_time.slice(0, 16) : app.defaultTime(day));
    clearFieldError(time, timeError);
    clearFormError(d.saving);
    clearFieldError(null, itemsError);
    render();
    d.show(null);
    time.focus();
    d.body.scrollTo({ top: 0 });
  }

  return { el: d.el, openNew: (day) => open(null, day), openEdit: (c) => open(c, c.day) };
}
