// Settings → Day: the hour a diary day starts.

import { h } from "./dom";
import { hourLabel } from "./format";
import { createSelectCard, type SettingsCard, type SettingsSaver, type SettingsView } from "./settings-card";

export function createDayCard(app: SettingsView, saver: SettingsSaver): SettingsCard {
  return createSelectCard(app, saver, {
    titleId: "settings-day-title",
    title: "Day",
    setting: "day_start_hour",
    select: h(
      "select",
      { id: "settings-day-start", class: "input", "aria-describedby": "settings-day-start-help" },
      ...Array.from({ length: 24 }, (_, i) => h("option", { value: i }, hourLabel(i))),
    ),
    label: "Day starts at",
    help: h(
      "p",
      { id: "settings-day-start-help", class: "caption" },
      "A day runs from this hour to the same hour next morning, so a night is not split.",
    ),
    read: Number,
    write: String,
  });
}
