// A row of buttons choosing one value (chart ranges): radio semantics, one tab stop,
// arrow keys move and choose, Home/End jump.

import { h } from "./dom";

export type Segmented<K extends string> = {
  el: HTMLElement;
  value(): K;
  set(key: K): void;
  /** Hides an option that does not apply (it is skipped by the arrow keys). */
  setHidden(key: K, hidden: boolean): void;
};

export function createSegmented<K extends string>(
  id: string,
  label: string,
  options: ReadonlyArray<{ key: K; label: string }>,
  initial: K,
  onChange: (key: K) => void,
): Segmented<K> {
  let current = initial;
  const buttons = options.map((o) => {
    const b = h("button", { id: `${id}-${o.key}`, type: "button", role: "radio", class: "segment", "data-key": o.key }, o.label);
    b.addEventListener("click", () => choose(o.key, true));
    return b;
  });
  const el = h("div", { id, class: "segmented", role: "radiogroup", "aria-label": label }, ...buttons);

  function paint(): void {
    for (const b of buttons) {
      const on = b.dataset.key === current;
      b.setAttribute("aria-checked", String(on));
      b.tabIndex = on ? 0 : -1;
    }
  }

  function choose(key: K, notify: boolean): void {
    const changed = key !== current;
    current = key;
    paint();
    if (changed && notify) onChange(key);
  }

  // Focus moved by the arrow keys is always shown, whatever the browser's focus-visible guess.
  el.addEventListener("pointerdown", () => el.classList.remove("keyboard"));
  el.addEventListener("keydown", (e) => {
    el.classList.add("keyboard");
    const shown = buttons.filter((b) => !b.hidden);
    const i = shown.findIndex((b) => b === document.activeElement);
    if (i < 0) return;
    let j = -1;
    if (e.key === "ArrowRight" || e.key === "ArrowDown") j = (i + 1) % shown.length;
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") j = (i - 1 + shown.length) % shown.length;
    else if (e.key === "Home") j = 0;
    else if (e.key === "End") j = shown.length - 1;
    if (j < 0) return;
    e.preventDefault();
    shown[j].focus();
    choose(shown[j].dataset.key as K, true);
  });

  paint();
  return {
    el,
    value: () => current,
    set: (k) => choose(k, false),
    setHidden(key, hidden) {
      const b = buttons.find((x) => x.dataset.key === key);
      if (b) b.hidden = hidden;
    },
  };
}
