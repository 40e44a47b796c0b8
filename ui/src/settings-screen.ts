// Settings: every change saves at once and shows a small "Saved" note. Each card is its own
// module (day-card, units-card, …, privacy-card); this screen queues their saves and shows
// errors under the field the backend names.

import { normaliseError } from "./api";
import type { AppContext } from "./app-context";
import { createAppearanceCard } from "./appearance-card";
import { createBackupsCard } from "./backups-card";
import type { Settings } from "./bindings";
import { createCheckinCard } from "./checkin-card";
import { createDataCard } from "./data-card";
import { createDayCard } from "./day-card";
import { h } from "./dom";
import { fieldErrors } from "./form-dialog";
import { createPrivacyCard } from "./privacy-card";
import { createRemindersCard } from "./reminders-card";
import type { SettingsCard, SettingsSaver } from "./settings-card";
import { createSymptomsCard } from "./symptoms-card";
import { createUnitsCard } from "./units-card";

/** What this module asks of the application. */
type Context = Pick<AppContext, "state" | "toast" | "saveSettings" | "symptomsChanged" | "diaryChanged">;

export type SettingsScreen = { el: HTMLElement; dialogs: HTMLDialogElement[]; render(): void };

export function createSettingsScreen(app: Context): SettingsScreen {
  const heading = h("h1", { id: "settings-heading", tabindex: -1 }, "Settings");
  const saved = h("p", { id: "settings-saved", class: "saved-note", role: "status", "aria-live": "polite" });
  const generalError = h("p", { id: "settings-error", class: "form-error", role: "alert", hidden: true });

  let savedTimer: number | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const saver: SettingsSaver = {
    save(change: (s: Settings) => Settings): void {
      queue = queue.then(async () => {
        clearErrors();
        try {
          await app.saveSettings(change(app.state.settings));
          flashSaved();
        } catch (e) {
          // A refused value is never shown beside an earlier "Saved".
          hideSaved();
          const err = normaliseError(e);
          if (!fields.show(err.field, err.message)) {
            generalError.textContent = err.message;
            generalError.hidden = false;
          }
        }
      });
    },
    flashSaved,
    hideSaved,
  };

  function hideSaved(): void {
    if (savedTimer !== undefined) window.clearTimeout(savedTimer);
    saved.textContent = "";
  }

  function flashSaved(): void {
    saved.textContent = "Saved";
    if (savedTimer !== undefined) window.clearTimeout(savedTimer);
    savedTimer = window.setTimeout(() => {
      saved.textContent = "";
    }, 3000);
  }

  const privacy = createPrivacyCard(app, (minutes) => saver.save((cur) => ({ ...cur, lock_after_minutes: minutes })));
  const privacyCard: SettingsCard = {
    el: privacy.el,
    fields: { lock_after_minutes: privacy.lockField },
    dialogs: privacy.dialogs,
    render: privacy.render,
  };
  const cards: SettingsCard[] = [
    createDayCard(app, saver),
    createUnitsCard(app, saver),
    createCheckinCard(app, saver),
    createSymptomsCard(app, saver),
    createAppearanceCard(app, saver),
    createRemindersCard(app, saver),
    createDataCard(app),
    createBackupsCard(app),
    privacyCard,
  ];
  const fields = fieldErrors(Object.assign({}, ...cards.map((c) => c.fields)));
  const nav = createSectionNav(cards.map((c) => c.el));

  const el = h(
    "section",
    { id: "screen-settings", class: "screen", "aria-labelledby": "settings-heading", hidden: true },
    h("header", { class: "screen-header" }, heading, saved),
    nav.el,
    generalError,
    ...cards.map((c) => c.el),
  );

  function clearErrors(): void {
    fields.clear();
    generalError.hidden = true;
    generalError.textContent = "";
  }

  function render(): void {
    clearErrors();
    for (const c of cards) c.render();
    nav.follow();
  }

  return { el, dialogs: cards.flatMap((c) => c.dialogs), render };
}

/** The words of the in-page links, by the card's heading id; cards not named are left out. */
const SECTION_LINKS: ReadonlyArray<[string, string]> = [
  ["settings-day-title", "Day"],
  ["settings-units-title", "Units"],
  ["settings-checkin-title", "Check-in"],
  ["settings-symptoms-title", "Symptoms"],
  ["settings-look-title", "Appearance"],
  ["settings-reminders-title", "Reminders"],
  ["settings-data-title", "Data"],
  ["settings-privacy-title", "Privacy"],
];

/**
 * The compact list of Settings' sections at the top of the screen (it stays in view while the
 * page scrolls): each link scrolls its card into view and moves focus to the card's heading,
 * and the section in view is marked (aria-current="location").
 */
function createSectionNav(cards: HTMLElement[]): { el: HTMLElement; follow(): void } {
  const links: Array<{ link: HTMLButtonElement; card: HTMLElement }> = [];
  /** The card last jumped to: marked while its heading is in view (the page may end before it reaches the top). */
  let chosen: HTMLElement | null = null;
  for (const [titleId, words] of SECTION_LINKS) {
    const card = cards.find((c) => c.getAttribute("aria-labelledby") === titleId);
    if (!card) continue;
    const link = h("button", { type: "button", class: "section-link", id: `settings-nav-${titleId.replace(/^settings-|-title$/g, "")}`, "aria-controls": titleId }, words);
    link.addEventListener("click", () => {
      card.scrollIntoView({ block: "start" });
      const heading = document.getElementById(titleId);
      if (heading) {
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
      chosen = card;
      mark(card);
    });
    links.push({ link, card });
  }
  const el = h(
    "nav",
    { id: "settings-nav", class: "section-nav", "aria-label": "Settings sections" },
    h("ul", {}, ...links.map((l) => h("li", {}, l.link))),
  );

  function mark(current: HTMLElement | null): void {
    for (const { link, card } of links) {
      if (card === current) link.setAttribute("aria-current", "location");
      else link.removeAttribute("aria-current");
    }
  }

  /** The card in view: the first one still showing below the list (the last at the end of the page). */
  function inView(): HTMLElement | null {
    const scroller = el.closest<HTMLElement>(".content");
    if (!scroller || links.length === 0) return null;
    if (chosen) {
      const top = chosen.getBoundingClientRect().top;
      const view = scroller.getBoundingClientRect();
      if (top >= view.top - 1 && top < view.bottom - 48) return chosen;
      chosen = null;
    }
    if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 4) return links[links.length - 1].card;
    // The first card with more than a sliver (48 px) showing below the list.
    const line = el.getBoundingClientRect().bottom + 48;
    return links.find(({ card }) => card.getBoundingClientRect().bottom > line)?.card ?? links[links.length - 1].card;
  }

  let listening = false;
  let frame = 0;
  return {
    el,
    follow() {
      const scroller = el.closest<HTMLElement>(".content");
      if (scroller && !listening) {
        listening = true;
        scroller.addEventListener(
          "scroll",
          () => {
            if (el.offsetParent === null || frame) return;
            frame = requestAnimationFrame(() => {
              frame = 0;
              mark(inView());
            });
          },
          { passive: true },
        );
      }
      mark(inView());
    },
  };
}
