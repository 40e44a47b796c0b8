// Settings: every change saves at once and shows a small "Saved" note. Each card is its own
// module (day-card, units-card, …, privacy-card); this screen queues their saves and shows
// errors under the field the backend names.

import { normaliseError } from "./api";
import type { AppContext } from "./app-context";
import { createAppearanceCard } from "./appearance-card";
import { createBackupsCard } from "./backups-card";
import type { Settings } from "./bindings";
import { createCheckinCard } from "./checkin-card";
import { createDataCard } from "./data-card";
import { createDayCard } from "./day-card";
import { h } from "./dom";
import { fieldErrors } from "./form-dialog";
import { createPrivacyCard } from "./privacy-card";
import { createRemindersCard } from "./reminders-card";
import type { SettingsCard, SettingsSaver } from "./settings-card";
import { createSymptomsCard } from "./symptoms-card";
import { createUnitsCard } from "./units-card";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "toast" | "saveSettings" | "symptomsChanged" | "diaryChanged">;

export type SettingsScreen = { el: HTMLElement; dialogs: HTMLDialogElement[]; render(): void };

export function createSettingsScreen(app: Context): SettingsScreen {
  const heading = h("h1", { id: "settings-heading", tabindex: -1 }, "Settings");
  const saved = h("p", { id: "settings-saved", class: "saved-note", role: "status", "aria-live": "polite" });
  const generalError = h("p", { id: "settings-error", class: "form-error", role: "alert", hidden: true });

  let savedTimer: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const saver: SettingsSaver = {
    save(change: (s: Settings) => Settings): void {
      queue = queue.then(async () => {
        clearErrors();
        try {
          await app.saveSettings(change(app.state.settings));
          flashSaved();
        } catch (e) {
          // A refused value is never shown beside an earlier "Saved".
          hideSaved();
          const err = normaliseError(e);
          if (!fields.show(err.field, err.message)) {
            generalError.textContent = err.message;
            generalError.hidden = false;
          }
        }
      });
    },
    flashSaved,
    hideSaved,
  };

  function hideSaved(): void {
    if (savedTimer !== undefined) window.clearTimeout(savedTimer);
    saved.textContent = "";
  }

  function flashSaved(): void {
    saved.textContent = "Saved";
    if (savedTimer !== undefined) window.clearTimeout(savedTimer);
    savedTimer = window.setTimeout(() => {
      saved.textContent = "";
    }, 3000);
  }

  const privacy = createPrivacyCard(app, (minutes) => saver.save((cur) => ({ ...cur, lock_after_minutes: minutes })));
  const privacyCard: SettingsCard = {
    el: privacy.el,
    fields: { lock_after_minutes: privacy.lockField },
    dialogs: privacy.dialogs,
    render: privacy.render,
  };
  const cards: SettingsCard[] = [
    createDayCard(app, saver),
    createUnitsCard(app, saver),
    createCheckinCard(app, saver),
    createSymptomsCard(app, saver),
    createAppearanceCard(app, saver),
    createRemindersCard(app, saver),
    createDataCard(app),
    createBackupsCard(app),
    privacyCard,
  ];
  const fields = fieldErrors(Object.assign({}, ...cards.map((c) => c.fields)));

  const el = h(
    "section",
    { id: "screen-settings", class: "screen", "aria-labelledby": "settings-heading", hidden: true },
    h("header", { class: "screen-header" }, heading, saved),
    generalError,
    ...cards.map((c) => c.el),
  );

  function clearErrors(): void {
    fields.clear();
    generalError.hidden = true;
    generalError.textContent = "";
  }

  function render(): void {
    clearErrors();
    for (const c of cards) c.render();
  }

  return { el, dialogs: cards.flatMap((c) => c.dialogs), render };
}
