// The check-in dialog: one row of five score buttons per symptom, craving, sleep, mood, note.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { ApiError, CheckIn, CheckInInput, CheckinChoice, Instrument, Symptom } from "./bindings";
import { computeTotals, itemsFromScores, scaleLine, totalLine } from "./checkin-calc";
import { clearFieldError, fieldError, h, replace, showFieldError, submitForm } from "./dom";
import { countsFor, createFormDialog, field, fieldErrors, optional } from "./form-dialog";
import { clearFormError, showFormError } from "./unsaved";
import { MOOD_WORDS, SEVERITY_WORDS, SLEEP_QUALITY_WORDS } from "./format";
import { takenAtFromLocal } from "./time";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "heading" | "defaultTime" | "afterSave" | "diaryChanged" | "loadSymptoms" | "loadInstruments">;

export type CheckinDialog = {
  el: HTMLDialogElement;
  openNew(day: string): Promise<void>;
  openEdit(c: CheckIn): Promise<void>;
};

type FieldKey = "taken_at" | "craving" | "sleep_hours" | "sleep_quality" | "mood" | "note" | "items";

export function createCheckinDialog(app: Context): CheckinDialog {
  const time = h("input", { id: "checkin-time", type: "datetime-local", class: "input", step: 60 });
  const timeDay = h("p", { id: "checkin-time-day", class: "caption" });
  const timeError = fieldError("checkin-time-error");

  const rowsBox = h("div", { id: "checkin-symptoms", class: "symptoms" });
  const itemsError = fieldError("checkin-items-error");
  const sowsBox = h("div", { id: "checkin-sows", class: "symptoms" });
  const sowsTotal = h("p", { id: "sows-total", class: "total", "aria-live": "polite" });
  const sowsCitation = h("p", { id: "sows-citation", class: "caption citation" });
  const sowsNote = h("p", { class: "caption" });

  // craving: untouched = null
  const craving = h("input", {
    id: "checkin-craving",
    type: "range",
    min: 0,
    max: 10,
    step: 1,
    class: "range unset",
    "aria-describedby": "checkin-craving-value",
  });
  const cravingValue = h("output", { id: "checkin-craving-value", for: "checkin-craving", class: "range-value" });
  const cravingClear = h("button", { id: "checkin-craving-clear", type: "button", class: "button small subtle" }, "Clear");
  const cravingError = fieldError("checkin-craving-error");

  const sleepHours = h("input", {
    id: "checkin-sleep-hours",
    type: "number",
    class: "input number-input",
    min: 0,
    max: 24,
    step: 0.5,
    inputmode: "decimal",
  });
  const sleepHoursError = fieldError("checkin-sleep-hours-error");
  const sleepQuality = h(
    "select",
    { id: "checkin-sleep-quality", class: "input" },
    h("option", { value: "" }, "—"),
    ...SLEEP_QUALITY_WORDS.map((w, i) => h("option", { value: i }, w)),
  );
  const sleepQualityError = fieldError("checkin-sleep-quality-error");
  const mood = h(
    "select",
    { id: "checkin-mood", class: "input" },
    h("option", { value: "" }, "—"),
    ...MOOD_WORDS.map((w, i) => h("option", { value: i }, w)),
  );
  const moodError = fieldError("checkin-mood-error");
  const note = h("textarea", { id: "checkin-note", class: "input", rows: 2 });
  const noteError = fieldError("checkin-note-error");

  const total = h("p", { id: "checkin-total", class: "total", "aria-live": "polite" });
  const d = createFormDialog({
    name: "checkin",
    changedElsewhere: () => app.diaryChanged(),
    title: "Check in",
    size: "wide",
    body: [
      field("Time", time, timeDay, timeError),
      h(
        "fieldset",
        { id: "checkin-kratom-group", class: "group" },
        h("legend", {}, "Symptoms"),
        h(
          "p",
          { class: "caption" },
          "Rate each one from 0 (none) to 4 (extreme). Tap a rating again to clear it. Keys 0–4 rate the row you are on and move down.",
        ),
        rowsBox,
        h("p", { class: "caption" }, "Kratom symptom checklist: a list of common withdrawal symptoms, not a scored clinical scale."),
      ),
      h(
        "fieldset",
        { id: "checkin-sows-group", class: "group" },
        h("legend", {}, "SOWS: Subjective Opiate Withdrawal Scale"),
        sowsNote,
        sowsBox,
        sowsCitation,
      ),
      itemsError,
      h(
        "div",
        { class: "field" },
        h("label", { for: "checkin-craving" }, "Craving"),
        h(
          "div",
          { class: "range-row" },
          h("span", { class: "caption range-end" }, "No craving"),
          craving,
          h("span", { class: "caption range-end" }, "Worst imaginable"),
        ),
        h("div", { class: "inline" }, cravingValue, cravingClear),
        cravingError,
      ),
      h(
        "div",
        { class: "field-row" },
        field("Hours slept", sleepHours, sleepHoursError),
        field("Sleep quality", sleepQuality, sleepQualityError),
        field("Mood", mood, moodError),
      ),
      field(optional("Note"), note, noteError),
    ],
    foot: [total, sowsTotal],
    save: "Save check-in",
    fallbackFocus: () => document.getElementById("check-in")?.focus(),
  });
  const form = d.form;

  // The score rows' group has no control of its own: its error focuses a score button.
  const fields = fieldErrors<FieldKey>({
    taken_at: { control: time, error: timeError },
    craving: { control: craving, error: cravingError },
    sleep_hours: { control: sleepHours, error: sleepHoursError },
    sleep_quality: { control: sleepQuality, error: sleepQualityError },
    mood: { control: mood, error: moodError },
    note: { control: note, error: noteError },
    items: { control: null, error: itemsError },
  });

  let symptoms: Symptom[] = [];
  let sows: Instrument | null = null;
  let mode: CheckinChoice = "kratom";
  const kratomGroup = form.querySelector<HTMLElement>("#checkin-kratom-group") as HTMLElement;
  const sowsGroup = form.querySelector<HTMLElement>("#checkin-sows-group") as HTMLElement;
  const sowsKeys = () => (sows ? sows.items.map((i) => i.key) : []);
  const scores = new Map<string, number>();
  /** Items of an edited check-in whose symptom is no longer listed: kept as they are. */
  let hiddenKeys: string[] = [];
  const order = () => [...symptoms.map((s) => s.key), ...hiddenKeys];
  let cravingSet = false;
  let editing: CheckIn | null = null;

  // ---- symptom rows ----

  function scoreRow(key: string, label: string, allowed: number[], words: ReadonlyArray<string>): HTMLElement {
    const labelId = `symptom-label-${key}`;
    const group = h("div", { class: "scores", role: "radiogroup", "aria-labelledby": labelId });
    allowed.forEach((score, i) => {
      group.appendChild(
        h(
          "button",
          {
            type: "button",
            class: `score score-${score}`,
            role: "radio",
            "aria-checked": "false",
            "data-score": score,
            tabindex: -1,
          },
          h("span", { class: "score-digit", "aria-hidden": "true" }, score),
          h("span", { class: "score-word" }, words[i] ?? ""),
        ),
      );
    });
    return h("div", { class: "symptom-row", "data-key": key }, h("span", { class: "symptom-label", id: labelId }, label), group);
  }

  function buildRows(list: Symptom[]): void {
    symptoms = list;
    replace(rowsBox, ...list.map((s) => scoreRow(s.key, s.label, [0, 1, 2, 3, 4], SEVERITY_WORDS)));
  }

  function buildSows(inst: Instrument | null): void {
    sows = inst;
    replace(sowsBox, ...(inst ? inst.items.map((i) => scoreRow(i.key, i.label, i.allowed, i.anchors)) : []));
    sowsCitation.textContent = inst?.citation ? `Source: ${inst.citation}` : "";
    sowsNote.textContent = inst
      ? "Rate how you feel now, from 0 (not at all) to 4 (extremely). Keys 0–4 rate the row you are on and move down."
      : "";
  }

  function rowOf(node: EventTarget | null): HTMLElement | null {
    return node instanceof HTMLElement ? node.closest<HTMLElement>(".symptom-row") : null;
  }

  function renderRow(row: HTMLElement): void {
    const key = row.dataset.key ?? "";
    const current = scores.get(key);
    const buttons = row.querySelectorAll<HTMLButtonElement>("button.score");
    buttons.forEach((b) => {
      const sc = Number(b.dataset.score);
      b.setAttribute("aria-checked", String(sc === current));
      b.tabIndex = (current === undefined ? sc === 0 : sc === current) ? 0 : -1;
    });
  }

  function renderAll(): void {
    kratomGroup.hidden = mode === "sows";
    sowsGroup.hidden = mode === "kratom" || sows === null;
    form.querySelectorAll<HTMLElement>(".symptom-row").forEach(renderRow);
    renderTotal();
  }

  function renderTotal(): void {
    total.hidden = mode === "sows";
    total.textContent = totalLine(computeTotals(itemsFromScores(order(), scores)));
    sowsTotal.hidden = sowsGroup.hidden;
    sowsTotal.textContent = sows ? scaleLine(sows, itemsFromScores(sowsKeys(), scores)) : "";
  }

  function setScore(row: HTMLElement, score: number | null): void {
    const key = row.dataset.key ?? "";
    if (score === null) scores.delete(key);
    else scores.set(key, score);
    renderRow(row);
    renderTotal();
    clearFieldError(null, itemsError);
  }

  function focusInRow(row: HTMLElement, score?: number): void {
    const key = row.dataset.key ?? "";
    const target = score ?? scores.get(key) ?? 0;
    row.querySelector<HTMLButtonElement>(`button.score[data-score="${target}"]`)?.focus();
  }

  function nextRow(row: HTMLElement, step: 1 | -1): HTMLElement | null {
    const rows = Array.from(form.querySelectorAll<HTMLElement>(".symptom-row")).filter(
      (r) => !r.closest<HTMLElement>("fieldset")?.hidden,
    );
    return rows[rows.indexOf(row) + step] ?? null;
  }

  const onRowsClick = (e: MouseEvent) => {
    const b = e.target instanceof HTMLElement ? e.target.closest<HTMLButtonElement>("button.score") : null;
    const row = rowOf(b);
    if (!b || !row) return;
    const sc = Number(b.dataset.score);
    setScore(row, scores.get(row.dataset.key ?? "") === sc ? null : sc);
    b.focus();
  };
  rowsBox.addEventListener("click", onRowsClick);
  sowsBox.addEventListener("click", onRowsClick);

  const onRowsKey = (e: KeyboardEvent) => {
    const row = rowOf(e.target);
    if (!row || e.ctrlKey || e.metaKey || e.altKey) return;
    const focused = e.target instanceof HTMLElement ? Number(e.target.dataset.score ?? "0") : 0;
    if (/^[0-4]$/.test(e.key)) {
      e.preventDefault();
      const sc = Number(e.key);
      setScore(row, sc);
      const next = nextRow(row, 1);
      if (next) focusInRow(next);
      else focusInRow(row, sc);
      return;
    }
    switch (e.key) {
      case "Enter":
        // Saves, as Enter does everywhere in the form: never a score on the focused button.
        if (e.isComposing) return;
        e.preventDefault();
        submitForm(form);
        break;
      case "ArrowRight":
        e.preventDefault();
        focusInRow(row, Math.min(4, focused + 1));
        break;
      case "ArrowLeft":
        e.preventDefault();
        focusInRow(row, Math.max(0, focused - 1));
        break;
      case "Home":
        e.preventDefault();
        focusInRow(row, 0);
        break;
      case "End":
        e.preventDefault();
        focusInRow(row, 4);
        break;
      case "ArrowDown": {
        e.preventDefault();
        const n = nextRow(row, 1);
        if (n) focusInRow(n);
        break;
      }
      case "ArrowUp": {
        e.preventDefault();
        const p = nextRow(row, -1);
        if (p) focusInRow(p);
        break;
      }
      case "Backspace":
      case "Delete":
        e.preventDefault();
        setScore(row, null);
        focusInRow(row, focused);
        break;
    }
  };
  rowsBox.addEventListener("keydown", onRowsKey);
  sowsBox.addEventListener("keydown", onRowsKey);

  // ---- craving ----

  function renderCraving(): void {
    craving.classList.toggle("unset", !cravingSet);
    cravingValue.textContent = cravingSet ? `${craving.value} / 10` : "Not rated";
    craving.setAttribute("aria-valuetext", cravingSet ? `${craving.value} of 10` : "Not rated");
    cravingClear.hidden = !cravingSet;
  }
  const touchCraving = () => {
    cravingSet = true;
    renderCraving();
    clearFieldError(craving, cravingError);
  };
  craving.addEventListener("input", touchCraving);
  craving.addEventListener("change", touchCraving);
  craving.addEventListener("pointerup", touchCraving);
  craving.addEventListener("keyup", (e) => {
    if (["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"].includes(e.key)) {
      touchCraving();
    }
  });
  cravingClear.addEventListener("click", () => {
    cravingSet = false;
    craving.value = "0";
    renderCraving();
    craving.focus();
  });

  // ---- time ----

  const updateTimeDay = countsFor(app, time, timeDay, timeError);

  // ---- saving ----

  function clearErrors(): void {
    fields.clear();
    clearFormError(d.saving);
  }

  function showError(err: ApiError): void {
    if (fields.showApiError(err)) {
      if (err.field === "items") form.querySelector<HTMLButtonElement>("fieldset:not([hidden]) button.score[tabindex='0']")?.focus();
    } else {
      showFormError(d.saving, err);
    }
  }

  function readInput(): CheckInInput[] | null {
    const takenAt = takenAtFromLocal(time.value);
    if (!takenAt) {
      showFieldError(time, timeError, "Enter the date and time of this check-in.");
      time.focus();
      return null;
    }
    let hours: number | null = null;
    if (sleepHours.validity.badInput) {
      showFieldError(sleepHours, sleepHoursError, "Enter hours as a number, like 6.5.");
      sleepHours.focus();
      return null;
    }
    if (sleepHours.value.trim() !== "") {
      hours = Number(sleepHours.value);
      if (!Number.isFinite(hours)) {
        showFieldError(sleepHours, sleepHoursError, "Enter hours as a number, like 6.5.");
        sleepHours.focus();
        return null;
      }
    }
    const text = note.value;
    const common: CheckInInput = {
      taken_at: takenAt,
      items: [],
      craving: cravingSet ? Number(craving.value) : null,
      sleep_hours: hours,
      sleep_quality: sleepQuality.value === "" ? null : Number(sleepQuality.value),
      mood: mood.value === "" ? null : Number(mood.value),
      note: text.trim() === "" ? null : text,
    };
    const kratomItems = itemsFromScores(order(), scores);
    const sowsItems = itemsFromScores(sowsKeys(), scores);
    if (mode === "kratom") return [{ ...common, items: kratomItems }];
    if (mode === "sows") return [{ ...common, items: sowsItems }];
    // Both on one screen: saved as two check-ins, one per instrument. Craving, sleep, mood
    // and the note go with the kratom checklist.
    const out: CheckInInput[] = [];
    const extras = common.craving !== null || hours !== null || common.sleep_quality !== null || common.mood !== null || common.note !== null;
    if (kratomItems.length > 0 || extras || sowsItems.length === 0) out.push({ ...common, items: kratomItems });
    if (sowsItems.length > 0) {
      out.push({ taken_at: takenAt, items: sowsItems, craving: null, sleep_hours: null, sleep_quality: null, mood: null, note: null });
    }
    return out;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (d.busy) return;
    clearErrors();
    const inputs = readInput();
    if (!inputs) return;
    const wasEditing = editing;
    const run = async (): Promise<CheckIn> => {
      if (wasEditing) return api.updateCheckin(wasEditing.id, inputs[0], wasEditing.version);
      let last: CheckIn | null = null;
      while (inputs.length > 0) {
        last = await api.addCheckin(inputs[0]);
        inputs.shift(); // saved: a retry after an error sends only what is left
      }
      if (!last) throw new Error("nothing to save");
      return last;
    };
    void d.saveAndClose(run, (c) => app.afterSave(c.day), showError);
  });

  async function prepare(): Promise<boolean> {
    d.rememberOpener();
    clearErrors();
    try {
      const list = await app.loadSymptoms();
      if (list !== symptoms) buildRows(list);
      const inst = (await app.loadInstruments()).find((i) => i.key === "sows") ?? null;
      if (inst !== sows) buildSows(inst);
      return true;
    } catch (e) {
      buildRows([]);
      showError(normaliseError(e));
      return true;
    }
  }

  function show(): void {
    d.showModal();
    const first = form.querySelector<HTMLButtonElement>("fieldset:not([hidden]) button.score[tabindex='0']");
    (first ?? time).focus();
    d.body.scrollTo({ top: 0 });
  }

  async function openNew(day: string): Promise<void> {
    await prepare();
    editing = null;
    mode = app.state.settings.checkin_instrument;
    d.title.textContent = mode === "sows" ? "Check in: SOWS" : mode === "both" ? "Check in: symptoms and SOWS" : "Check in";
    scores.clear();
    hiddenKeys = [];
    time.value = app.defaultTime(day);
    cravingSet = false;
    craving.value = "0";
    sleepHours.value = "";
    sleepQuality.value = "";
    mood.value = "";
    note.value = "";
    renderCraving();
    renderAll();
    updateTimeDay();
    show();
  }

  async function openEdit(c: CheckIn): Promise<void> {
    await prepare();
    editing = c;
    mode = c.instrument === "sows" ? "sows" : "kratom";
    d.title.textContent = mode === "sows" ? "Edit check-in: SOWS" : "Edit check-in";
    scores.clear();
    const known = new Set([...symptoms.map((s) => s.key), ...sowsKeys()]);
    hiddenKeys = c.items.filter((it) => !known.has(it.key)).map((it) => it.key);
    for (const it of c.items) scores.set(it.key, it.score);
    time.value = c.local_time.slice(0, 16);
    cravingSet = c.craving !== null;
    craving.value = String(c.craving ?? 0);
    sleepHours.value = c.sleep_hours === null ? "" : String(c.sleep_hours);
    sleepQuality.value = c.sleep_quality === null ? "" : String(c.sleep_quality);
    mood.value = c.mood === null ? "" : String(c.mood);
    note.value = c.note ?? "";
    renderCraving();
    renderAll();
    updateTimeDay();
    show();
  }

  return { el: d.el, openNew, openEdit };
}
