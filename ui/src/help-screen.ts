// Get help: plain text, no links.

import { h } from "./dom";

export const HELP_LINES = [
  "If you are in crisis, call 988 (Suicide and Crisis Lifeline, United States).",
  "SAMHSA National Helpline: 1-800-662-4357 (free, confidential, 24/7).",
  "Talk to a clinician before changing medicines. Taper does not give medical advice.",
] as const;

/** Every keyboard shortcut, as the help screen lists them. */
export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  ["D", "Log a dose"],
  ["C", "Check in"],
  ["← / →", "Previous / next day on Today"],
  ["T", "Back to today on Today"],
  ["Ctrl+1", "Today screen"],
  ["Ctrl+2", "Taper screen"],
  ["Ctrl+3", "Progress screen"],
  ["Ctrl+4", "Share screen"],
  ["Ctrl+,", "Settings"],
  ["F1", "Get help"],
  ["Ctrl+Z", "Undo the last delete"],
  ["Ctrl+L", "Lock Taper"],
  ["Ctrl+= / Ctrl+-", "Larger / smaller text"],
  ["Ctrl+0", "Text back to 100 %"],
  ["Enter / Esc", "Save / close a form"],
];

export function createHelpScreen(): HTMLElement {
  return h(
    "section",
    { id: "screen-help", class: "screen", "aria-labelledby": "help-heading", hidden: true },
    h("header", { class: "screen-header" }, h("h1", { id: "help-heading", tabindex: -1 }, "Get help")),
    h(
      "section",
      { class: "card help-card", "aria-label": "Crisis and support lines" },
      h("p", { class: "help-line selectable" }, HELP_LINES[0]),
      h("p", { class: "help-line selectable" }, HELP_LINES[1]),
    ),
    h("p", { class: "help-note" }, HELP_LINES[2]),
    h(
      "section",
      { class: "card", "aria-labelledby": "shortcuts-title" },
      h("h2", { id: "shortcuts-title" }, "Keyboard shortcuts"),
      h(
        "dl",
        { id: "shortcut-list", class: "shortcuts" },
        ...SHORTCUTS.flatMap(([k, what]) => [h("dt", {}, h("kbd", {}, k)), h("dd", {}, what)]),
      ),
    ),
  );
}
