// The screens before the diary: first start (welcome, with the offer of a passphrase) and the
// lock screen (an encrypted diary's passphrase, or the app lock). Each fills the window on its
// own; nothing from the diary is in the page while one is shown. A success reloads the page,
// which then opens on the diary.

import { api, normaliseError } from "./api";
import { clearFieldError, fieldError, h, replace, showFieldError } from "./dom";

function fill(...children: HTMLElement[]): HTMLElement | null {
  const root = document.getElementById("app");
  if (!root) return null;
  const card = h("div", { class: "fatal-card gate-card" }, ...children);
  replace(root, h("main", { id: "gate", class: "fatal" }, card));
  return card;
}

function passwordInput(id: string, autocomplete: string, describedBy: string | null = null): HTMLInputElement {
  return h("input", { id, type: "password", class: "input", autocomplete, spellcheck: "false", "aria-describedby": describedBy });
}

export const FORGET_WARNING =
  "If you forget it, nobody can open your diary or its backups: not you, not Taper's makers. Write it down and keep it somewhere safe.";

/** First start: start a diary, with a passphrase (typed twice) or without. */
export function showWelcome(): void {
  const pass = passwordInput("welcome-passphrase", "new-password", "welcome-warning");
  const again = passwordInput("welcome-passphrase-again", "new-password");
  const error = fieldError("welcome-passphrase-error");
  const general = h("p", { id: "welcome-error", class: "form-error", role: "alert", hidden: true });
  const withPass = h("button", { id: "welcome-encrypted", type: "submit", class: "button primary" }, "Encrypt and start");
  const without = h("button", { id: "welcome-plain", type: "button", class: "button" }, "Start without a passphrase");
  const form = h(
    "form",
    { id: "welcome-form", class: "gate-form", novalidate: true },
    h("h2", {}, "Protect it with a passphrase?"),
    h("p", { class: "caption" }, "Recommended on a shared computer or a laptop. The diary and its backups are then encrypted; Taper asks for the passphrase when it starts."),
    h("div", { class: "field" }, h("label", { for: "welcome-passphrase" }, "Passphrase"), pass),
    h("div", { class: "field" }, h("label", { for: "welcome-passphrase-again" }, "Type it again"), again),
    error,
    h("p", { id: "welcome-warning", class: "caption warning" }, FORGET_WARNING),
    general,
    h("div", { class: "actions gate-actions" }, withPass, without),
  );
  if (
    !fill(
      h("h1", { id: "gate-title" }, "Welcome to Taper"),
      h("p", { class: "lead" }, "A private diary of your doses and how you feel while you taper. It stays on this computer: nothing is sent anywhere."),
      form,
      h("p", { class: "caption" }, "You can add, change or remove the passphrase later in Settings."),
    )
  )
    return;

  const buttons = [withPass, without];
  async function start(passphrase: string | null): Promise<void> {
    clearFieldError(pass, error);
    general.hidden = true;
    for (const b of buttons) b.disabled = true;
    try {
      await api.startDiary(passphrase);
      window.location.reload();
    } catch (e) {
      const err = normaliseError(e);
      if (err.field === "passphrase") {
        showFieldError(pass, error, err.message);
        pass.focus();
      } else {
        general.textContent = err.message;
        general.hidden = false;
      }
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  }

  for (const input of [pass, again]) input.addEventListener("input", () => clearFieldError(pass, error));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const problem = passphrasePairProblem(pass.value, again.value);
    if (problem) {
      showFieldError(pass, error, problem);
      (problem.startsWith("The two") ? again : pass).focus();
      return;
    }
    void start(pass.value);
  });
  without.addEventListener("click", () => void start(null));
  pass.focus();
}

/** A new passphrase typed twice: what is wrong with the pair, or null (length is the backend's). */
export function passphrasePairProblem(first: string, second: string): string | null {
  if (first.trim() === "") return "Type a passphrase.";
  if (first !== second) return "The two passphrases are different. Type the same one twice.";
  return null;
}

/** The lock screen: an encrypted diary's passphrase, or (plain diary, app lock) one button. */
export function showUnlock(opts: { encrypted: boolean; dbPath?: string }): void {
  const error = h("p", { id: "unlock-error", class: "field-error", role: "alert", hidden: true });
  const submit = h("button", { id: "unlock-submit", type: "submit", class: "button primary" }, "Unlock");
  const pass = opts.encrypted ? passwordInput("unlock-passphrase", "current-password") : null;
  const form = h(
    "form",
    { id: "unlock-form", class: "gate-form", novalidate: true },
    pass ? h("div", { class: "field" }, h("label", { for: "unlock-passphrase" }, "Passphrase"), pass) : null,
    error,
    h("div", { class: "actions gate-actions" }, submit),
  );
  const forgot = h(
    "details",
    { id: "unlock-forgot", class: "caption" },
    h("summary", {}, "Forgot your passphrase?"),
    h(
      "p",
      {},
      "Without it the diary cannot be opened: the encryption has no way around it, so there is no reset. There is no limit on tries, so take your time. " +
        "If it is gone for good, move the diary file out of Taper's folder (keep it, in case you remember) and start Taper again for a new diary.",
    ),
    opts.dbPath ? h("p", { class: "path" }, opts.dbPath) : null,
  );
  if (
    !fill(
      h("h1", { id: "gate-title" }, "Taper is locked"),
      h(
        "p",
        { class: "lead" },
        opts.encrypted ? "Your diary is encrypted. Type your passphrase to open it." : "Your diary is hidden while Taper is locked.",
      ),
      form,
      opts.encrypted ? forgot : h("p", { class: "caption" }, "To need a passphrase to unlock, set one in Settings → Privacy."),
    )
  )
    return;

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      if (pass && pass.value === "") {
        showFieldError(pass, error, "Type your passphrase.");
        pass.focus();
        return;
      }
      submit.disabled = true;
      clearFieldError(pass, error);
      try {
        await api.unlock(pass ? pass.value : null);
        window.location.reload();
      } catch (e) {
        const err = normaliseError(e);
        if (err.field === "passphrase") {
          showFieldError(pass, error, err.message);
          if (pass) {
            pass.select();
            pass.focus();
          }
        } else {
          // Damage or another problem: the trouble screen says what and offers the ways out.
          window.location.reload();
        }
      } finally {
        submit.disabled = false;
      }
    })();
  });
  pass?.addEventListener("input", () => clearFieldError(pass, error));
  (pass ?? submit).focus();
}
