// Settings → Reminders: a daily check-in reminder, reminders at the usual dose times while a plan
// is in force, and quiet hours. All off by default; each change saves at once. The reminders
// themselves come from the app's shell through the desktop's notifications (src-tauri
// reminders.rs); their words never say what the person takes. "Keep Taper running in the tray"
// and "Start Taper when I log in" belong to this computer, not the diary: the shell keeps them
// (src-tauri tray.rs, the autostart entry), both off by default.

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

/**
 * A checkbox the shell keeps outside the diary (start at login, the tray): a change is sent at
 * once and the box shows what the shell answers; a refusal puts it back and says why below it.
 */
function toggle(
  box: HTMLInputElement,
  error: HTMLElement,
  set: (on: boolean) => Promise<boolean>,
  saver: SettingsSaver,
  after: () => void = () => {},
): void {
  box.addEventListener("change", () => {
    const want = box.checked;
    error.hidden = true;
    set(want)
      .then((on) => {
        box.checked = on;
        saver.flashSaved();
      })
      .catch((e) => {
        box.checked = !want;
        error.textContent = normaliseError(e).message;
        error.hidden = false;
      })
      .finally(after);
  });
}

/** The words under the card's heading: what a reminder is, and what it says. */
export const REMINDERS_INTRO =
  "A gentle nudge from your desktop's notifications while Taper is open. They say only “Time for your check-in” or “Time for your planned dose”: never what you take. Click one to open the form.";

/**
 * `compact`: only the daily check-in and the dose reminders, without a heading (the first-start
 * onboarding; quiet hours, the tray and starting at login, which take effect at once, stay in
 * Settings).
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
  toggle(atLogin, atLoginError, (on) => api.setStartAtLogin(on), saver);
  const inTray = h("input", {
    id: "settings-keep-in-tray",
    type: "checkbox",
    class: "checkbox",
    "aria-describedby": "settings-keep-in-tray-help settings-keep-in-tray-error settings-tray-problem",
  });
  const inTrayError = fieldError("settings-keep-in-tray-error");
  const trayProblem = h("p", { id: "settings-tray-problem", class: "notice error", role: "status", hidden: true });
  const showTrayProblem = () =>
    void api
      .trayProblem()
      .then((p) => {
        trayProblem.textContent = p ?? "";
        trayProblem.hidden = p === null;
      })
      .catch(() => {
        trayProblem.hidden = true;
      });
  toggle(inTray, inTrayError, (on) => api.setKeepInTray(on), saver, showTrayProblem);
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
        h("div", { class: "check" }, inTray, h("label", { for: inTray.id }, "Keep Taper running in the tray")),
        h(
          "p",
          { id: "settings-keep-in-tray-help", class: "caption check-help" },
          "Closing the window then leaves Taper running, so reminders still come; its icon logs a dose, opens a check-in or quits. If your desktop shows no tray, start Taper again to bring the window back.",
        ),
        inTrayError,
        trayProblem,
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
        .keepInTray()
        .then((on) => {
          inTray.checked = on;
        })
        .catch(() => {
          inTray.checked = false;
        });
      showTrayProblem();
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
