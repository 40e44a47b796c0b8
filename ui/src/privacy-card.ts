// Settings → Privacy: the passphrase (set, change, remove), the app lock, and "Delete all my
// data". Each change to the passphrase converts the diary and its backups in the backend.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import { clearFieldError, fieldError, h, replace, showFieldError } from "./dom";
import { createFormDialog, field } from "./form-dialog";
import { clearDraft } from "./draft";
import { passphrasePairProblem } from "./gate-screens";
import { lockNow } from "./idle-lock";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "toast">;

export const LOCK_CHOICES: (number | null)[] = [null, 1, 5, 15, 30, 60];
export const DELETE_WORDS = "delete my data";

type Mode = "set" | "change" | "remove";

export type PrivacyCard = {
  el: HTMLElement;
  dialogs: HTMLDialogElement[];
  /** The lock setting's control and error line, for Settings' error routing. */
  lockField: { control: HTMLElement; error: HTMLElement };
  render(): void;
};

export function createPrivacyCard(app: Context, onSave: (minutes: number | null) => void): PrivacyCard {
  const status = h("p", { id: "privacy-status" });
  const setBtn = h("button", { id: "passphrase-set", type: "button", class: "button" }, "Set a passphrase…");
  const changeBtn = h("button", { id: "passphrase-change", type: "button", class: "button" }, "Change passphrase…");
  const removeBtn = h("button", { id: "passphrase-remove", type: "button", class: "button" }, "Remove passphrase…");
  const lockAfter = h(
    "select",
    { id: "settings-lock-after", class: "input", "aria-describedby": "settings-lock-help" },
    ...LOCK_CHOICES.map((m) => h("option", { value: m === null ? "" : m }, m === null ? "Never" : m === 1 ? "After 1 minute without use" : `After ${m} minutes without use`)),
  );
  const lockError = fieldError("settings-lock-after-error");
  const lockBtn = h("button", { id: "lock-now", type: "button", class: "button" }, "Lock now");
  const deleteBtn = h("button", { id: "delete-all", type: "button", class: "button warn" }, "Delete all my data…");

  const pass = createPassphraseDialog(app, () => render());
  const wipe = createDeleteDialog();

  const el = h(
    "section",
    { id: "settings-privacy", class: "card", "aria-labelledby": "settings-privacy-title" },
    h("h2", { id: "settings-privacy-title" }, "Privacy"),
    status,
    h("div", { class: "actions privacy-actions" }, setBtn, changeBtn, removeBtn),
    h("div", { class: "field" }, h("label", { for: "settings-lock-after" }, "Lock Taper"), h("div", { class: "inline-field" }, lockAfter, lockBtn), lockError),
    h(
      "p",
      { id: "settings-lock-help", class: "caption" },
      "While Taper is locked the window shows nothing from your diary. With a passphrase, unlocking needs it. Ctrl+L locks at once.",
    ),
    h("h3", {}, "Delete all my data"),
    h(
      "p",
      { class: "caption" },
      "Deletes your diary, its backups and your settings from this computer, and Taper starts afresh. Files you exported elsewhere are not touched.",
    ),
    h("div", { class: "actions privacy-actions" }, deleteBtn),
  );

  setBtn.addEventListener("click", () => pass.open("set", setBtn));
  changeBtn.addEventListener("click", () => pass.open("change", changeBtn));
  removeBtn.addEventListener("click", () => pass.open("remove", removeBtn));
  lockBtn.addEventListener("click", () => void lockNow());
  deleteBtn.addEventListener("click", () => wipe.open(deleteBtn));
  lockAfter.addEventListener("change", () => {
    clearFieldError(lockAfter, lockError);
    onSave(lockAfter.value === "" ? null : Number(lockAfter.value));
  });

  function render(): void {
    const encrypted = app.state.info.encrypted;
    status.textContent = encrypted
      ? "Your diary and its backups are encrypted with your passphrase."
      : "Your diary is not encrypted: anyone who can open your files can read it. A passphrase encrypts the diary and its backups.";
    status.className = encrypted ? "privacy-on" : "privacy-off";
    setBtn.hidden = encrypted;
    changeBtn.hidden = !encrypted;
    removeBtn.hidden = !encrypted;
    const m = app.state.settings.lock_after_minutes;
    lockAfter.value = m === null ? "" : String(m);
    if (lockAfter.value !== (m === null ? "" : String(m))) {
      // A value set elsewhere (the CLI, an older version) that is not in the list.
      lockAfter.append(h("option", { value: m ?? "" }, `After ${m} minutes without use`));
      lockAfter.value = String(m);
    }
  }

  return { el, dialogs: [pass.el, wipe.el], lockField: { control: lockAfter, error: lockError }, render };
}

const COPY: Record<Mode, { title: string; intro: string; submit: string; done: string }> = {
  set: {
    title: "Set a passphrase",
    intro: "Taper encrypts your diary and every backup with it, and asks for it when it starts. If you forget it, nobody can open your diary or its backups: not you, not Taper's makers. Write it down and keep it somewhere safe.",
    submit: "Encrypt my diary",
    done: "Your diary and its backups are now encrypted.",
  },
  change: {
    title: "Change passphrase",
    intro: "Your diary and every backup are encrypted again with the new passphrase; the old one stops working.",
    submit: "Change passphrase",
    done: "Passphrase changed. Your diary and its backups use the new one.",
  },
  remove: {
    title: "Remove passphrase",
    intro: "Your diary and its backups will be stored without encryption: anyone who can open your files can read them.",
    submit: "Remove passphrase",
    done: "The passphrase is removed. Your diary is no longer encrypted.",
  },
};

function createPassphraseDialog(app: Context, onDone: () => void) {
  const intro = h("p", { id: "passphrase-intro" });
  const current = h("input", { id: "passphrase-current", type: "password", class: "input", autocomplete: "current-password" });
  const currentError = fieldError("passphrase-current-error");
  const next = h("input", { id: "passphrase-new", type: "password", class: "input", autocomplete: "new-password" });
  const again = h("input", { id: "passphrase-again", type: "password", class: "input", autocomplete: "new-password" });
  const nextError = fieldError("passphrase-new-error");
  const currentField = field("Current passphrase", current, currentError);
  const nextFields = h("div", { class: "field-group" }, field("New passphrase", next), field("Type it again", again, nextError));
  let mode: Mode = "set";
  const d = createFormDialog({
    name: "passphrase",
    size: "narrow",
    describedBy: "passphrase-intro",
    body: [intro, currentField, nextFields],
    ids: { error: "passphrase-error", save: "passphrase-submit" },
    save: "Save",
    holdWhileBusy: true,
    onClose: () => {
      for (const i of [current, next, again]) i.value = "";
    },
    fallbackFocus: () => document.getElementById("settings-privacy-title")?.scrollIntoView(),
  });
  const { form, title, save: submit } = d;

  function clearErrors(): void {
    clearFieldError(current, currentError);
    clearFieldError(next, nextError);
    d.formError.hidden = true;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (d.busy) return;
    clearErrors();
    const needsCurrent = mode !== "set";
    const needsNew = mode !== "remove";
    if (needsCurrent && current.value === "") {
      showFieldError(current, currentError, "Type your current passphrase.");
      current.focus();
      return;
    }
    if (needsNew) {
      const problem = passphrasePairProblem(next.value, again.value);
      if (problem) {
        showFieldError(next, nextError, problem);
        (problem.startsWith("The two") ? again : next).focus();
        return;
      }
    }
    const done = COPY[mode].done;
    const send = async () => {
      const info = await api.setPassphrase(needsCurrent ? current.value : null, needsNew ? next.value : null);
      app.state.info = info;
      // Drafts of new doses are kept in the session only while the diary is encrypted.
      if (info.encrypted) clearDraft(localStorage);
    };
    const saved = () => {
      onDone();
      app.toast.show(done);
    };
    void d.saveAndClose(send, saved, (err) => {
      if (err.code === "wrong_passphrase") {
        showFieldError(current, currentError, "That is not your current passphrase.");
        current.select();
        current.focus();
      } else if (err.field === "passphrase") {
        showFieldError(next, nextError, err.message);
        next.focus();
      } else {
        d.showMessage(err.message);
      }
    });
  });

  return {
    el: d.el,
    open(m: Mode, from: HTMLElement) {
      mode = m;
      d.rememberOpener(from);
      clearErrors();
      title.textContent = COPY[m].title;
      intro.textContent = COPY[m].intro;
      submit.textContent = COPY[m].submit;
      submit.className = m === "remove" ? "button warn" : "button primary";
      currentField.hidden = m === "set";
      nextFields.hidden = m === "remove";
      d.showModal();
      (m === "set" ? next : current).focus();
    },
  };
}

function createDeleteDialog() {
  const words = h("input", { id: "delete-confirm-text", type: "text", class: "input", autocomplete: "off", spellcheck: "false", "aria-describedby": "delete-text" });
  const wordsError = fieldError("delete-confirm-error");
  const matches = () => words.value.trim().toLowerCase() === DELETE_WORDS;
  const d = createFormDialog({
    name: "delete",
    title: "Delete all your data?",
    size: "narrow",
    describedBy: "delete-text",
    body: [
      h(
        "p",
        { id: "delete-text" },
        "Your diary, every backup and your settings are deleted from this computer. This cannot be undone. Files you exported (reports, spreadsheets, backups you saved elsewhere) are not touched.",
      ),
      field(`Type “${DELETE_WORDS}” to confirm`, words, wordsError),
    ],
    ids: { error: "delete-error", save: "delete-confirm" },
    save: "Delete everything",
    saveClass: "button warn",
    saveDisabled: true,
    holdWhileBusy: true,
    onClose: () => {
      words.value = "";
      d.save.disabled = true;
    },
  });
  const submit = d.save;

  words.addEventListener("input", () => {
    submit.disabled = !matches();
    clearFieldError(words, wordsError);
  });

  d.form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (d.busy) return;
    if (!matches()) {
      showFieldError(words, wordsError, `Type “${DELETE_WORDS}” to confirm. Nothing was deleted.`);
      words.focus();
      return;
    }
    void (async () => {
      d.setBusy(true);
      d.formError.hidden = true;
      try {
        await api.deleteEverything(words.value);
        // What the window kept (drafts, theme) goes too; then first start.
        localStorage.clear();
        sessionStorage.clear();
        const root = document.getElementById("app");
        if (root) replace(root);
        window.location.reload();
      } catch (err) {
        d.showMessage(normaliseError(err).message);
        d.setBusy(false);
        submit.disabled = !matches();
      }
    })();
  });

  return {
    el: d.el,
    open(from: HTMLElement) {
      d.rememberOpener(from);
      words.value = "";
      submit.disabled = true;
      clearFieldError(words, wordsError);
      d.formError.hidden = true;
      d.showModal();
      words.focus();
    },
  };
}
