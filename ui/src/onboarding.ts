// First start, once a new diary is open: a short welcome (what Taper is and is not), the units
// and the day start, an optional passphrase, optional reminders; then Today. Skip on every step
// saves only "done" (with the steps already passed); each step's settings are saved by its Next,
// the last one's together with "done". It uses Settings' own cards (units, day, reminders) over
// settings not saved yet, and the same passphrase path as Settings › Privacy. Enter is Next;
// Esc does nothing here: a reflex would otherwise skip the rest and lose what the step had typed.

import { api, normaliseError } from "./api";
import type { AppInfo, QuickAmount, Settings } from "./bindings";
import { createDayCard } from "./day-card";
import { clearFieldError, fieldError, h, replace, showFieldError } from "./dom";
import { field, fieldErrors } from "./form-dialog";
import { FORGET_WARNING } from "./gate-screens";
import { doneSettings, enterMeansNext, passphraseChoice, STEPS, stepText, type StepKey } from "./onboarding-steps";
import { createRemindersCard } from "./reminders-card";
import type { SettingsSaver } from "./settings-card";
import { createUnitsCard } from "./units-card";

const TITLES: Record<StepKey, string> = {
  // The first-start screen before it is "Welcome to Taper" already.
  welcome: "Before you begin",
  units: "Your units and your day",
  passphrase: "A passphrase, if you want one",
  reminders: "Reminders, if you want them",
};

/**
 * Shows the onboarding in `root`; resolves once it is finished or skipped (and saved). The
 * caller then loads the diary's settings and opens Today.
 */
export function runOnboarding(root: HTMLElement, info: AppInfo, settings: Settings): Promise<void> {
  return new Promise((done) => {
    let current = info;
    /** The settings as last saved: what Skip marks done. */
    let stored = settings;
    // The cards read and change these; only a step's Next saves them.
    const view = { state: { settings: { ...settings }, usual: [] as QuickAmount[] } };
    const saver: SettingsSaver = {
      save(change) {
        view.state.settings = change(view.state.settings);
      },
      flashSaved() {},
      hideSaved() {},
    };
    const units = createUnitsCard(view, saver, { quick: false });
    const day = createDayCard(view, saver);
    const reminders = createRemindersCard(view, saver, { compact: true });
    const fields = fieldErrors({ ...units.fields, ...day.fields, ...reminders.fields });

    // ---- the steps' bodies ----
    const welcome = h(
      "div",
      { class: "onboarding-step", id: "onboarding-welcome" },
      h("p", { class: "lead" }, "A private diary for coming off kratom, one day at a time. However today is going, you are welcome here."),
      h(
        "div",
        { class: "onboarding-is" },
        h(
          "section",
          { "aria-labelledby": "onboarding-is-title" },
          h("h2", { id: "onboarding-is-title" }, "What Taper is"),
          h(
            "ul",
            {},
            h("li", {}, "A quick diary of your doses, symptoms, cravings and sleep."),
            h("li", {}, "A plan for a gradual taper, and how it is going."),
            h("li", {}, "A one-page report for your doctor or counsellor."),
          ),
        ),
        h(
          "section",
          { "aria-labelledby": "onboarding-isnt-title" },
          h("h2", { id: "onboarding-isnt-title" }, "What it is not"),
          h(
            "ul",
            {},
            h("li", {}, "Medical advice or a diagnosis. A doctor can help you come off safely."),
            h("li", {}, "A judge: no streaks, no grades. Hard days count too."),
          ),
        ),
      ),
      h(
        "p",
        { id: "onboarding-private", class: "onboarding-private" },
        h("strong", {}, "Everything stays on this computer."),
        " Taper sends nothing anywhere and makes no network connections.",
      ),
      h("p", { class: "caption" }, "The next steps are optional: Skip goes straight to Today, and all of it is in Settings."),
    );

    const unitsStep = h(
      "div",
      { class: "onboarding-step onboarding-cards", id: "onboarding-units" },
      h(
        "p",
        { class: "caption onboarding-intro" },
        "Taper turns capsules and teaspoons into grams with these, so weigh a few of yours once if you can. These are the usual values; keep them if you are not sure.",
      ),
      units.el,
      day.el,
    );

    const pass = h("input", { id: "onboarding-passphrase", type: "password", class: "input", autocomplete: "new-password", "aria-describedby": "onboarding-passphrase-warning" });
    const again = h("input", { id: "onboarding-passphrase-again", type: "password", class: "input", autocomplete: "new-password" });
    const passError = fieldError("onboarding-passphrase-error");
    const passForm = h(
      "div",
      { class: "field-group" },
      h(
        "p",
        { class: "caption onboarding-intro" },
        "Recommended on a shared computer or a laptop: Taper then encrypts your diary and its backups, and asks for the passphrase when it starts. Leave both boxes empty to go on without one; you can set one later in Settings › Privacy.",
      ),
      h("div", { class: "field-row" }, field("Passphrase", pass), field("Type it again", again)),
      passError,
      h(
        "p",
        { id: "onboarding-passphrase-warning", class: "caption warning" },
        h("strong", {}, "A forgotten passphrase cannot be recovered. "),
        FORGET_WARNING,
      ),
      h("p", { class: "caption" }, "Reports and spreadsheets you export are files of their own and are not encrypted; Taper says so where you export."),
    );
    const passDone = h(
      "p",
      { id: "onboarding-passphrase-on", class: "privacy-on" },
      "Your diary and its backups are encrypted with your passphrase. You can change it later in Settings › Privacy.",
    );
    const passStep = h("div", { class: "onboarding-step", id: "onboarding-passphrase-step" }, passForm, passDone);
    for (const input of [pass, again]) input.addEventListener("input", () => clearFieldError(pass, passError));

    const remindersStep = h(
      "div",
      { class: "onboarding-step onboarding-cards", id: "onboarding-reminders" },
      reminders.el,
      h("p", { class: "caption" }, "Quiet hours, and starting Taper when you log in, are in Settings › Reminders."),
    );

    const bodies: Record<StepKey, HTMLElement> = { welcome, units: unitsStep, passphrase: passStep, reminders: remindersStep };

    // ---- the frame ----
    const title = h("h1", { id: "onboarding-title", tabindex: -1, "aria-describedby": "onboarding-progress" });
    const progress = h("p", { id: "onboarding-progress", class: "onboarding-progress" });
    const stepItems = STEPS.map((s, i) =>
      h("li", { class: "onboarding-dot" }, h("span", { class: "onboarding-dot-number", "aria-hidden": "true" }, String(i + 1)), h("span", { class: "onboarding-dot-name" }, s.name)),
    );
    const body = h("div", { class: "onboarding-body", id: "onboarding-body" });
    const general = h("p", { id: "onboarding-error", class: "form-error", role: "alert", hidden: true });
    const skip = h("button", { id: "onboarding-skip", type: "button", class: "button subtle" }, "Skip");
    const back = h("button", { id: "onboarding-back", type: "button", class: "button" }, "Back");
    const next = h("button", { id: "onboarding-next", type: "submit", class: "button primary" }, "Next");
    const form = h(
      "form",
      { id: "onboarding-form", class: "fatal-card onboarding-card", novalidate: true, "aria-labelledby": "onboarding-title" },
      h("div", { class: "onboarding-top" }, progress, h("ol", { class: "onboarding-dots", "aria-label": "Setup steps" }, ...stepItems)),
      title,
      body,
      general,
      h("div", { class: "onboarding-actions" }, skip, h("span", { class: "onboarding-spacer" }), back, next),
    );
    replace(root, h("main", { id: "onboarding", class: "fatal onboarding" }, form));

    let index = 0;
    let busy = false;

    function show(i: number): void {
      index = i;
      const key = STEPS[i].key;
      title.textContent = TITLES[key];
      progress.textContent = stepText(i);
      stepItems.forEach((li, n) => {
        li.classList.toggle("done", n < i);
        if (n === i) li.setAttribute("aria-current", "step");
        else li.removeAttribute("aria-current");
      });
      back.hidden = i === 0;
      next.textContent = i === STEPS.length - 1 ? "Finish" : "Next";
      general.hidden = true;
      fields.clear();
      if (key === "units") {
        units.render();
        day.render();
      } else if (key === "reminders") {
        reminders.render();
      } else if (key === "passphrase") {
        passForm.hidden = current.encrypted;
        passDone.hidden = !current.encrypted;
        if (current.encrypted) title.textContent = "Your diary is protected";
      }
      replace(body, bodies[key]);
      body.scrollTop = 0;
      title.focus();
    }

    /** Hands what is typed in the step's boxes to its card, as leaving each box would. */
    function takeTyped(): void {
      for (const c of Array.from(body.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input:not([type=password]), select"))) {
        c.dispatchEvent(new Event("change"));
      }
    }

    /** The first error the step shows, focused; false when there is none. */
    function focusError(): boolean {
      const bad = body.querySelector<HTMLElement>("[aria-invalid=true]");
      if (!bad) return false;
      bad.focus();
      return true;
    }

    function setBusy(on: boolean, words = "Next"): void {
      busy = on;
      for (const b of [skip, back, next]) b.disabled = on;
      next.textContent = on ? words : index === STEPS.length - 1 ? "Finish" : "Next";
    }

    function showError(e: unknown): void {
      const err = normaliseError(e);
      if (!fields.show(err.field, err.message)) {
        general.textContent = err.message;
        general.hidden = false;
      }
    }

    async function saveStep(settingsToSave: Settings): Promise<boolean> {
      try {
        stored = await api.saveSettings(settingsToSave);
        view.state.settings = { ...stored };
        return true;
      } catch (e) {
        showError(e);
        return false;
      }
    }

    async function goNext(): Promise<void> {
      if (busy) return;
      general.hidden = true;
      const key = STEPS[index].key;
      if (key === "units" || key === "reminders") {
        fields.clear();
        takeTyped();
        if (focusError()) return;
        const last = key === "reminders";
        setBusy(true, "Saving…");
        const ok = await saveStep(last ? doneSettings(view.state.settings) : view.state.settings);
        setBusy(false);
        if (!ok) return;
        if (last) {
          done();
          return;
        }
      } else if (key === "passphrase" && !current.encrypted) {
        clearFieldError(pass, passError);
        const choice = passphraseChoice(pass.value, again.value);
        if (choice.kind === "problem") {
          showFieldError(pass, passError, choice.message);
          (choice.focus === "second" ? again : pass).focus();
          return;
        }
        if (choice.kind === "set") {
          setBusy(true, "Encrypting…");
          try {
            current = await api.setPassphrase(null, choice.passphrase);
            pass.value = again.value = "";
          } catch (e) {
            const err = normaliseError(e);
            if (err.field === "passphrase") {
              showFieldError(pass, passError, err.message);
              setBusy(false);
              pass.focus();
            } else {
              setBusy(false);
              showError(err);
            }
            return;
          }
          setBusy(false);
        }
      }
      show(index + 1);
    }

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void goNext();
    });
    form.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" || e.isComposing || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (!target || !enterMeansNext(target.tagName, target.getAttribute("type"))) return;
      e.preventDefault();
      void goNext();
    });
    back.addEventListener("click", () => {
      if (busy || index === 0) return;
      // What was typed on this step is kept for when the person comes back to it (not saved).
      takeTyped();
      show(index - 1);
    });
    skip.addEventListener("click", () => {
      if (busy) return;
      void (async () => {
        setBusy(true, next.textContent ?? "Next");
        const ok = await saveStep(doneSettings(stored));
        setBusy(false);
        if (ok) done();
      })();
    });

    show(0);
  });
}
