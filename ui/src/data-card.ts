// Settings → Your data: where the diary lives (with "Open folder"), and the version.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import { fieldError, h } from "./dom";
import type { SettingsCard } from "./settings-card";

export function createDataCard(app: Pick<AppContext, "state">): SettingsCard {
  const dataDir = h("p", { id: "settings-data-dir", class: "path selectable" });
  const open = h("button", { id: "settings-open-folder", type: "button", class: "button", "aria-describedby": "settings-data-dir" }, "Open folder");
  const error = fieldError("settings-open-folder-error");
  const version = h("p", { id: "settings-version" });

  open.addEventListener("click", () => {
    error.hidden = true;
    open.disabled = true;
    api
      .openDataFolder()
      .catch((e) => {
        error.textContent = normaliseError(e).message;
        error.hidden = false;
      })
      .finally(() => {
        open.disabled = false;
      });
  });

  const el = h(
    "section",
    { class: "card", "aria-labelledby": "settings-data-title" },
    h("h2", { id: "settings-data-title" }, "Your data"),
    h("p", { class: "caption" }, "Your diary is stored only on this computer, in this folder:"),
    h("div", { class: "data-where" }, dataDir, open),
    error,
    version,
  );

  return {
    el,
    fields: {},
    dialogs: [],
    render() {
      dataDir.textContent = app.state.info.data_dir;
      version.textContent = `Taper version ${app.state.info.version}`;
      error.hidden = true;
    },
  };
}
