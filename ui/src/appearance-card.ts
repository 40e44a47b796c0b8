// Settings → Appearance: the theme (system, light, dark) and the text size (100-200 %, also
// Ctrl+= / Ctrl+- / Ctrl+0 anywhere).

import type { AppContext } from "./app-context";
import type { Theme } from "./bindings";
import { h } from "./dom";
import { createSelectsCard, type SettingsCard, type SettingsSaver } from "./settings-card";
import { TEXT_SIZES } from "./text-size";

export function createAppearanceCard(app: Pick<AppContext, "state">, saver: SettingsSaver): SettingsCard {
  return createSelectsCard(app, saver, "settings-look-title", "Appearance", [
    {
      setting: "theme",
      select: h(
        "select",
        { id: "settings-theme", class: "input" },
        h("option", { value: "system" }, "System"),
        h("option", { value: "light" }, "Light"),
        h("option", { value: "dark" }, "Dark"),
      ),
      label: "Theme",
      read: (v: string) => v as Theme,
      write: (v: Theme) => v,
    },
    {
      setting: "text_size",
      select: h(
        "select",
        { id: "settings-text-size", class: "input", "aria-describedby": "settings-text-size-help" },
        ...TEXT_SIZES.map((s) => h("option", { value: String(s) }, `${s} %`)),
      ),
      label: "Text size",
      help: h("p", { id: "settings-text-size-help", class: "caption" }, "Everything in the window grows with it. Ctrl+= and Ctrl+- change it anywhere, Ctrl+0 goes back to 100 %."),
      read: (v: string) => Number(v),
      write: (v: number) => String(v),
    },
  ]);
}
