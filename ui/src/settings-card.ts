// What the Settings screen gives each of its cards, and what a card gives back. Every change
// saves at once: the screen queues the saves, shows "Saved" and puts an error under the field
// the backend names (each card lists its fields) or at the top of the screen.

import type { State } from "./app-context";
import type { Settings } from "./bindings";
import { fieldError, h } from "./dom";
import { field, type FieldSlot } from "./form-dialog";

/**
 * What a card reads: the settings it shows (and the quick amounts Today offers). The app gives
 * its own state; the first-start onboarding gives the settings it has not saved yet.
 */
export type SettingsView = { readonly state: Pick<State, "settings" | "usual"> };

export type SettingsSaver = {
  /** Save a change (one at a time, in order). */
  save(change: (s: Settings) => Settings): void;
  /** Shows the small "Saved" note for a few seconds. */
  flashSaved(): void;
  /** Hides the "Saved" note: a value was refused before it could be saved. */
  hideSaved(): void;
};

export type SettingsCard = {
  el: HTMLElement;
  /** The card's settings fields by their name in Settings (ApiError.field), for error routing. */
  fields: Record<string, FieldSlot>;
  /** Dialogs the card opens, mounted by the app next to the others. */
  dialogs: HTMLDialogElement[];
  /** Shows the current settings. */
  render(): void;
};

/** The settings a one-select card edits. */
type SelectSetting = "day_start_hour" | "checkin_instrument" | "theme" | "text_size";

export type SelectCardSpec<K extends SelectSetting> = {
  /** The card's heading: its id and words. */
  titleId: string;
  title: string;
  /** The setting, its select (the error line's id is the select's id + "-error"), label and help. */
  setting: K;
  select: HTMLSelectElement;
  label: string;
  help?: HTMLElement;
  /** The select's value as the setting's value, and back. */
  read(value: string): Settings[K];
  write(value: Settings[K]): string;
};

/** A card with one setting chosen from a list, saved as soon as it changes. */
export function createSelectCard<K extends SelectSetting>(
  app: SettingsView,
  saver: SettingsSaver,
  spec: SelectCardSpec<K>,
): SettingsCard {
  return createSelectsCard(app, saver, spec.titleId, spec.title, [spec]);
}

/** A card with several settings, each chosen from a list and saved as soon as it changes. */
export function createSelectsCard(
  app: SettingsView,
  saver: SettingsSaver,
  titleId: string,
  title: string,
  specs: Omit<SelectCardSpec<SelectSetting>, "titleId" | "title">[],
): SettingsCard {
  const fields: Record<string, FieldSlot> = {};
  const rows = specs.map((spec) => {
    const { select } = spec;
    const error = fieldError(`${select.id}-error`);
    fields[spec.setting] = { control: select, error };
    select.addEventListener("change", () => {
      const v = spec.read(select.value);
      saver.save((s) => ({ ...s, [spec.setting]: v }));
    });
    return field(spec.label, select, spec.help, error);
  });
  const el = h("section", { class: "card", "aria-labelledby": titleId }, h("h2", { id: titleId }, title), ...rows);
  return {
    el,
    fields,
    dialogs: [],
    render() {
      for (const spec of specs) spec.select.value = spec.write(app.state.settings[spec.setting]);
    },
  };
}
