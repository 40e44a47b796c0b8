// Settings → Your data: where the diary lives, and the version.

import type { AppContext } from "./app-context";
import { h } from "./dom";
import type { SettingsCard } from "./settings-card";

export function createDataCard(app: Pick<AppContext, "state">): SettingsCard {
  const dataDir = h("p", { id: "settings-data-dir", class: "path selectable" });
  const version = h("p", { id: "settings-version" });

  const el = h(
    "section",
    { class: "card", "aria-labelledby": "settings-data-title" },
    h("h2", { id: "settings-data-title" }, "Your data"),
    h("p", { class: "caption" }, "Your diary is stored only on this computer, in this folder:"),
    dataDir,
    version,
  );

  return {
    el,
    fields: {},
    dialogs: [],
    render() {
      dataDir.textContent = app.state.info.data_dir;
      version.textContent = `Taper version ${app.state.info.version}`;
    },
  };
}
