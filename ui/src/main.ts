import "./styles.css";

import { api, FATAL_CODES, GATE_CODES, normaliseError } from "./api";
import { App } from "./app";
import { showUnlock, showWelcome } from "./gate-screens";
import { runOnboarding } from "./onboarding";
import { onboardingShows } from "./onboarding-steps";
import { applyCachedTheme, applyTheme } from "./theme";
import { applyCachedTextSize, applyTextSize, watchTextSizeKeysBeforeDiary } from "./text-size";
import { NOTICE_KEY, showTrouble } from "./trouble-screen";

async function start(): Promise<void> {
  applyCachedTheme();
  applyCachedTextSize();
  const root = document.getElementById("app");
  if (!root) return;
  let opening;
  try {
    opening = await api.opening();
  } catch (e) {
    showTrouble(normaliseError(e));
    return;
  }
  // The diary's own settings take over the text size keys once it is open.
  if (opening.state !== "open") watchTextSizeKeysBeforeDiary();
  switch (opening.state) {
    case "first_start":
      showWelcome();
      return;
    case "needs_passphrase":
      showUnlock({ encrypted: true, dbPath: opening.db_path });
      return;
    case "app_locked":
      showUnlock({ encrypted: opening.encrypted });
      return;
    case "trouble":
      showTrouble(opening.trouble.error, opening.trouble);
      return;
    case "open":
      break;
  }
  let info, settings;
  try {
    [info, settings] = await Promise.all([api.appInfo(), api.getSettings()]);
  } catch (e) {
    // Without these there is no diary to show, whatever the reason.
    showTrouble(normaliseError(e));
    return;
  }
  applyTheme(settings.theme);
  void applyTextSize(settings.text_size);
  // A new diary's first start: the welcome and a few choices, once; then Today.
  const onboarded = onboardingShows(info);
  if (onboarded) {
    await runOnboarding(root, info, settings);
    try {
      // The day start and the passphrase may have changed.
      [info, settings] = await Promise.all([api.appInfo(), api.getSettings()]);
    } catch (e) {
      showTrouble(normaliseError(e));
      return;
    }
  }
  const app = new App(info, settings);
  app.mount(root);
  if (onboarded) document.querySelector<HTMLElement>("#screen-today h1")?.focus();
  // What a way out of the trouble screen did, said once the diary is open again.
  const notice = sessionStorage.getItem(NOTICE_KEY);
  if (notice) {
    sessionStorage.removeItem(NOTICE_KEY);
    app.toast.show(notice);
  }
}

window.addEventListener("unhandledrejection", (e) => {
  const err = normaliseError(e.reason);
  if (GATE_CODES.has(err.code)) window.location.reload();
  else if (FATAL_CODES.has(err.code)) showTrouble(err);
});

void start();
