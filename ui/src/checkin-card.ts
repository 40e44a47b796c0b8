// Settings → Check-in: which form a new check-in fills in.

import type { AppContext } from "./app-context";
import type { CheckinChoice } from "./bindings";
import { h } from "./dom";
import { createSelectCard, type SettingsCard, type SettingsSaver } from "./settings-card";

export function createCheckinCard(app: Pick<AppContext, "state">, saver: SettingsSaver): SettingsCard {
  return createSelectCard(app, saver, {
    titleId: "settings-checkin-title",
    title: "Check-in",
    setting: "checkin_instrument",
    select: h(
      "select",
      { id: "settings-instrument", class: "input", "aria-describedby": "settings-instrument-help" },
      h("option", { value: "kratom" }, "Kratom symptom checklist"),
      h("option", { value: "sows" }, "SOWS (Subjective Opiate Withdrawal Scale)"),
      h("option", { value: "both" }, "Both on one screen"),
    ),
    label: "Each time I check in, fill in",
    help: h(
      "p",
      { id: "settings-instrument-help", class: "caption" },
      "Switching changes only new check-ins; earlier ones keep the form they were filled in on. A clinician can fill in COWS from Today (Clinician entry).",
    ),
    read: (v) => v as CheckinChoice,
    write: (v) => v,
  });
}
