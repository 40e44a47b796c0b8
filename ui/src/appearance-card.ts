// Settings → Appearance: the theme (system, light, dark).

import type { AppContext } from "./app-context";
import type { Theme } from "./bindings";
import { h } from "./dom";
import { createSelectCard, type SettingsCard, type SettingsSaver } from "./settings-card";

export function createAppearanceCard(app: Pick<AppContext, "state">, saver: SettingsSaver): SettingsCard {
  return createSelectCard(app, saver, {
    titleId: "settings-look-title",
    title: "Appearance",
    setting: "theme",
    select: h(
      "select",
      { id: "settings-theme", class: "input" },
      h("option", { value: "system" }, "System"),
      h("option", { value: "light" }, "Light"),
      h("option", { value: "dark" }, "Dark"),
    ),
    label: "Theme",
    read: (v) => v as Theme,
    write: (v) => v,
  });
}
