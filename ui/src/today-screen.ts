// Today: the diary day heading and navigation, the doses card, the check-in card.

import { api } from "./api";
import type { AppContext } from "./app-context";
import type { CheckIn, Dose, Medicine } from "./bindings";
import { h, replace } from "./dom";
import {
  bandClass,
  checkinCount,
  cravingText,
  doseAmountText,
  doseName,
  doseSummary,
  formLabel,
  instrumentLabel,
  medicineAmountText,
  scoredText,
  severityClass,
  severityWord,
  moodText,
  sleepText,
  savedChecklistText,
} from "./format";
import { quickChips } from "./quick-chips";
import { holdForViewOnly } from "./view-only";
import { createDateField } from "./datetime-field";
import { notTodayText, planHeadline, plannedDoseSummary } from "./plan-form";
import { addDays, timeOfDay } from "./time";
import { importSvg } from "./chart-view";
import { effectiveTheme } from "./theme";

/** What this module asks of the application. */
type Context = Pick<
  AppContext,
  | "state"
  | "go"
  | "setDate"
  | "isToday"
  | "heading"
  | "openDoseDialog"
  | "openCheckinDialog"
  | "openCowsDialog"
  | "openMedicineDialog"
  | "editDose"
  | "editCheckin"
  | "editMedicine"
  | "deleteDose"
  | "deleteCheckin"
  | "deleteMedicine"
  | "quickLog"
>;

/** Dose rows shown before the earlier ones fold away behind "Show N earlier doses". */
export const MAX_DOSE_ROWS = 3;

export const EMPTY_DAY_TEXT = "Nothing logged for this day yet. Log a dose or check in.";

export type TodayScreen = {
  el: HTMLElement;
  render(): void;
  setError(message: string | null): void;
};

export function createTodayScreen(app: Context): TodayScreen {
  const s = app.state;

  // ---- heading and day navigation: one compact row ----
  const heading = h("h1", { id: "day-heading", class: "day-heading", tabindex: -1 });
  const prev = h(
    "button",
    { id: "day-prev", type: "button", class: "button icon-button", "aria-label": "Previous day", title: "Previous day (←)" },
    "‹",
  );
  const todayBtn = h("button", { id: "day-today", type: "button", class: "button" }, "Today");
  const next = h(
    "button",
    { id: "day-next", type: "button", class: "button icon-button", "aria-label": "Next day", title: "Next day (→)" },
    "›",
  );
  // The day as Taper writes it, with a month calendar (▾); the value is in #day-picker.
  const picker = createDateField({ id: "day-picker", label: "Go to date", today: () => s.today, onChange: (d) => app.setDate(d) });

  prev.addEventListener("click", () => app.setDate(addDays(s.date, -1)));
  next.addEventListener("click", () => {
    if (!app.isToday()) app.setDate(addDays(s.date, 1));
  });
  todayBtn.addEventListener("click", () => app.setDate(s.today));

  const header = h(
    "header",
    { class: "day-header" },
    heading,
    h("div", { class: "day-nav", role: "group", "aria-label": "Choose the day" }, prev, todayBtn, next, picker.el),
  );

  const loadError = h("p", { id: "day-error", class: "notice error", role: "alert", hidden: true });
  const empty = h("p", { id: "day-empty", class: "notice empty", hidden: true }, EMPTY_DAY_TEXT);

  // ---- doses card ----
  const doseSummaryEl = h("p", { id: "dose-summary", class: "summary" });
  const doseList = h("ul", { id: "dose-list", class: "rows", "aria-label": "Doses" });
  const doseNone = h("p", { id: "dose-none", class: "muted", hidden: true }, "No doses logged this day.");
  const logDose = h("button", { id: "log-dose", type: "button", class: "button primary" }, "Log dose");
  logDose.setAttribute("aria-keyshortcuts", "D");
  logDose.addEventListener("click", () => app.openDoseDialog());
  const quick = h("div", { id: "quick-amounts", class: "quick", role: "group", "aria-label": "Quick log" });

  const earlierDoses = h("button", { id: "dose-earlier", type: "button", class: "button small subtle", hidden: true });
  earlierDoses.addEventListener("click", () => {
    showAllDoses = s.date;
    render();
    doseList.querySelector<HTMLButtonElement>("button")?.focus();
  });
  /** The day whose doses are all shown (a long day shows its latest few until asked). */
  let showAllDoses = "";

  const dosesCard = h(
    "section",
    { id: "doses-card", class: "card", "aria-labelledby": "doses-title" },
    h("div", { class: "card-head" }, h("h2", { id: "doses-title" }, "Doses"), doseSummaryEl, logDose),
    earlierDoses,
    doseList,
    doseNone,
    quick,
  );

  // ---- plan card (or a quiet way to start one) ----
  const planText = h("p", { id: "plan-card-text", class: "plan-headline" });
  const planProgress = h("p", { id: "plan-card-progress", class: "summary" });
  const planOpen = h("button", { id: "plan-card-open", type: "button", class: "button" }, "Open Taper");
  planOpen.addEventListener("click", () => app.go("taper"));
  const planSpark = h("div", { id: "plan-card-spark", class: "plan-spark", hidden: true });
  const planCard = h(
    "section",
    { id: "plan-card", class: "card", "aria-labelledby": "plan-card-title", hidden: true },
    h("div", { class: "card-head" }, h("h2", { id: "plan-card-title" }, "Plan"), planProgress),
    h("div", { class: "plan-card-body" }, planText, planSpark),
    h("div", { class: "card-actions" }, planOpen),
  );
  /** What the sparkline shows (plan, day, target, theme): fetched again only when it changes. */
  let sparkKey = "";

  function showSpark(show: boolean, key: string, label: string): void {
    if (!show) {
      sparkKey = "";
      planSpark.hidden = true;
      replace(planSpark);
      return;
    }
    if (key === sparkKey) return;
    sparkKey = key;
    api
      .planSparkline(effectiveTheme())
      .then((svgText) => {
        if (key !== sparkKey) return;
        const svg = svgText ? importSvg(svgText, label) : null;
        replace(planSpark, svg);
        planSpark.hidden = !svg;
      })
      .catch(() => {
        // A picture only: the card's text says the same.
        planSpark.hidden = true;
      });
  }
  const planStart = h("button", { id: "plan-a-taper", type: "button", class: "button subtle" }, "Plan a taper");
  planStart.addEventListener("click", () => app.go("plan"));
  const planEntry = h(
    "div",
    { id: "plan-entry", class: "plan-entry", hidden: true },
    h("p", { class: "caption" }, "Want to cut down step by step? A plan sets a daily target for you."),
    planStart,
  );

  // ---- check-in card ----
  const checkinCountEl = h("p", { id: "checkin-count", class: "summary" });
  const checkinList = h("ul", { id: "checkin-list", class: "rows", "aria-label": "Check-ins" });
  const checkinNone = h("p", { id: "checkin-none", class: "muted", hidden: true }, "No check-in this day yet.");
  const checkinBtn = h("button", { id: "check-in", type: "button", class: "button primary" }, "Check in");
  checkinBtn.setAttribute("aria-keyshortcuts", "C");
  checkinBtn.addEventListener("click", () => app.openCheckinDialog());
  const cowsBtn = h("button", { id: "cows-entry", type: "button", class: "button subtle" }, "Clinician entry (COWS)");
  cowsBtn.addEventListener("click", () => app.openCowsDialog());

  const checkinCard = h(
    "section",
    { id: "checkins-card", class: "card", "aria-labelledby": "checkins-title" },
    h("div", { class: "card-head" }, h("h2", { id: "checkins-title" }, "Check-ins"), checkinCountEl, checkinBtn),
    checkinList,
    checkinNone,
    h("div", { class: "card-actions" }, cowsBtn),
  );

  // ---- other medicines card ----
  const medicineList = h("ul", { id: "medicine-list", class: "rows", "aria-label": "Other medicines" });
  const medicineNone = h("p", { id: "medicine-none", class: "muted" }, "No other medicines or substances logged this day.");
  const addMedicine = h("button", { id: "add-medicine", type: "button", class: "button" }, "Add medicine or substance");
  addMedicine.addEventListener("click", () => app.openMedicineDialog());
  const medicinesCard = h(
    "section",
    { id: "medicines-card", class: "card", "aria-labelledby": "medicines-title" },
    h("div", { class: "card-head" }, h("h2", { id: "medicines-title" }, "Other medicines")),
    medicineList,
    medicineNone,
    h("div", { class: "card-actions" }, addMedicine),
  );

  const el = h(
    "section",
    { id: "screen-today", class: "screen", "aria-labelledby": "day-heading" },
    header,
    loadError,
    empty,
    dosesCard,
    checkinCard,
    planCard,
    medicinesCard,
    planEntry,
  );

  function doseRow(d: Dose): HTMLLIElement {
    const time = timeOfDay(d.local_time);
    const name = doseName(d, time);
    const edit = h("button", { type: "button", class: "button small dose-edit", "aria-label": `Edit dose ${name}` }, "Edit");
    const del = h("button", { type: "button", class: "button small subtle dose-delete", "aria-label": `Delete dose ${name}` }, "Delete");
    edit.addEventListener("click", () => app.editDose(d));
    del.addEventListener("click", () => void deleteWithFocus(del, () => app.deleteDose(d)));

    const amount = h("span", { class: "dose-amount" }, doseAmountText(d));
    if (d.estimated) amount.appendChild(h("span", { class: "tag" }, "estimated"));

    const main = h(
      "div",
      { class: "row-main" },
      h("span", { class: "dose-time" }, time),
      amount,
      h(
        "span",
        { class: "dose-what" },
        h("span", { class: "dose-form" }, formLabel(d.form)),
        h("span", { class: "dose-product" }, d.product ?? ""),
      ),
    );
    const li = h("li", { class: "dose-row", "data-id": d.id }, main);
    markIfNew(li, `d${d.id}@${d.version}`);
    if (d.note) {
      main.appendChild(
        h("span", { class: "dose-note", role: "img", title: d.note, "aria-label": d.note }, "Note"),
      );
      li.appendChild(h("p", { class: "row-note" }, d.note));
    }
    li.appendChild(h("div", { class: "row-actions" }, edit, del));
    return li;
  }

  function checkinRow(c: CheckIn): HTMLLIElement {
    const time = timeOfDay(c.local_time);
    const edit = h("button", { type: "button", class: "button small checkin-edit", "aria-label": `Edit check-in at ${time}` }, "Edit");
    const del = h("button", { type: "button", class: "button small subtle checkin-delete", "aria-label": `Delete check-in at ${time}` }, "Delete");
    edit.addEventListener("click", () => app.editCheckin(c));
    del.addEventListener("click", () => void deleteWithFocus(del, () => app.deleteCheckin(c)));
    const li = h(
      "li",
      { class: "checkin-row", "data-id": c.id },
      h(
        "div",
        { class: "row-main" },
        h("span", { class: "checkin-time" }, time),
        h("span", { class: "checkin-instrument" }, instrumentLabel(c.instrument)),
        ...checkinScore(c),
        c.craving !== null ? h("span", { class: "checkin-craving" }, cravingText(c.craving)) : null,
        c.sleep_hours !== null ? h("span", { class: "checkin-sleep" }, sleepText(c.sleep_hours)) : null,
        c.mood !== null ? h("span", { class: "checkin-mood" }, moodText(c.mood)) : null,
      ),
    );
    markIfNew(li, `c${c.id}@${c.version}`);
    if (c.note) li.appendChild(h("p", { class: "row-note" }, c.note));
    li.appendChild(h("div", { class: "row-actions" }, edit, del));
    return li;
  }

  function instrumentMax(c: CheckIn): number {
    return s.instruments?.find((i) => i.key === c.instrument)?.items.reduce((n, it) => n + Math.max(...it.allowed), 0) ?? c.max_total;
  }

  /**
   * The symptom total: SOWS and COWS over their fixed maximum with their band (validated
   * scales); the kratom checklist, which has no validated bands, as points and items rated.
   */
  function checkinScore(c: CheckIn): HTMLElement[] {
    if (c.instrument === "sows" || c.instrument === "cows") {
      const out: HTMLElement[] = [h("span", { class: "checkin-total" }, scoredText(c, instrumentMax(c)))];
      if (c.band) out.push(bandChip(c.band));
      return out;
    }
    return [h("span", { class: "checkin-total" }, savedChecklistText(c.total, c.items.length))];
  }

  function medicineRow(m: Medicine): HTMLLIElement {
    const time = timeOfDay(m.local_time);
    const label = `${m.name} at ${time}`;
    const edit = h("button", { type: "button", class: "button small medicine-edit", "aria-label": `Edit ${label}` }, "Edit");
    const del = h("button", { type: "button", class: "button small subtle medicine-delete", "aria-label": `Delete ${label}` }, "Delete");
    edit.addEventListener("click", () => app.editMedicine(m));
    del.addEventListener("click", () => void deleteWithFocus(del, () => app.deleteMedicine(m)));
    const main = h(
      "div",
      { class: "row-main" },
      h("span", { class: "medicine-time" }, time),
      h("span", { class: "medicine-name" }, m.name),
      h("span", { class: "medicine-amount" }, medicineAmountText(m.amount, m.unit)),
    );
    const li = h("li", { class: "medicine-row", "data-id": m.id }, main);
    markIfNew(li, `m${m.id}@${m.version}`);
    if (m.note) {
      main.appendChild(h("span", { class: "dose-note", role: "img", title: m.note, "aria-label": m.note }, "Note"));
      li.appendChild(h("p", { class: "row-note" }, m.note));
    }
    li.appendChild(h("div", { class: "row-actions" }, edit, del));
    return li;
  }

  // ---- the inline "Saved": a row that is new or changed since the day was last shown ----
  /** The rows (kind, id and version) on screen for `shownDate`. */
  let shownRows = new Set<string>();
  let shownDate = "";
  let nextRows = new Set<string>();

  /** Marks the row "Saved" (beside its buttons) when it was not on screen in this form before. */
  function markIfNew(li: HTMLLIElement, key: string): void {
    nextRows.add(key);
    if (shownDate === s.date && !shownRows.has(key)) li.classList.add("just-saved");
  }

  /** After a delete, keep keyboard focus somewhere sensible (the list is rebuilt). */
  async function deleteWithFocus(button: HTMLButtonElement, run: () => Promise<void>): Promise<void> {
    const hadFocus = document.activeElement === button;
    const list = button.closest("ul");
    const li = button.closest("li");
    const index = list && li ? Array.from(list.children).indexOf(li) : 0;
    button.disabled = true;
    await run();
    if (!hadFocus || !list) return;
    const rows = list.querySelectorAll<HTMLButtonElement>("li .row-actions button:last-child");
    const target = rows[Math.min(index, rows.length - 1)];
    (target ?? (list === doseList ? logDose : list === medicineList ? addMedicine : checkinBtn)).focus();
  }

  /** Rebuilding a list must not drop keyboard focus: find the same button again afterwards. */
  function keepFocus(container: HTMLElement, rebuild: () => void): void {
    const active = document.activeElement;
    if (!(active instanceof HTMLButtonElement) || !container.contains(active)) {
      rebuild();
      return;
    }
    const li = active.closest("li");
    const id = li?.dataset.id;
    const role = ["dose-edit", "dose-delete", "checkin-edit", "checkin-delete", "medicine-edit", "medicine-delete"].find((c) => active.classList.contains(c));
    const index = Array.from(container.querySelectorAll("button")).indexOf(active);
    rebuild();
    let target: HTMLElement | null = null;
    if (id && role) target = container.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"] button.${role}`);
    else if (!li) target = container.querySelectorAll<HTMLElement>("button")[index] ?? null;
    target?.focus();
  }

  function render(): void {
    const isToday = app.isToday();
    heading.textContent = app.heading(s.date);
    todayBtn.disabled = isToday;
    next.disabled = isToday;
    picker.setBounds(null, s.today);
    picker.set(s.date);

    const day = s.day && s.day.date === s.date ? s.day : null;
    nextRows = new Set<string>();
    const doses = day?.doses ?? [];
    const checkins = day?.checkins ?? [];
    const medicines = day?.medicines ?? [];
    const isEmpty = day !== null && doses.length === 0 && checkins.length === 0 && medicines.length === 0;
    empty.hidden = !isEmpty;

    // doses
    const plan = day?.plan ?? null;
    doseSummaryEl.hidden = doses.length === 0 && !plan;
    doseSummaryEl.textContent = plan
      ? plannedDoseSummary(plan.progress)
      : day && doses.length > 0
        ? doseSummary(day.total_g, day.dose_count || doses.length)
        : "";
    // A plan still to come: the card says when it starts, and no "Plan a taper" is offered.
    const upcoming = !plan && isToday ? s.upcoming : null;
    planCard.hidden = !plan && !upcoming;
    planEntry.hidden = plan !== null || upcoming !== null || day === null || !isToday;
    if (plan) {
      planText.textContent = planHeadline(plan);
      planProgress.textContent = plan.text;
    } else if (upcoming) {
      planText.textContent = notTodayText(upcoming, s.today);
      planProgress.textContent = "";
    }
    // The sparkline is of the plan in force today, so it is shown on today only.
    showSpark(
      plan !== null && isToday,
      plan ? `${plan.plan_id}|${plan.day_number}|${plan.target_g}|${effectiveTheme()}` : "",
      plan ? `The plan's daily targets, today marked: ${planHeadline(plan)}` : "",
    );
    doseNone.hidden = !(day && !isEmpty && doses.length === 0);
    // A long day shows its latest doses, and a button for the earlier ones, so that Check in
    // stays in view at the smallest window.
    const folded = doses.length > MAX_DOSE_ROWS && showAllDoses !== s.date;
    const shown = folded ? doses.slice(doses.length - (MAX_DOSE_ROWS - 1)) : doses;
    const hiddenCount = doses.length - shown.length;
    earlierDoses.hidden = !folded;
    earlierDoses.textContent = hiddenCount === 1 ? "Show 1 earlier dose" : `Show ${hiddenCount} earlier doses`;
    keepFocus(doseList, () => replace(doseList, ...shown.map(doseRow)));
    doseList.hidden = doses.length === 0;

    const chips = quickChips(s.usual, plan && isToday && !plan.finished ? plan.progress : null);
    keepFocus(quick, () =>
      replace(
        quick,
        ...chips.map((c) => {
          const b = h(
            "button",
            { type: "button", class: c.over ? "button quick-dose over-plan" : "button quick-dose" },
            c.label,
            c.note ? h("span", { class: "quick-note" }, c.note) : null,
          );
          b.addEventListener("click", () => void app.quickLog({ amount_g: c.amount_g, form: c.form }));
          return b;
        }),
      ),
    );
    quick.hidden = chips.length === 0;

    // check-ins (newest first)
    checkinCountEl.hidden = day === null || checkins.length === 0;
    checkinCountEl.textContent = checkinCount(checkins.length, isToday);
    keepFocus(checkinList, () => replace(checkinList, ...checkins.map(checkinRow)));
    checkinNone.hidden = !(day && !isEmpty && checkins.length === 0);
    keepFocus(medicineList, () => replace(medicineList, ...medicines.map(medicineRow)));
    medicineList.hidden = medicines.length === 0;
    medicineNone.hidden = medicines.length > 0 || day === null;
    checkinList.hidden = checkins.length === 0;

    if (day) {
      shownRows = nextRows;
      shownDate = s.date;
    }

    if (s.info.read_only) {
      const writers = [dosesCard, checkinCard, medicinesCard, planEntry].flatMap((card) =>
        Array.from(card.querySelectorAll<HTMLButtonElement>("button")).filter((b) => b !== earlierDoses),
      );
      holdForViewOnly(writers);
    }
  }

  function setError(message: string | null): void {
    loadError.textContent = message ?? "";
    loadError.hidden = message === null;
  }

  render();
  return { el, render, setError };
}

/** A band chip (SOWS, COWS): the colour and the band word, never colour alone. */
export function bandChip(band: string): HTMLSpanElement {
  return h(
    "span",
    { class: `chip band-chip sev-${bandClass(band)}` },
    h("span", { class: "chip-dot", "aria-hidden": "true" }),
    band,
  );
}

/** The worst-severity chip: colour plus the word, never colour alone. */
export function chip(score: number): HTMLSpanElement {
  return h(
    "span",
    { class: `chip sev-${severityClass(score)}` },
    h("span", { class: "chip-dot", "aria-hidden": "true" }),
    severityWord(score),
  );
}
