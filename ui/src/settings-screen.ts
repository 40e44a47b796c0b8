// Settings: every change saves at once and shows a small "Saved" note.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { ApiError, BackupInfo, CheckinChoice, Form, QuickAmount, Settings, Symptom, Theme } from "./bindings";
import { clearFieldError, fieldError, h, replace, showFieldError, wireFormDialog } from "./dom";
import { FORMS, formatNumber, hourLabel } from "./format";
import { createPrivacyCard } from "./privacy-card";
import { backupDetails, backupKindWords, localDateTime, sizeText } from "./share";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "toast" | "saveSettings" | "symptomsChanged" | "diaryChanged">;

export type SettingsScreen = { el: HTMLElement; dialogs: HTMLDialogElement[]; render(): void };

const MAX_QUICK = 3;

export function createSettingsScreen(app: Context): SettingsScreen {
  const heading = h("h1", { id: "settings-heading", tabindex: -1 }, "Settings");
  const saved = h("p", { id: "settings-saved", class: "saved-note", role: "status", "aria-live": "polite" });
  const generalError = h("p", { id: "settings-error", class: "form-error", role: "alert", hidden: true });

  // day start
  const dayStart = h(
    "select",
    { id: "settings-day-start", class: "input", "aria-describedby": "settings-day-start-help" },
    ...Array.from({ length: 24 }, (_, i) => h("option", { value: i }, hourLabel(i))),
  );
  const dayStartError = fieldError("settings-day-start-error");

  // units
  const gCapsule = h("input", { id: "settings-grams-capsule", type: "number", class: "input number-input", step: 0.05, min: 0.05, inputmode: "decimal" });
  const gCapsuleError = fieldError("settings-grams-capsule-error");
  const gTsp = h("input", { id: "settings-grams-tsp", type: "number", class: "input number-input", step: 0.05, min: 0.05, inputmode: "decimal" });
  const gTspError = fieldError("settings-grams-tsp-error");

  // theme
  const theme = h(
    "select",
    { id: "settings-theme", class: "input" },
    h("option", { value: "system" }, "System"),
    h("option", { value: "light" }, "Light"),
    h("option", { value: "dark" }, "Dark"),
  );
  const themeError = fieldError("settings-theme-error");

  // quick amounts
  const quickAuto = h("input", { id: "settings-quick-auto", type: "radio", name: "settings-quick-mode", value: "auto", class: "radio" });
  const quickCustom = h("input", { id: "settings-quick-custom", type: "radio", name: "settings-quick-mode", value: "custom", class: "radio" });
  const quickRows = h("div", { id: "settings-quick-rows", class: "quick-rows" });
  const quickAdd = h("button", { id: "settings-quick-add", type: "button", class: "button" }, "Add amount");
  const quickError = fieldError("settings-quick-error");
  const quick = h(
    "fieldset",
    { id: "settings-quick", class: "group" },
    h("legend", {}, "Quick log buttons"),
    h("p", { class: "caption" }, "Up to three buttons on Today that log a dose in one click."),
    h("div", { class: "check" }, quickAuto, h("label", { for: "settings-quick-auto" }, "Automatic (most frequent recent amounts)")),
    h("div", { class: "check" }, quickCustom, h("label", { for: "settings-quick-custom" }, "Custom")),
    quickRows,
    quickAdd,
    quickError,
  );

  // check-in instrument
  const instrument = h(
    "select",
    { id: "settings-instrument", class: "input", "aria-describedby": "settings-instrument-help" },
    h("option", { value: "kratom" }, "Kratom symptom checklist"),
    h("option", { value: "sows" }, "SOWS (Subjective Opiate Withdrawal Scale)"),
    h("option", { value: "both" }, "Both on one screen"),
  );
  const instrumentError = fieldError("settings-instrument-error");

  // own symptoms
  const symptomLabel = h("input", { id: "symptom-new-label", type: "text", class: "input", maxlength: 60, autocomplete: "off" });
  const symptomAdd = h("button", { id: "symptom-add", type: "button", class: "button" }, "Add symptom");
  const symptomError = fieldError("symptom-error");
  const symptomList = h("ul", { id: "symptom-list", class: "rows", "aria-label": "Your own symptoms" });
  const symptomNone = h("p", { id: "symptom-none", class: "muted" }, "You have not added any symptoms yet.");

  // backups
  const backUpNow = h("button", { id: "backup-now", type: "button", class: "button" }, "Back up now");
  const backupList = h("ul", { id: "backup-list", class: "rows backup-list", "aria-label": "Backups, newest first" });
  const backupNone = h("p", { id: "backup-none", class: "muted", hidden: true }, "No backups yet. Taper makes one automatically from time to time; you can make one now.");
  const backupError = h("p", { id: "backup-error", class: "form-error", role: "alert", hidden: true });
  const privacy = createPrivacyCard(app, (minutes) => save((cur) => ({ ...cur, lock_after_minutes: minutes })));
  const restore = createRestoreDialog(app, (before) => {
    void loadBackups().then(() => {
      backupList.querySelector<HTMLElement>(`li[data-file="${CSS.escape(before.file_name)}"] .backup-restore`)?.focus();
    });
  });

  // about
  const dataDir = h("p", { id: "settings-data-dir", class: "path selectable" });
  const version = h("p", { id: "settings-version" });

  const el = h(
    "section",
    { id: "screen-settings", class: "screen", "aria-labelledby": "settings-heading", hidden: true },
    h("header", { class: "screen-header" }, heading, saved),
    generalError,
    h(
      "section",
      { class: "card", "aria-labelledby": "settings-day-title" },
      h("h2", { id: "settings-day-title" }, "Day"),
      h(
        "div",
        { class: "field" },
        h("label", { for: "settings-day-start" }, "Day starts at"),
        dayStart,
        h(
          "p",
          { id: "settings-day-start-help", class: "caption" },
          "A day runs from this hour to the same hour next morning, so a night is not split.",
        ),
        dayStartError,
      ),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "settings-units-title" },
      h("h2", { id: "settings-units-title" }, "Units"),
      h(
        "div",
        { class: "field-row" },
        h("div", { class: "field" }, h("label", { for: "settings-grams-capsule" }, "Grams per capsule"), gCapsule, gCapsuleError),
        h("div", { class: "field" }, h("label", { for: "settings-grams-tsp" }, "Grams per teaspoon"), gTsp, gTspError),
      ),
      quick,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "settings-checkin-title" },
      h("h2", { id: "settings-checkin-title" }, "Check-in"),
      h(
        "div",
        { class: "field" },
        h("label", { for: "settings-instrument" }, "Each time I check in, fill in"),
        instrument,
        h(
          "p",
          { id: "settings-instrument-help", class: "caption" },
          "Switching changes only new check-ins; earlier ones keep the form they were filled in on. A clinician can fill in COWS from Today (Clinician entry).",
        ),
        instrumentError,
      ),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "settings-symptoms-title" },
      h("h2", { id: "settings-symptoms-title" }, "Your own symptoms"),
      h("p", { class: "caption" }, "Added to the kratom checklist and rated 0–4 like the others. Archived symptoms leave the form but stay in old check-ins."),
      h("div", { class: "inline-field" }, h("label", { for: "symptom-new-label" }, "New symptom"), symptomLabel, symptomAdd),
      symptomError,
      symptomList,
      symptomNone,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "settings-look-title" },
      h("h2", { id: "settings-look-title" }, "Appearance"),
      h("div", { class: "field" }, h("label", { for: "settings-theme" }, "Theme"), theme, themeError),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "settings-data-title" },
      h("h2", { id: "settings-data-title" }, "Your data"),
      h("p", { class: "caption" }, "Your diary is stored only on this computer, in this folder:"),
      dataDir,
      version,
    ),
    h(
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
    ),
    privacy.el,
  );

  let savedTimer: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const fieldFor: Record<string, { control: HTMLElement | null; error: HTMLElement }> = {
    day_start_hour: { control: dayStart, error: dayStartError },
    grams_per_capsule: { control: gCapsule, error: gCapsuleError },
    grams_per_tsp: { control: gTsp, error: gTspError },
    quick_amounts: { control: null, error: quickError },
    theme: { control: theme, error: themeError },
    lock_after_minutes: privacy.lockField,
    checkin_instrument: { control: instrument, error: instrumentError },
  };

  function clearErrors(): void {
    for (const f of Object.values(fieldFor)) clearFieldError(f.control, f.error);
    generalError.hidden = true;
    generalError.textContent = "";
  }

  function showError(err: ApiError): void {
    const f = err.field ? fieldFor[err.field] : undefined;
    if (f) {
      showFieldError(f.control, f.error, err.message);
      f.control?.focus();
    } else {
      generalError.textContent = err.message;
      generalError.hidden = false;
    }
  }

  function flashSaved(): void {
    saved.textContent = "Saved";
    if (savedTimer !== undefined) window.clearTimeout(savedTimer);
    savedTimer = window.setTimeout(() => {
      saved.textContent = "";
    }, 3000);
  }

  /** Save a change (one at a time, in order). */
  function save(change: (s: Settings) => Settings): void {
    queue = queue.then(async () => {
      clearErrors();
      try {
        await app.saveSettings(change(app.state.settings));
        flashSaved();
      } catch (e) {
        showError(normaliseError(e));
      }
    });
  }

  function numberValue(input: HTMLInputElement, error: HTMLElement): number | null {
    const n = input.value.trim() === "" || input.validity.badInput ? NaN : Number(input.value);
    if (!Number.isFinite(n)) {
      showFieldError(input, error, "Enter a number of grams, like 0.5.");
      return null;
    }
    return n;
  }

  dayStart.addEventListener("change", () => {
    const v = Number(dayStart.value);
    save((s) => ({ ...s, day_start_hour: v }));
  });
  gCapsule.addEventListener("change", () => {
    clearFieldError(gCapsule, gCapsuleError);
    const v = numberValue(gCapsule, gCapsuleError);
    if (v !== null) save((s) => ({ ...s, grams_per_capsule: v }));
  });
  gTsp.addEventListener("change", () => {
    clearFieldError(gTsp, gTspError);
    const v = numberValue(gTsp, gTspError);
    if (v !== null) save((s) => ({ ...s, grams_per_tsp: v }));
  });
  theme.addEventListener("change", () => {
    const v = theme.value as Theme;
    save((s) => ({ ...s, theme: v }));
  });

  instrument.addEventListener("change", () => {
    const v = instrument.value as CheckinChoice;
    save((s) => ({ ...s, checkin_instrument: v }));
  });

  // ---- own symptoms ----

  function symptomFail(e: unknown, control: HTMLElement | null): void {
    showFieldError(control, symptomError, normaliseError(e).message);
    control?.focus();
  }

  function symptomRow(sym: Symptom): HTMLLIElement {
    const inputId = `symptom-rename-${sym.key}`;
    const input = h("input", { id: inputId, type: "text", class: "input symptom-rename-input", value: sym.label, maxlength: 60 });
    const rename = h("button", { type: "button", class: "button small symptom-rename" }, "Save name");
    const archive = h(
      "button",
      { type: "button", class: "button small subtle symptom-archive" },
      sym.archived ? "Restore" : "Archive",
    );
    rename.addEventListener("click", () => {
      clearFieldError(null, symptomError);
      api
        .renameSymptom(sym.key, input.value)
        .then(async () => {
          app.symptomsChanged();
          flashSaved();
          await loadSymptoms();
        })
        .catch((e: unknown) => symptomFail(e, input));
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        rename.click();
      }
    });
    archive.addEventListener("click", () => {
      clearFieldError(null, symptomError);
      api
        .archiveSymptom(sym.key, !sym.archived)
        .then(async () => {
          app.symptomsChanged();
          flashSaved();
          await loadSymptoms();
          symptomList.querySelector<HTMLElement>(`li[data-key="${CSS.escape(sym.key)}"] .symptom-archive`)?.focus();
        })
        .catch((e: unknown) => symptomFail(e, null));
    });
    return h(
      "li",
      { class: `custom-symptom${sym.archived ? " archived" : ""}`, "data-key": sym.key },
      h("label", { class: "visually-hidden", for: inputId }, `Name of ${sym.label}`),
      input,
      sym.archived ? h("span", { class: "tag symptom-archived" }, "Archived") : null,
      h("div", { class: "row-actions" }, rename, archive),
    );
  }

  async function loadSymptoms(): Promise<void> {
    try {
      const list = (await api.allSymptoms()).filter((x) => x.key.startsWith("custom_"));
      replace(symptomList, ...list.map(symptomRow));
      symptomList.hidden = list.length === 0;
      symptomNone.hidden = list.length > 0;
    } catch (e) {
      symptomFail(e, null);
    }
  }

  function addSymptom(): void {
    clearFieldError(symptomLabel, symptomError);
    api
      .addSymptom(symptomLabel.value)
      .then(async () => {
        symptomLabel.value = "";
        app.symptomsChanged();
        flashSaved();
        await loadSymptoms();
        symptomLabel.focus();
      })
      .catch((e: unknown) => symptomFail(e, symptomLabel));
  }
  symptomAdd.addEventListener("click", addSymptom);
  symptomLabel.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      addSymptom();
    }
  });

  // ---- quick amounts editor ----

  function quickRow(q: { amount: string; form: Form }, index: number): HTMLElement {
    const amountId = `settings-quick-amount-${index}`;
    const formId = `settings-quick-form-${index}`;
    const amount = h("input", {
      id: amountId,
      type: "number",
      class: "input number-input quick-amount",
      step: 0.1,
      min: 0.1,
      inputmode: "decimal",
      value: q.amount,
    });
    const form = h(
      "select",
      { id: formId, class: "input quick-form" },
      ...FORMS.map((f) => h("option", { value: f.value }, f.label)),
    );
    form.value = q.form;
    const remove = h(
      "button",
      { type: "button", class: "button small subtle quick-remove", "aria-label": `Remove quick amount ${index + 1}` },
      "Remove",
    );
    amount.addEventListener("change", saveQuick);
    form.addEventListener("change", saveQuick);
    remove.addEventListener("click", () => {
      row.remove();
      renumber();
      saveQuick();
      (quickRows.querySelector<HTMLInputElement>(".quick-amount") ?? quickAdd).focus();
    });
    const row = h(
      "div",
      { class: "quick-row" },
      h("div", { class: "field" }, h("label", { for: amountId }, "Amount (g)"), amount),
      h("div", { class: "field" }, h("label", { for: formId }, "Form"), form),
      remove,
    );
    return row;
  }

  function renumber(): void {
    quickRows.querySelectorAll<HTMLElement>(".quick-row").forEach((row, i) => {
      const amount = row.querySelector<HTMLInputElement>(".quick-amount");
      const form = row.querySelector<HTMLSelectElement>(".quick-form");
      const labels = row.querySelectorAll("label");
      if (amount) amount.id = `settings-quick-amount-${i}`;
      if (form) form.id = `settings-quick-form-${i}`;
      labels[0]?.setAttribute("for", `settings-quick-amount-${i}`);
      labels[1]?.setAttribute("for", `settings-quick-form-${i}`);
      row.querySelector(".quick-remove")?.setAttribute("aria-label", `Remove quick amount ${i + 1}`);
    });
    updateQuickControls();
  }

  function rowCount(): number {
    return quickRows.querySelectorAll(".quick-row").length;
  }

  function updateQuickControls(): void {
    const custom = quickCustom.checked;
    quickRows.hidden = !custom;
    quickAdd.hidden = !custom;
    quickAdd.disabled = rowCount() >= MAX_QUICK;
  }

  function readQuick(): QuickAmount[] | null {
    const out: QuickAmount[] = [];
    for (const row of Array.from(quickRows.querySelectorAll<HTMLElement>(".quick-row"))) {
      const amount = row.querySelector<HTMLInputElement>(".quick-amount");
      const form = row.querySelector<HTMLSelectElement>(".quick-form");
      if (!amount || !form) continue;
      if (amount.value.trim() === "" && !amount.validity.badInput) return null; // still being filled in
      const n = Number(amount.value);
      if (amount.validity.badInput || !Number.isFinite(n)) {
        showFieldError(amount, quickError, "Enter each amount in grams, like 2.5.");
        return null;
      }
      out.push({ amount_g: n, form: form.value as Form });
    }
    return out;
  }

  function saveQuick(): void {
    clearFieldError(null, quickError);
    quickRows.querySelectorAll<HTMLElement>(".quick-amount").forEach((a) => clearFieldError(a, quickError));
    if (!quickCustom.checked) {
      save((s) => ({ ...s, quick_amounts: null }));
      return;
    }
    const list = readQuick();
    if (list) save((s) => ({ ...s, quick_amounts: list }));
  }

  quickAuto.addEventListener("change", () => {
    updateQuickControls();
    saveQuick();
  });
  quickCustom.addEventListener("change", () => {
    if (rowCount() === 0) {
      // Start from the buttons the user sees now.
      const start = app.state.usual.slice(0, MAX_QUICK).map((q) => ({ amount: formatNumber(q.amount_g), form: q.form }));
      const rows = start.length ? start : [{ amount: "", form: "powder" as Form }];
      replace(quickRows, ...rows.map(quickRow));
      renumber();
    }
    updateQuickControls();
    saveQuick();
  });
  quickAdd.addEventListener("click", () => {
    if (rowCount() >= MAX_QUICK) return;
    const row = quickRow({ amount: "", form: "powder" }, rowCount());
    quickRows.appendChild(row);
    renumber();
    row.querySelector<HTMLInputElement>(".quick-amount")?.focus();
  });

  // ---- backups ----

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
      app.toast.show(`Backed up (${sizeText(b.size_bytes)})`);
      await loadBackups();
    } catch (e) {
      backupError.textContent = normaliseError(e).message;
      backupError.hidden = false;
    } finally {
      backUpNow.disabled = false;
    }
  });

  function render(): void {
    const s = app.state.settings;
    clearErrors();
    dayStart.value = String(s.day_start_hour);
    gCapsule.value = formatNumber(s.grams_per_capsule);
    gTsp.value = formatNumber(s.grams_per_tsp);
    theme.value = s.theme;
    instrument.value = s.checkin_instrument;
    void loadSymptoms();
    quickAuto.checked = s.quick_amounts === null;
    quickCustom.checked = s.quick_amounts !== null;
    replace(
      quickRows,
      ...(s.quick_amounts ?? []).map((q, i) => quickRow({ amount: formatNumber(q.amount_g), form: q.form }, i)),
    );
    updateQuickControls();
    privacy.render();
    dataDir.textContent = app.state.info.data_dir;
    version.textContent = `Taper version ${app.state.info.version}`;
    void loadBackups();
  }

  return { el, dialogs: [restore.el, ...privacy.dialogs], render };
}

/** "Restore…": says what happens, keeps the diary as it is as a backup first, reloads everything. */
function createRestoreDialog(app: Context, onDone: (before: BackupInfo) => void) {
  const text = h("p", { id: "restore-text" });
  const safe = h(
    "p",
    { id: "restore-safe" },
    "Nothing is lost: Taper first keeps your diary as it is now as a backup (“Before a restore”), so you can restore it again later.",
  );
  const formError = h("p", { id: "restore-error", class: "form-error", role: "alert", hidden: true });
  const cancel = h("button", { id: "restore-cancel", type: "button", class: "button" }, "Cancel");
  const confirm = h("button", { id: "restore-confirm", type: "submit", class: "button primary" }, "Restore");
  const form = h(
    "form",
    { id: "restore-form", class: "dialog-form", novalidate: true },
    h("div", { class: "dialog-head" }, h("h2", { id: "restore-title" }, "Restore this backup?")),
    h("div", { class: "dialog-body" }, text, safe),
    h("div", { class: "dialog-foot" }, formError, h("div", { class: "actions" }, cancel, confirm)),
  );
  const el = h("dialog", { id: "restore-dialog", class: "dialog dialog-narrow", "aria-labelledby": "restore-title", "aria-describedby": "restore-text restore-safe" }, form);
  let current: BackupInfo | null = null;
  let opener: HTMLElement | null = null;
  let busy = false;

  function close(): void {
    if (busy) return;
    if (el.open) el.close();
    if (opener?.isConnected) opener.focus();
    opener = null;
    current = null;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (busy || !current) return;
    const b = current;
    busy = true;
    confirm.disabled = true;
    cancel.disabled = true;
    formError.hidden = true;
    try {
      const before = await api.restoreBackup(b.file_name);
      busy = false;
      opener = null;
      close();
      app.toast.show(`Restored the backup from ${localDateTime(b.created_at)}. Your diary as it was is kept as a backup.`);
      await app.diaryChanged();
      onDone(before);
    } catch (err) {
      formError.textContent = normaliseError(err).message;
      formError.hidden = false;
    } finally {
      busy = false;
      confirm.disabled = false;
      cancel.disabled = false;
    }
  });
  wireFormDialog(el, form, cancel, close);

  return {
    el,
    open(b: BackupInfo, from: HTMLElement) {
      current = b;
      opener = from;
      formError.hidden = true;
      text.textContent = `Your diary will become the backup from ${localDateTime(b.created_at)} (${backupKindWords(b.kind).toLowerCase()}, ${sizeText(b.size_bytes)}). Anything entered after it was made is not in it.`;
      if (!el.open) el.showModal();
      cancel.focus();
    },
  };
}
