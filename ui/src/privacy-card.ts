// Settings → Privacy: the passphrase (set, change, remove), the app lock, and "Delete all my
// data". Each change to the passphrase converts the diary and its backups in the backend.

import { api, normaliseError } from "./api";
import type { AppContext } from "./app-context";
import { clearFieldError, fieldError, h, replace, showFieldError, wireFormDialog } from "./dom";
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
  const title = h("h2", { id: "passphrase-title" });
  const intro = h("p", { id: "passphrase-intro" });
  const current = h("input", { id: "passphrase-current", type: "password", class: "input", autocomplete: "current-password" });
  const currentError = fieldError("passphrase-current-error");
  const next = h("input", { id: "passphrase-new", type: "password", class: "input", autocomplete: "new-password" });
  const again = h("input", { id: "passphrase-again", type: "password", class: "input", autocomplete: "new-password" });
  const nextError = fieldError("passphrase-new-error");
  const formError = h("p", { id: "passphrase-error", class: "form-error", role: "alert", hidden: true });
  const currentField = h("div", { class: "field" }, h("label", { for: "passphrase-current" }, "Current passphrase"), current, currentError);
  const nextFields = h(
    "div",
    { class: "field-group" },
    h("div", { class: "field" }, h("label", { for: "passphrase-new" }, "New passphrase"), next),
    h("div", { class: "field" }, h("label", { for: "passphrase-again" }, "Type it again"), again, nextError),
  );
  const cancel = h("button", { id: "passphrase-cancel", type: "button", class: "button" }, "Cancel");
  const submit = h("button", { id: "passphrase-submit", type: "submit", class: "button primary" }, "Save");
  const form = h(
    "form",
    { id: "passphrase-form", class: "dialog-form", novalidate: true },
    h("div", { class: "dialog-head" }, title),
    h("div", { class: "dialog-body" }, intro, currentField, nextFields),
    h("div", { class: "dialog-foot" }, formError, h("div", { class: "actions" }, cancel, submit)),
  );
  const el = h("dialog", { id: "passphrase-dialog", class: "dialog dialog-narrow", "aria-labelledby": "passphrase-title", "aria-describedby": "passphrase-intro" }, form);
  let mode: Mode = "set";
  let opener: HTMLElement | null = null;
  let busy = false;

  function clearErrors(): void {
    clearFieldError(current, currentError);
    clearFieldError(next, nextError);
    formError.hidden = true;
  }

  function close(): void {
    if (busy) return;
    if (el.open) el.close();
    for (const i of [current, next, again]) i.value = "";
    if (opener?.isConnected && !opener.hidden) opener.focus();
    else document.getElementById("settings-privacy-title")?.scrollIntoView();
    opener = null;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (busy) return;
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
    void (async () => {
      busy = true;
      submit.disabled = true;
      cancel.disabled = true;
      try {
        const info = await api.setPassphrase(needsCurrent ? current.value : null, needsNew ? next.value : null);
        app.state.info = info;
        // Drafts of new doses are kept in the session only while the diary is encrypted.
        if (info.encrypted) clearDraft(localStorage);
        busy = false;
        const done = COPY[mode].done;
        close();
        onDone();
        app.toast.show(done);
      } catch (err) {
        const e2 = normaliseError(err);
        if (e2.code === "wrong_passphrase") {
          showFieldError(current, currentError, "That is not your current passphrase.");
          current.select();
          current.focus();
        } else if (e2.field === "passphrase") {
          showFieldError(next, nextError, e2.message);
          next.focus();
        } else {
          formError.textContent = e2.message;
          formError.hidden = false;
        }
      } finally {
        busy = false;
        submit.disabled = false;
        cancel.disabled = false;
      }
    })();
  });
  wireFormDialog(el, form, cancel, close);

  return {
    el,
    open(m: Mode, from: HTMLElement) {
      mode = m;
      opener = from;
      clearErrors();
      title.textContent = COPY[m].title;
      intro.textContent = COPY[m].intro;
      submit.textContent = COPY[m].submit;
      submit.className = m === "remove" ? "button warn" : "button primary";
      currentField.hidden = m === "set";
      nextFields.hidden = m === "remove";
      if (!el.open) el.showModal();
      (m === "set" ? next : current).focus();
    },
  };
}

function createDeleteDialog() {
  const words = h("input", { id: "delete-confirm-text", type: "text", class: "input", autocomplete: "off", spellcheck: "false", "aria-describedby": "delete-text" });
  const wordsError = fieldError("delete-confirm-error");
  const formError = h("p", { id: "delete-error", class: "form-error", role: "alert", hidden: true });
  const cancel = h("button", { id: "delete-cancel", type: "button", class: "button" }, "Cancel");
  const submit = h("button", { id: "delete-confirm", type: "submit", class: "button warn", disabled: true }, "Delete everything");
  const form = h(
    "form",
    { id: "delete-form", class: "dialog-form", novalidate: true },
    h("div", { class: "dialog-head" }, h("h2", { id: "delete-title" }, "Delete all your data?")),
    h(
      "div",
      { class: "dialog-body" },
      h(
        "p",
        { id: "delete-text" },
        "Your diary, every backup and your settings are deleted from this computer. This cannot be undone. Files you exported (reports, spreadsheets, backups you saved elsewhere) are not touched.",
      ),
      h("div", { class: "field" }, h("label", { for: "delete-confirm-text" }, `Type “${DELETE_WORDS}” to confirm`), words, wordsError),
    ),
    h("div", { class: "dialog-foot" }, formError, h("div", { class: "actions" }, cancel, submit)),
  );
  const el = h("dialog", { id: "delete-dialog", class: "dialog dialog-narrow", "aria-labelledby": "delete-title", "aria-describedby": "delete-text" }, form);
  let opener: HTMLElement | null = null;
  let busy = false;

  const matches = () => words.value.trim().toLowerCase() === DELETE_WORDS;
  words.addEventListener("input", () => {
    submit.disabled = !matches();
    clearFieldError(words, wordsError);
  });

  function close(): void {
    if (busy) return;
    if (el.open) el.close();
    words.value = "";
    submit.disabled = true;
    opener?.focus();
    opener = null;
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (busy) return;
    if (!matches()) {
      showFieldError(words, wordsError, `Type “${DELETE_WORDS}” to confirm. Nothing was deleted.`);
      words.focus();
      return;
    }
    void (async () => {
      busy = true;
      submit.disabled = true;
      cancel.disabled = true;
      formError.hidden = true;
      try {
        await api.deleteEverything(words.value);
        // What the window kept (drafts, theme) goes too; then first start.
        localStorage.clear();
        sessionStorage.clear();
        const root = document.getElementById("app");
        if (root) replace(root);
        window.location.reload();
      } catch (err) {
        formError.textContent = normaliseError(err).message;
        formError.hidden = false;
        busy = false;
        submit.disabled = !matches();
        cancel.disabled = false;
      }
    })();
  });
  wireFormDialog(el, form, cancel, close);

  return {
    el,
    open(from: HTMLElement) {
      opener = from;
      words.value = "";
      submit.disabled = true;
      clearFieldError(words, wordsError);
      formError.hidden = true;
      if (!el.open) el.showModal();
      words.focus();
    },
  };
}
