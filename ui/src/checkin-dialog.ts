// The check-in dialog: one row of five score buttons per symptom, craving, sleep, mood, note.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { ApiError, CheckIn, CheckInInput, CheckinChoice, Instrument, Symptom } from "./bindings";
import { checklistText, computeTotals, itemsFromScores, scaleLine, scaleText, totalLine } from "./checkin-calc";
import { createChoiceRow } from "./choice-row";
import { clearFieldError, fieldError, h, replace, showFieldError, submitForm } from "./dom";
import { createFormDialog, field, fieldErrors, optional } from "./form-dialog";
import { entryTimeField, laterThanNow, STILL_TO_COME } from "./entry-time";
import { clearFormError, showFormError } from "./unsaved";
import { formatNumber, MOOD_WORDS, SEVERITY_WORDS, SLEEP_QUALITY_WORDS } from "./format";
import { takenAtFromLocal } from "./time";

/** What this module asks of the application. */
type Context = Pick<
  AppContext,
  "state" | "heading" | "defaultTime" | "afterSave" | "diaryChanged" | "loadSymptoms" | "loadInstruments" | "toast"
>;

/** What a new check-in closed unsaved held, to bring it back from the toast. */
type Unsaved = {
  mode: CheckinChoice;
  title: string;
  time: string | null;
  scores: Array<[string, number]>;
  craving: number | null;
  sleep: string;
  quality: number | null;
  mood: number | null;
  note: string;
};

export type CheckinDialog = {
  el: HTMLDialogElement;
  openNew(day: string): Promise<void>;
  openEdit(c: CheckIn): Promise<void>;
};

type FieldKey = "taken_at" | "craving" | "sleep_hours" | "sleep_quality" | "mood" | "note" | "items";

export function createCheckinDialog(app: Context): CheckinDialog {
  const timeError = fieldError("checkin-time-error");
  const when = entryTimeField(app, "checkin-time", "Time", timeError);
  const time = when.input;

  const rowsBox = h("div", { id: "checkin-symptoms", class: "symptoms" });
  const itemsError = fieldError("checkin-items-error");
  const sowsBox = h("div", { id: "checkin-sows", class: "symptoms" });
  const sowsTotal = h("p", { id: "sows-total", class: "total", "aria-live": "polite" });
  const sowsCitation = h("p", { id: "sows-citation", class: "caption citation" });
  const sowsNote = h("p", { class: "caption" });

  // craving 0-10, sleep quality and mood: a row of buttons each, none chosen = not rated
  const cravingRow = createChoiceRow({
    id: "checkin-craving",
    labelledBy: "checkin-craving-label",
    className: "choices-craving",
    options: Array.from({ length: 11 }, (_, i) => ({
      value: i,
      text: String(i),
      aria: i === 0 ? "0, no craving" : i === 10 ? "10, worst imaginable" : undefined,
    })),
    onChange: () => {
      clearFieldError(cravingRow.el, cravingError);
      renderCraving();
    },
  });
  const cravingValue = h("p", { id: "checkin-craving-value", class: "caption choice-value", "aria-live": "polite" });
  const cravingError = fieldError("checkin-craving-error");

  const sleepHours = h("input", {
    id: "checkin-sleep-hours",
    type: "text",
    class: "input stepper-input",
    inputmode: "decimal",
    autocomplete: "off",
    "aria-describedby": "checkin-sleep-hours-unit",
  });
  const sleepLess = h("button", { id: "checkin-sleep-less", type: "button", class: "button stepper-button", "aria-label": "Half an hour less" }, "−");
  const sleepMore = h("button", { id: "checkin-sleep-more", type: "button", class: "button stepper-button", "aria-label": "Half an hour more" }, "+");
  const sleepHoursError = fieldError("checkin-sleep-hours-error");
  const wordOptions = (words: ReadonlyArray<string>) => words.map((w, i) => ({ value: i, text: w }));
  const sleepQualityError = fieldError("checkin-sleep-quality-error");
  const sleepQuality = createChoiceRow({
    id: "checkin-sleep-quality",
    labelledBy: "checkin-sleep-quality-label",
    options: wordOptions(SLEEP_QUALITY_WORDS),
    onChange: () => clearFieldError(sleepQuality.el, sleepQualityError),
  });
  const moodError = fieldError("checkin-mood-error");
  const mood = createChoiceRow({
    id: "checkin-mood",
    labelledBy: "checkin-mood-label",
    options: wordOptions(MOOD_WORDS),
    onChange: () => clearFieldError(mood.el, moodError),
  });
  for (const g of [cravingRow.el, sleepQuality.el, mood.el]) g.tabIndex = -1;
  const note = h("textarea", { id: "checkin-note", class: "input", rows: 2 });
  const noteError = fieldError("checkin-note-error");

  const total = h("p", { id: "checkin-total", class: "total", "aria-live": "polite" });
  const kratomHeadTotal = h("span", { id: "checkin-kratom-head-total", class: "instrument-total" });
  const sowsHeadTotal = h("span", { id: "checkin-sows-head-total", class: "instrument-total" });
  const kratomSection = instrumentSection(
    "checkin-kratom",
    "Kratom symptom checklist",
    kratomHeadTotal,
    h(
      "p",
      { class: "caption" },
      "Rate each one from 0 (none) to 4 (extreme). Tap a rating again to clear it. Keys 0–4 rate the row you are on and move down.",
    ),
    rowsBox,
    h("p", { class: "caption" }, "A list of common withdrawal symptoms, not a scored clinical scale: its symptom total has no bands."),
  );
  const sowsSection = instrumentSection("checkin-sows", "SOWS: Subjective Opiate Withdrawal Scale", sowsHeadTotal, sowsNote, sowsBox, sowsCitation);

  const d = createFormDialog({
    name: "checkin",
    changedElsewhere: () => app.diaryChanged(),
    title: "Check in",
    size: "wide",
    body: [
      when.el,
      timeError,
      kratomSection.el,
      sowsSection.el,
      itemsError,
      h(
        "div",
        { class: "field" },
        h("span", { id: "checkin-craving-label", class: "label" }, "Craving"),
        cravingRow.el,
        h(
          "div",
          { class: "choices-ends", "aria-hidden": "true" },
          h("span", { class: "caption" }, "No craving"),
          h("span", { class: "caption" }, "Worst imaginable"),
        ),
        cravingValue,
        cravingError,
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "checkin-sleep-hours" }, "Hours slept"),
        h(
          "div",
          { class: "stepper" },
          sleepLess,
          sleepHours,
          sleepMore,
          h("span", { id: "checkin-sleep-hours-unit", class: "stepper-unit" }, "hours"),
        ),
        sleepHoursError,
      ),
      h("div", { class: "field" }, h("span", { id: "checkin-sleep-quality-label", class: "label" }, "Sleep quality"), sleepQuality.el, sleepQualityError),
      h("div", { class: "field" }, h("span", { id: "checkin-mood-label", class: "label" }, "Mood"), mood.el, moodError),
      field(optional("Note"), note, noteError),
    ],
    // Both totals on one line when both instruments are on the form (more room for the rows).
    foot: [h("div", { class: "foot-totals" }, total, sowsTotal)],
    save: "Save check-in",
    fallbackFocus: () => document.getElementById("check-in")?.focus(),
    onDismiss: () => dismiss(),
  });
  const form = d.form;

  // The score rows' group has no control of its own: its error focuses a score button.
  const fields = fieldErrors<FieldKey>({
    taken_at: { control: time, error: timeError },
    craving: { control: cravingRow.el, error: cravingError },
    sleep_hours: { control: sleepHours, error: sleepHoursError },
    sleep_quality: { control: sleepQuality.el, error: sleepQualityError },
    mood: { control: mood.el, error: moodError },
    note: { control: note, error: noteError },
    items: { control: null, error: itemsError },
  });

  let symptoms: Symptom[] = [];
  let sows: Instrument | null = null;
  let mode: CheckinChoice = "kratom";
  const kratomGroup = kratomSection.el;
  const sowsGroup = sowsSection.el;
  const sowsKeys = () => (sows ? sows.items.map((i) => i.key) : []);
  const scores = new Map<string, number>();
  /** Items of an edited check-in whose symptom is no longer listed: kept as they are. */
  let hiddenKeys: string[] = [];
  const order = () => [...symptoms.map((s) => s.key), ...hiddenKeys];
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
    // With two instruments on one screen each can be folded away; alone, it stays open.
    const both = !kratomGroup.hidden && !sowsGroup.hidden;
    kratomSection.setCollapsible(both);
    sowsSection.setCollapsible(both);
    form.querySelectorAll<HTMLElement>(".symptom-row").forEach(renderRow);
    renderTotal();
  }

  function renderTotal(): void {
    const kratom = computeTotals(itemsFromScores(order(), scores));
    const listed = symptoms.length + hiddenKeys.length;
    total.hidden = mode === "sows";
    total.textContent = totalLine(kratom, listed);
    kratomHeadTotal.textContent = checklistText(kratom, listed);
    sowsTotal.hidden = sowsGroup.hidden;
    const sowsItems = itemsFromScores(sowsKeys(), scores);
    sowsTotal.textContent = sows ? scaleLine(sows, sowsItems) : "";
    sowsHeadTotal.textContent = sows ? scaleText(sows, sowsItems) : "";
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
      (r) => !r.closest<HTMLElement>("fieldset")?.hidden && !r.closest<HTMLElement>(".instrument-body")?.hidden,
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

  // ---- craving and sleep ----

  function renderCraving(): void {
    const v = cravingRow.value();
    cravingValue.textContent = v === null ? "Not rated" : `${v} / 10`;
  }

  /** Hours slept as typed ("6,5" is read as 6.5); "" is none, NaN when not a number. */
  function typedHours(): number | null {
    const text = sleepHours.value.trim().replace(",", ".");
    if (text === "") return null;
    return /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : Number.NaN;
  }

  function stepSleep(delta: number): void {
    const now = typedHours();
    const base = now === null || Number.isNaN(now) ? 0 : now;
    // Steps land on whole and half hours, within 0-24.
    const next = Math.min(24, Math.max(0, Math.round((base + delta) * 2) / 2));
    sleepHours.value = formatNumber(next);
    clearFieldError(sleepHours, sleepHoursError);
  }
  sleepLess.addEventListener("click", () => stepSleep(-0.5));
  sleepMore.addEventListener("click", () => stepSleep(0.5));
  sleepHours.addEventListener("keydown", (e) => {
    if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      stepSleep(e.key === "ArrowUp" ? 0.5 : -0.5);
    }
  });
  sleepHours.addEventListener("input", () => clearFieldError(sleepHours, sleepHoursError));

  // ---- saving ----

  function clearErrors(): void {
    fields.clear();
    clearFormError(d.saving);
  }

  function showError(err: ApiError): void {
    if (fields.showApiError(err)) {
      if (err.field === "items") {
        kratomSection.expand();
        sowsSection.expand();
        form.querySelector<HTMLButtonElement>("fieldset:not([hidden]) button.score[tabindex='0']")?.focus();
      }
    } else {
      showFormError(d.saving, err);
    }
  }

  function readInput(): CheckInInput[] | null {
    const local = when.value();
    const takenAt = local ? takenAtFromLocal(local) : null;
    if (!takenAt) {
      showFieldError(time, timeError, "Enter the date and time of this check-in.");
      time.focus();
      return null;
    }
    if (local && laterThanNow(local)) {
      showFieldError(time, timeError, STILL_TO_COME);
      time.focus();
      return null;
    }
    const hours = typedHours();
    if (hours !== null && Number.isNaN(hours)) {
      showFieldError(sleepHours, sleepHoursError, "Enter hours as a number, like 6.5.");
      sleepHours.focus();
      return null;
    }
    const text = note.value;
    const common: CheckInInput = {
      taken_at: takenAt,
      items: [],
      craving: cravingRow.value(),
      sleep_hours: hours,
      sleep_quality: sleepQuality.value(),
      mood: mood.value(),
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
    when.set(app.defaultTime(day));
    cravingRow.set(null);
    sleepHours.value = "";
    sleepQuality.set(null);
    mood.set(null);
    note.value = "";
    kratomSection.expand();
    sowsSection.expand();
    renderCraving();
    renderAll();
    show();
  }

  /**
   * Cancel or Esc: a new check-in with anything rated or typed is not lost to a stray key; the
   * toast offers it back (Ctrl+Z too), as it was.
   */
  function dismiss(): void {
    const kept = editing === null ? unsaved() : null;
    d.close();
    if (kept) app.toast.show("Check-in not saved", () => bringBack(kept), "Bring it back");
  }

  function unsaved(): Unsaved | null {
    const u: Unsaved = {
      mode,
      title: d.title.textContent ?? "Check in",
      time: when.value(),
      scores: Array.from(scores.entries()),
      craving: cravingRow.value(),
      sleep: sleepHours.value,
      quality: sleepQuality.value(),
      mood: mood.value(),
      note: note.value,
    };
    const anything =
      u.scores.length > 0 || u.craving !== null || u.sleep.trim() !== "" || u.quality !== null || u.mood !== null || u.note.trim() !== "";
    return anything ? u : null;
  }

  async function bringBack(u: Unsaved): Promise<void> {
    await prepare();
    editing = null;
    mode = u.mode;
    d.title.textContent = u.title;
    scores.clear();
    for (const [k, v] of u.scores) scores.set(k, v);
    hiddenKeys = [];
    if (u.time) when.set(u.time);
    cravingRow.set(u.craving);
    sleepHours.value = u.sleep;
    sleepQuality.set(u.quality);
    mood.set(u.mood);
    note.value = u.note;
    kratomSection.expand();
    sowsSection.expand();
    renderCraving();
    renderAll();
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
    when.set(c.local_time.slice(0, 16));
    cravingRow.set(c.craving);
    sleepHours.value = c.sleep_hours === null ? "" : formatNumber(c.sleep_hours);
    sleepQuality.set(c.sleep_quality);
    mood.set(c.mood);
    kratomSection.expand();
    sowsSection.expand();
    note.value = c.note ?? "";
    renderCraving();
    renderAll();
    show();
  }

  return { el: d.el, openNew, openEdit };
}

type InstrumentSection = {
  el: HTMLFieldSetElement;
  /** Two instruments on one screen: the heading folds the section away and back. */
  setCollapsible(on: boolean): void;
  expand(): void;
};

/**
 * One instrument's part of the check-in: `fieldset#${id}-group` whose legend names it and shows
 * its total; the rows go in `#${id}-body`.
 */
function instrumentSection(id: string, name: string, headTotal: HTMLElement, ...body: HTMLElement[]): InstrumentSection {
  const bodyEl = h("div", { id: `${id}-body`, class: "instrument-body" }, ...body);
  const toggle = h(
    "button",
    { id: `${id}-toggle`, type: "button", class: "instrument-toggle", "aria-expanded": "true", "aria-controls": `${id}-body` },
    h("span", { class: "instrument-chevron", "aria-hidden": "true" }),
    h("span", { class: "instrument-name" }, name),
  );
  const plain = h("span", { class: "instrument-name" }, name);
  const legend = h("legend", { class: "instrument-head" }, toggle, plain, headTotal);
  const el = h("fieldset", { id: `${id}-group`, class: "group instrument" }, legend, bodyEl);
  const setOpen = (open: boolean) => {
    toggle.setAttribute("aria-expanded", String(open));
    bodyEl.hidden = !open;
    el.classList.toggle("collapsed", !open);
  };
  toggle.addEventListener("click", () => setOpen(bodyEl.hidden));
  return {
    el,
    setCollapsible(on) {
      toggle.hidden = !on;
      plain.hidden = on;
      if (!on) setOpen(true);
    },
    expand: () => setOpen(true),
  };
}
