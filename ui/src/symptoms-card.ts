// Settings → Your own symptoms: add, rename, archive or restore the user's own checklist items.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import type { Symptom } from "./bindings";
import { clearFieldError, fieldError, h, replace, showFieldError } from "./dom";
import type { SettingsCard, SettingsSaver } from "./settings-card";

export function createSymptomsCard(app: Pick<AppContext, "symptomsChanged">, saver: SettingsSaver): SettingsCard {
  const flashSaved = saver.flashSaved;
  const symptomLabel = h("input", { id: "symptom-new-label", type: "text", class: "input", maxlength: 60, autocomplete: "off" });
  const symptomAdd = h("button", { id: "symptom-add", type: "button", class: "button" }, "Add symptom");
  const symptomError = fieldError("symptom-error");
  const symptomList = h("ul", { id: "symptom-list", class: "rows", "aria-label": "Your own symptoms" });
  const symptomNone = h("p", { id: "symptom-none", class: "muted" }, "You have not added any symptoms yet.");

  const el = h(
    "section",
    { class: "card", "aria-labelledby": "settings-symptoms-title" },
    h("h2", { id: "settings-symptoms-title" }, "Your own symptoms"),
    h("p", { class: "caption" }, "Added to the kratom checklist and rated 0–4 like the others. Archived symptoms leave the form but stay in old check-ins."),
    h("div", { class: "inline-field" }, h("label", { for: "symptom-new-label" }, "New symptom"), symptomLabel, symptomAdd),
    symptomError,
    symptomList,
    symptomNone,
  );


  function symptomFail(e: unknown, control: HTMLElement | null): void {
    showFieldError(control, symptomError, normaliseError(e).message);
    control?.focus();
  }

  function symptomRow(sym: Symptom): HTMLLIElement {
    const inputId = `symptom-rename-${sym.key}`;
    const input = h("input", { id: inputId, type: "text", class: "input symptom-rename-input", value: sym.label, maxlength: 60 });
    const rename = h("button", { type: "button", class: "button small symptom-rename" }, "Save name");
    const archive = h(
      "button",
      { type: "button", class: "button small subtle symptom-archive" },
      sym.archived ? "Restore" : "Archive",
    );
    rename.addEventListener("click", () => {
      clearFieldError(null, symptomError);
      api
        .renameSymptom(sym.key, input.value)
        .then(async () => {
          app.symptomsChanged();
          flashSaved();
          await loadSymptoms();
        })
        .catch((e: unknown) => symptomFail(e, input));
    });
    input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        rename.click();
      }
    });
    archive.addEventListener("click", () => {
      clearFieldError(null, symptomError);
      api
        .archiveSymptom(sym.key, !sym.archived)
        .then(async () => {
          app.symptomsChanged();
          flashSaved();
          await loadSymptoms();
          symptomList.querySelector<HTMLElement>(`li[data-key="${CSS.escape(sym.key)}"] .symptom-archive`)?.focus();
        })
        .catch((e: unknown) => symptomFail(e, null));
    });
    return h(
      "li",
      { class: `custom-symptom${sym.archived ? " archived" : ""}`, "data-key": sym.key },
      h("label", { class: "visually-hidden", for: inputId }, `Name of ${sym.label}`),
      input,
      sym.archived ? h("span", { class: "tag symptom-archived" }, "Archived") : null,
      h("div", { class: "row-actions" }, rename, archive),
    );
  }

  async function loadSymptoms(): Promise<void> {
    try {
      const list = (await api.allSymptoms()).filter((x) => x.key.startsWith("custom_"));
      replace(symptomList, ...list.map(symptomRow));
      symptomList.hidden = list.length === 0;
      symptomNone.hidden = list.length > 0;
    } catch (e) {
      symptomFail(e, null);
    }
  }

  function addSymptom(): void {
    clearFieldError(symptomLabel, symptomError);
    api
      .addSymptom(symptomLabel.value)
      .then(async () => {
        symptomLabel.value = "";
        app.symptomsChanged();
        flashSaved();
        await loadSymptoms();
        symptomLabel.focus();
      })
      .catch((e: unknown) => symptomFail(e, symptomLabel));
  }
  symptomAdd.addEventListener("click", addSymptom);
  symptomLabel.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      addSymptom();
    }
  });

  return {
    el,
    fields: {},
    dialogs: [],
    render() {
      void loadSymptoms();
    },
  };
}
