// A row of buttons choosing one number or none (craving 0-10, sleep quality, mood): radio
// semantics with one tab stop, ← / → move and choose, Home / End jump, tapping the chosen
// button again (or Backspace / Delete) clears it, Enter saves the form it is in.

import { h, submitForm } from "./dom";

export type ChoiceRow = {
  el: HTMLElement;
  /** The chosen value, or null when none is chosen. */
  value(): number | null;
  /** Chooses `v` (null: none) without calling onChange. */
  set(v: number | null): void;
  /** Focuses the chosen button (or the first). */
  focus(): void;
};

export type ChoiceOption = {
  value: number;
  /** The words on the button ("Good", "7"). */
  text: string;
  /** The accessible name when the words alone do not say enough ("0, no craving"). */
  aria?: string;
};

export function createChoiceRow(o: {
  id: string;
  /** The id of the element naming the row. */
  labelledBy: string;
  options: ReadonlyArray<ChoiceOption>;
  /** Extra class of the row ("choices-craving"). */
  className?: string;
  onChange?(v: number | null): void;
}): ChoiceRow {
  let current: number | null = null;
  const buttons = o.options.map((opt) =>
    h(
      "button",
      {
        id: `${o.id}-${opt.value}`,
        type: "button",
        class: "choice",
        role: "radio",
        "aria-checked": "false",
        "aria-label": opt.aria,
        "data-value": opt.value,
        tabindex: -1,
      },
      opt.text,
    ),
  );
  const el = h(
    "div",
    { id: o.id, class: `choices ${o.className ?? ""}`.trim(), role: "radiogroup", "aria-labelledby": o.labelledBy },
    ...buttons,
  );

  function paint(): void {
    buttons.forEach((b, i) => {
      const on = Number(b.dataset.value) === current;
      b.setAttribute("aria-checked", String(on));
      b.tabIndex = (current === null ? i === 0 : on) ? 0 : -1;
    });
  }

  function choose(v: number | null): void {
    if (v === current) return;
    current = v;
    paint();
    o.onChange?.(v);
  }

  el.addEventListener("click", (e) => {
    const b = e.target instanceof HTMLElement ? e.target.closest<HTMLButtonElement>("button.choice") : null;
    if (!b) return;
    const v = Number(b.dataset.value);
    choose(current === v ? null : v);
    b.focus();
  });
  el.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const i = buttons.findIndex((b) => b === document.activeElement);
    if (i < 0) return;
    let j = -1;
    switch (e.key) {
      case "ArrowRight":
        j = Math.min(buttons.length - 1, i + 1);
        break;
      case "ArrowLeft":
        j = Math.max(0, i - 1);
        break;
      case "Home":
        j = 0;
        break;
      case "End":
        j = buttons.length - 1;
        break;
      case "Backspace":
      case "Delete":
        e.preventDefault();
        choose(null);
        buttons[i].focus();
        return;
      case "Enter": {
        // Saves, as Enter does everywhere in a form: never a choice on the focused button.
        if (e.isComposing) return;
        e.preventDefault();
        const form = el.closest("form");
        if (form) submitForm(form);
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    buttons[j].focus();
    choose(Number(buttons[j].dataset.value));
  });

  paint();
  return {
    el,
    value: () => current,
    set(v) {
      current = v;
      paint();
    },
    focus() {
      (buttons.find((b) => b.tabIndex === 0) ?? buttons[0])?.focus();
    },
  };
}
