// Settings → Reminders: a daily check-in reminder, reminders at the usual dose times while a plan
// is in force, and quiet hours. All off by default; each change saves at once. The reminders
// themselves come from the app's shell through the desktop's notifications (src-tauri
// reminders.rs); their words never say what the person takes.

import { api, normaliseError } from "./api";
import { clockText, parseClock } from "./dates";
import { pad2 } from "./time";
import type { Reminders } from "./bindings";
import { fieldError, h } from "./dom";
import { field } from "./form-dialog";
import type { SettingsCard, SettingsSaver, SettingsView } from "./settings-card";

/**
 * A typed time as the settings keep it, "HH:MM" (24-hour): "9:30 PM" → "21:30", "2130" →
 * "21:30". Text that is not a time is passed on as typed, for the check to name it.
 */
export function storedTime(text: string): string {
  const t = parseClock(text);
  return t ? `${pad2(t.hour)}:${pad2(t.minute)}` : text.trim();
}

/** A kept "HH:MM" on the locale's clock: "21:30" → "9:30 PM" or "21:30". */
export function shownTime(hhmm: string): string {
  const t = parseClock(hhmm);
  return t ? clockText(t.hour, t.minute) : hhmm;
}

/** "8:00 AM, 2:00 PM 20:00" → ["08:00", "14:00", "20:00"]; empty → []. Commas or semicolons part them. */
export function parseTimeList(text: string): string[] {
  return text
    .split(/[,;]+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map(storedTime);
}

/** The words under the card's heading: what a reminder is, and what it says. */
export const REMINDERS_INTRO =
  "A gentle nudge from your desktop's notifications while Taper is open. They say only “Time for your check-in” or “Time for your planned dose”: never what you take. Click one to open the form.";

/**
 * `compact`: only the daily check-in and the dose reminders, without a heading (the first-start
 * onboarding; quiet hours and starting at login, which takes effect at once, stay in Settings).
 */
export function createRemindersCard(app: SettingsView, saver: SettingsSaver, { compact = false } = {}): SettingsCard {
  const checkinOn = h("input", { id: "settings-reminder-checkin", type: "checkbox", class: "checkbox" });
  const checkinAt = h("input", {
    id: "settings-reminder-checkin-at",
    class: "input time-text",
    inputmode: "numeric",
    autocomplete: "off",
    placeholder: shownTime("21:00"),
    "aria-describedby": "settings-reminder-checkin-at-error",
  });
  const checkinError = fieldError("settings-reminder-checkin-at-error");
  const doseTimes = h("input", {
    id: "settings-reminder-doses",
    class: "input",
    autocomplete: "off",
    placeholder: ["08:00", "14:00", "20:00"].map(shownTime).join(", "),
    "aria-describedby": "settings-reminder-doses-help settings-reminder-doses-error",
  });
  const doseError = fieldError("settings-reminder-doses-error");
  const quietOn = h("input", { id: "settings-reminder-quiet", type: "checkbox", class: "checkbox" });
  const quietFrom = h("input", { id: "settings-reminder-quiet-from", class: "input time-text", autocomplete: "off", placeholder: shownTime("22:00") });
  const quietTo = h("input", { id: "settings-reminder-quiet-to", class: "input time-text", autocomplete: "off", placeholder: shownTime("07:00") });
  const quietError = fieldError("settings-reminder-quiet-error");
  const atLogin = h("input", { id: "settings-start-at-login", type: "checkbox", class: "checkbox", "aria-describedby": "settings-start-at-login-error" });
  const atLoginError = fieldError("settings-start-at-login-error");
  atLogin.addEventListener("change", () => {
    const want = atLogin.checked;
    atLoginError.hidden = true;
    api
      .setStartAtLogin(want)
      .then((on) => {
        atLogin.checked = on;
        saver.flashSaved();
      })
      .catch((e) => {
        atLogin.checked = !want;
        atLoginError.textContent = normaliseError(e).message;
        atLoginError.hidden = false;
      });
  });
  const problem = h("p", { id: "settings-reminder-problem", class: "notice error", role: "status", hidden: true });

  function current(): Reminders {
    return app.state.settings.reminders;
  }

  function save(change: (r: Reminders) => Reminders): void {
    saver.save((s) => ({ ...s, reminders: change(s.reminders) }));
  }

  checkinOn.addEventListener("change", () => {
    if (checkinOn.checked && !checkinAt.value.trim()) checkinAt.value = shownTime("21:00");
    checkinAt.disabled = !checkinOn.checked;
    save((r) => ({ ...r, checkin_at: checkinOn.checked ? storedTime(checkinAt.value) : null }));
  });
  checkinAt.addEventListener("change", () => {
    if (checkinOn.checked) save((r) => ({ ...r, checkin_at: storedTime(checkinAt.value) }));
  });
  doseTimes.addEventListener("change", () => save((r) => ({ ...r, dose_times: parseTimeList(doseTimes.value) })));
  const saveQuiet = () =>
    save((r) =>
      quietOn.checked
        ? { ...r, quiet_from: storedTime(quietFrom.value || "22:00"), quiet_to: storedTime(quietTo.value || "07:00") }
        : { ...r, quiet_from: null, quiet_to: null },
    );
  quietOn.addEventListener("change", () => {
    quietFrom.disabled = quietTo.disabled = !quietOn.checked;
    saveQuiet();
  });
  quietFrom.addEventListener("change", saveQuiet);
  quietTo.addEventListener("change", saveQuiet);

  const times = [
    h("div", { class: "check" }, checkinOn, h("label", { for: checkinOn.id }, "Remind me to check in every day")),
    field("At", checkinAt, checkinError),
    field(
      "Dose reminders, while a taper plan is in force",
      doseTimes,
      h("p", { id: "settings-reminder-doses-help", class: "caption" }, `Your usual dose times, like ${["08:00", "14:00", "20:00"].map(shownTime).join(", ")}. Leave empty for none.`),
      doseError,
    ),
  ];
  const el = compact
    ? h("div", { id: "settings-reminders", class: "card" }, h("p", { class: "caption" }, REMINDERS_INTRO), ...times)
    : h(
        "section",
        { id: "settings-reminders", class: "card", "aria-labelledby": "settings-reminders-title" },
        h("h2", { id: "settings-reminders-title" }, "Reminders"),
        h("p", { class: "caption" }, REMINDERS_INTRO),
        ...times,
        h("div", { class: "check" }, quietOn, h("label", { for: quietOn.id }, "Quiet hours: no reminders")),
        h("div", { class: "field-row" }, field("From", quietFrom), field("To", quietTo)),
        quietError,
        h("div", { class: "check" }, atLogin, h("label", { for: atLogin.id }, "Start Taper when I log in, so reminders come without opening it first")),
        atLoginError,
        problem,
      );

  return {
    el,
    fields: {
      "reminders.checkin_at": { control: checkinAt, error: checkinError },
      "reminders.dose_times": { control: doseTimes, error: doseError },
      "reminders.quiet_from": { control: quietFrom, error: quietError },
      "reminders.quiet_to": { control: quietTo, error: quietError },
    },
    dialogs: [],
    render() {
      const r = current();
      checkinOn.checked = r.checkin_at !== null;
      checkinAt.disabled = r.checkin_at === null;
      if (r.checkin_at !== null) checkinAt.value = shownTime(r.checkin_at);
      doseTimes.value = r.dose_times.map(shownTime).join(", ");
      quietOn.checked = r.quiet_from !== null;
      quietFrom.disabled = quietTo.disabled = r.quiet_from === null;
      quietFrom.value = r.quiet_from ? shownTime(r.quiet_from) : "";
      quietTo.value = r.quiet_to ? shownTime(r.quiet_to) : "";
      if (compact) return;
      void api
        .startAtLogin()
        .then((on) => {
          atLogin.checked = on;
        })
        .catch(() => {
          atLogin.checked = false;
        });
      void api
        .reminderProblem()
        .then((p) => {
          problem.textContent = p ?? "";
          problem.hidden = p === null;
        })
        .catch(() => {
          problem.hidden = true;
        });
    },
  };
}
