import "./styles.css";

import { api, FATAL_CODES, normaliseError } from "./api";
import { App, showFatal } from "./app";
import type { ApiError } from "./bindings";
import { applyCachedTheme, applyTheme } from "./theme";

async function start(): Promise<void> {
  applyCachedTheme();
  const root = document.getElementById("app");
  if (!root) return;
  let info, settings;
  try {
    info = await api.appInfo();
  } catch (e) {
    // Without app_info there is no diary to show, whatever the reason.
    showFatal(normaliseError(e));
    return;
  }
  try {
    settings = await api.getSettings();
  } catch (e) {
    const err: ApiError = normaliseError(e);
    showFatal(err);
    return;
  }
  applyTheme(settings.theme);
  const app = new App(info, settings);
  app.mount(root);
}

window.addEventListener("unhandledrejection", (e) => {
  const err = normaliseError(e.reason);
  if (FATAL_CODES.has(err.code)) showFatal(err);
});

void start();
