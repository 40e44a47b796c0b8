import "./styles.css";

import { api, FATAL_CODES, normaliseError } from "./api";
import { App } from "./app";
import type { ApiError } from "./bindings";
import { applyCachedTheme, applyTheme } from "./theme";
import { NOTICE_KEY, showTrouble } from "./trouble-screen";

async function start(): Promise<void> {
  applyCachedTheme();
  const root = document.getElementById("app");
  if (!root) return;
  let info, settings;
  try {
    info = await api.appInfo();
  } catch (e) {
    // Without app_info there is no diary to show, whatever the reason.
    showTrouble(normaliseError(e));
    return;
  }
  try {
    settings = await api.getSettings();
  } catch (e) {
    const err: ApiError = normaliseError(e);
    showTrouble(err);
    return;
  }
  applyTheme(settings.theme);
  const app = new App(info, settings);
  app.mount(root);
  // What a way out of the trouble screen did, said once the diary is open again.
  const notice = sessionStorage.getItem(NOTICE_KEY);
  if (notice) {
    sessionStorage.removeItem(NOTICE_KEY);
    app.toast.show(notice);
  }
}

window.addEventListener("unhandledrejection", (e) => {
  const err = normaliseError(e.reason);
  if (FATAL_CODES.has(err.code)) showTrouble(err);
});

void start();
