// Application state, navigation, refreshing and the actions shared by the screens: the
// composition root. It builds every screen and dialog and hands them itself as their AppContext.

import { api, FATAL_CODES, GATE_CODES, normaliseError } from "./api";
import type { AppContext, Screen, State } from "./app-context";
import type { AppInfo, CheckIn, DayView, Dose, DoseInput, Instrument, Medicine, PlanDay, QuickAmount, ReminderKind, Settings, Symptom } from "./bindings";
import { createCheckinDialog, type CheckinDialog } from "./checkin-dialog";
import { createCowsDialog, type CowsDialog } from "./cows-dialog";
import { createMedicineDialog, type MedicineDialog } from "./medicine-dialog";
import { anyDialogOpen, h, isTypingTarget, replace } from "./dom";
import { createDoseDialog, type DoseDialog } from "./dose-dialog";
import { dayHeading, formatGrams, formatNumber } from "./format";
import { createHelpScreen } from "./help-screen";
import { createPlanScreen, type PlanScreen } from "./plan-screen";
import { createProgressScreen, type ProgressScreen } from "./progress-screen";
import { createSettingsScreen, type SettingsScreen } from "./settings-screen";
import { createShareScreen, type ShareScreen } from "./share-screen";
import { addDays, dateToRfc3339, defaultTimeForDay, localPartsOf, parseDate, toLocalInput } from "./time";
import { createToast, type Toast } from "./toast";
import { createTaperScreen, type TaperScreen } from "./taper-screen";
import { createTodayScreen, type TodayScreen } from "./today-screen";
import { applyTheme, onThemeChange } from "./theme";
import { showTrouble } from "./trouble-screen";
import { lockNow, watchIdle } from "./idle-lock";
import { applyTextSize, stepTextSize } from "./text-size";

/** Screens with a place in the navigation rail (the Plan screen counts as Taper). */
type NavScreen = Exclude<Screen, "plan">;

const LOOKBACK_DAYS = 7;


/** How often an open window checks whether another process changed the diary. */
const ELSEWHERE_CHECK_MS = 3000;
export class App implements AppContext {
  readonly state: State;
  readonly toast: Toast;
  private todayScreen!: TodayScreen;
  private settingsScreen!: SettingsScreen;
  private taperScreen!: TaperScreen;
  private progressScreen!: ProgressScreen;
  private shareScreen!: ShareScreen;
  private planScreen!: PlanScreen;
  /** Where Cancel on the Plan screen goes back to. */
  private previous: Screen = "today";
  private doseDialog!: DoseDialog;
  private checkinDialog!: CheckinDialog;
  private cowsDialog!: CowsDialog;
  private medicineDialog!: MedicineDialog;
  private screens!: Record<Screen, HTMLElement>;
  private navButtons!: Record<NavScreen, HTMLButtonElement>;
  private refreshSeq = 0;
  private busy = false;

  constructor(info: AppInfo, settings: Settings) {
    this.state = {
      info,
      settings,
      today: info.today,
      date: info.today,
      day: null,
      usual: [],
      upcoming: null,
      products: [],
      symptoms: null,
      instruments: null,
      lastDose: null,
      screen: "today",
    };
    this.toast = createToast();
  }

  /** Build the window: nav rail, screens, dialogs, toast. */
  mount(root: HTMLElement): void {
    this.todayScreen = createTodayScreen(this);
    this.settingsScreen = createSettingsScreen(this);
    this.taperScreen = createTaperScreen(this);
    this.progressScreen = createProgressScreen(this);
    this.shareScreen = createShareScreen(this);
    this.planScreen = createPlanScreen(this);
    const help = createHelpScreen();
    this.doseDialog = createDoseDialog(this);
    this.checkinDialog = createCheckinDialog(this);
    this.cowsDialog = createCowsDialog(this);
    this.medicineDialog = createMedicineDialog(this);
    this.screens = {
      today: this.todayScreen.el,
      taper: this.taperScreen.el,
      progress: this.progressScreen.el,
      share: this.shareScreen.el,
      plan: this.planScreen.el,
      settings: this.settingsScreen.el,
      help,
    };

    const navButton = (id: string, label: string, screen: Screen, keys: string) => {
      const b = h("button", { id, type: "button", class: "nav-item", "aria-keyshortcuts": keys }, label);
      b.addEventListener("click", () => this.go(screen));
      return b;
    };
    this.navButtons = {
      today: navButton("nav-today", "Today", "today", "Control+1 T"),
      taper: navButton("nav-taper", "Taper", "taper", "Control+2"),
      progress: navButton("nav-progress", "Progress", "progress", "Control+3"),
      share: navButton("nav-share", "Share", "share", "Control+4"),
      settings: navButton("nav-settings", "Settings", "settings", "Control+,"),
      help: navButton("nav-help", "Get help", "help", "F1"),
    };
    const nav = h(
      "nav",
      { class: "rail", "aria-label": "Main" },
      h("p", { class: "rail-brand" }, "Taper"),
      h(
        "div",
        { class: "rail-top" },
        this.navButtons.today,
        this.navButtons.taper,
        this.navButtons.progress,
        this.navButtons.share,
        this.navButtons.settings,
      ),
      // Confirmations sit in the rail, clear of the content and beneath any dialog.
      h("div", { class: "rail-bottom" }, this.toast.el, this.navButtons.help),
    );
    // A diary whose file or folder cannot be written opens view-only: say so on every screen,
    // with the ways out (try again once it can be written; take a copy away).
    const viewOnly = this.state.info.read_only ? this.viewOnlyBanner() : null;
    const main = h(
      "main",
      { class: "content", id: "content" },
      ...(viewOnly ? [viewOnly] : []),
      this.screens.today,
      this.screens.taper,
      this.screens.progress,
      this.screens.share,
      this.screens.plan,
      this.screens.settings,
      this.screens.help,
    );
    replace(root, h("div", { class: "shell" }, nav, main), this.doseDialog.el,
      this.checkinDialog.el,
      this.cowsDialog.el,
      this.medicineDialog.el,
      this.taperScreen.dialog,
      this.shareScreen.dialog,
      ...this.settingsScreen.dialogs,
    );

    document.addEventListener("keydown", (e) => this.onKey(e));
    watchIdle(() => this.state.settings.lock_after_minutes);
    window.addEventListener("focus", () => {
      void this.checkToday();
      void this.checkElsewhere();
      void this.checkReminder();
    });
    window.setInterval(() => void this.checkToday(), 60_000);
    // A terminal's `taper dose add` or `taper import` shows here within seconds, not at the
    // next click.
    window.setInterval(() => {
      if (!document.hidden) void this.checkElsewhere();
      void this.checkReminder();
    }, ELSEWHERE_CHECK_MS);
    void this.checkElsewhere();
    onThemeChange(() => this.redrawCharts());
    let resizeTimer: number | undefined;
    let lastWidth = window.innerWidth;
    window.addEventListener("resize", () => {
      window.clearTimeout(resizeTimer);
      resizeTimer = window.setTimeout(() => {
        // Charts scale by themselves; redraw only when the width changed a lot (sharper text).
        if (Math.abs(window.innerWidth - lastWidth) < 120) return;
        lastWidth = window.innerWidth;
        this.redrawCharts();
      }, 300);
    });

    this.go("today", false);
    this.loadSymptoms().catch(() => undefined);
    this.loadInstruments()
      .then(() => this.todayScreen.render())
      .catch(() => undefined);
  }

  // ---- navigation ----------------------------------------------------------------------

  go(screen: Screen, focus = true): void {
    // A confirmation belongs to the screen where the change happened.
    if (screen !== this.state.screen) this.toast.hide();
    if (screen !== this.state.screen) this.previous = this.state.screen;
    this.state.screen = screen;
    const navKey: NavScreen = screen === "plan" ? "taper" : screen;
    for (const key of Object.keys(this.screens) as Screen[]) this.screens[key].hidden = key !== screen;
    for (const key of Object.keys(this.navButtons) as NavScreen[]) {
      if (key === navKey) this.navButtons[key].setAttribute("aria-current", "page");
      else this.navButtons[key].removeAttribute("aria-current");
    }
    if (screen === "settings") this.settingsScreen.render();
    if (screen === "today") void this.refresh();
    if (screen === "taper") void this.taperScreen.load();
    if (screen === "progress") void this.progressScreen.load();
    if (screen === "share") void this.shareScreen.load();
    if (screen === "plan") void this.planScreen.open();
    if (focus) {
      const heading = this.screens[screen].querySelector<HTMLElement>("h1");
      heading?.focus({ preventScroll: false });
    }
  }

  /** Back from the Plan screen to where it was opened from. */
  back(): void {
    const to = this.previous === "plan" ? "taper" : this.previous;
    this.go(to);
  }

  /** The current plan's schedule when it starts after today (none when it has started). */
  private async upcomingPlan(): Promise<PlanDay[] | null> {
    try {
      const plan = await api.currentPlan();
      const days = plan?.versions[plan.versions.length - 1]?.days ?? [];
      return days.length > 0 && days[0].day > this.state.today ? days : null;
    } catch {
      return null; // Today's own card says the same when it can.
    }
  }

  /** A plan was created or stepped back: Today's target and the charts change. */
  async planChanged(): Promise<void> {
    await this.refresh();
  }

  /**
   * The whole diary changed (an import or a restore): settings, symptoms, the shown day and
   * whatever screen is open are loaded again.
   */
  async diaryChanged(): Promise<void> {
    try {
      const settings = await api.getSettings();
      this.state.settings = settings;
      applyTheme(settings.theme);
      void applyTextSize(settings.text_size);
    } catch {
      // Keep the settings we have; the screens below show any real problem.
    }
    this.state.symptoms = null;
    this.state.lastDose = null;
    await this.checkToday();
    await this.refresh();
    if (this.state.screen === "settings") this.settingsScreen.render();
    else if (this.state.screen === "share") void this.shareScreen.load();
  }

  /** Redraw the charts on the screen shown (data, theme or size changed). */
  private redrawCharts(): void {
    if (this.state.screen === "taper") void this.taperScreen.load();
    else if (this.state.screen === "progress") void this.progressScreen.load();
    else if (this.state.screen === "plan") this.planScreen.redraw();
    else if (this.state.screen === "today") this.todayScreen.render();
  }

  setDate(date: string): void {
    if (!parseDate(date)) return;
    const next = date > this.state.today ? this.state.today : date;
    if (next === this.state.date) return;
    this.state.date = next;
    this.state.day = null;
    this.todayScreen.render();
    void this.refresh();
  }

  isToday(): boolean {
    return this.state.date === this.state.today;
  }

  heading(date: string): string {
    return dayHeading(date, this.state.today);
  }

  /** Default time for a new entry on the shown day: now on today, else now's time of day on that day. */
  defaultTime(day: string = this.state.date): string {
    const now = new Date();
    if (day === this.state.today) return toLocalInput(now);
    return defaultTimeForDay(day, localPartsOf(now), this.state.settings.day_start_hour);
  }

  // ---- data ------------------------------------------------------------------------------

  /** Reload the shown day and the quick amounts (after every save, delete and undo). */
  async refresh(): Promise<void> {
    const seq = ++this.refreshSeq;
    const date = this.state.date;
    try {
      const [day, usual, upcoming] = await Promise.all([
        api.getDay(date),
        api.usualAmounts().catch((): QuickAmount[] => []),
        this.upcomingPlan(),
      ]);
      if (seq !== this.refreshSeq) return;
      this.state.day = day;
      this.state.usual = usual;
      this.state.upcoming = upcoming;
      this.todayScreen.setError(null);
      this.todayScreen.render();
      void this.findLastDose(day, seq);
      if (this.state.screen === "taper" || this.state.screen === "progress") this.redrawCharts();
    } catch (e) {
      if (seq !== this.refreshSeq) return;
      const err = normaliseError(e);
      if (GATE_CODES.has(err.code)) {
        window.location.reload();
        return;
      }
      if (FATAL_CODES.has(err.code)) {
        showTrouble(err);
        return;
      }
      this.todayScreen.setError(err.message);
    }
    api
      .products()
      .then((p) => {
        this.state.products = p;
        this.doseDialog.setProducts(p);
      })
      .catch(() => undefined);
  }

  private async findLastDose(day: DayView, seq: number): Promise<void> {
    if (day.doses.length > 0) {
      this.state.lastDose = latest(day.doses);
      return;
    }
    for (let i = 1; i <= LOOKBACK_DAYS; i++) {
      let earlier: DayView;
      try {
        earlier = await api.getDay(addDays(day.date, -i));
      } catch {
        return;
      }
      if (seq !== this.refreshSeq) return;
      if (earlier.doses.length > 0) {
        this.state.lastDose = latest(earlier.doses);
        return;
      }
    }
    this.state.lastDose = null;
  }

  async loadSymptoms(): Promise<Symptom[]> {
    if (this.state.symptoms) return this.state.symptoms;
    const list = await api.symptoms();
    this.state.symptoms = list.filter((s) => !s.archived).sort((a, b) => a.position - b.position);
    return this.state.symptoms;
  }

  /** Instrument definitions (kratom checklist, SOWS, COWS); they never change while running. */
  async loadInstruments(): Promise<Instrument[]> {
    if (!this.state.instruments) this.state.instruments = await api.instruments();
    return this.state.instruments;
  }

  /** The user's own symptoms changed (Settings): the check-in form reloads its list. */
  symptomsChanged(): void {
    this.state.symptoms = null;
  }

  /** The diary's change number as last seen (see `api.diaryVersion`). */
  private seenVersion: number | null = null;

  /** Loads everything again when another process (the `taper` command) changed the diary. */
  async checkElsewhere(): Promise<void> {
    let version: number;
    try {
      version = await api.diaryVersion();
    } catch {
      return; // Locked, or no diary open: nothing shown can be out of date.
    }
    const seen = this.seenVersion;
    this.seenVersion = version;
    if (seen !== null && version !== seen) await this.diaryChanged();
  }

  /** A clicked reminder brought the window forward: open the form it is about, on Today. */
  async checkReminder(): Promise<void> {
    let kind: ReminderKind | null;
    let logged: Dose | null;
    try {
      [kind, logged] = await Promise.all([api.takeReminder(), api.takeReminderDose()]);
    } catch {
      return;
    }
    if (logged) {
      // "Taken" on a dose reminder saved it already: say so, with Undo.
      const dose = logged;
      this.state.lastDose = dose;
      this.toast.show(`Logged ${formatGrams(dose.amount_g)} from your reminder`, () => this.undoQuickLog(dose));
      await this.refresh();
    }
    if (kind === null || anyDialogOpen() || this.refusedViewOnly()) return;
    this.go("today", false);
    if (!this.isToday()) this.setDate(this.state.today);
    if (kind === "check_in") this.openCheckinDialog();
    else this.openDoseDialog();
  }

  /** The diary day may have moved on while the window stayed open (e.g. past 04:00). */
  async checkToday(): Promise<void> {
    let info: AppInfo;
    try {
      info = await api.appInfo();
    } catch {
      return;
    }
    this.state.info = info;
    if (info.today === this.state.today) return;
    const wasOnToday = this.isToday();
    this.state.today = info.today;
    if (wasOnToday) {
      this.state.date = info.today;
      void this.refresh();
    }
    this.todayScreen.render();
  }

  /**
   * Where the half-filled dose form is kept: the window's local storage (it survives a crash),
   * but only for the session when the diary is encrypted, so nothing of it is on disk in clear.
   */
  drafts(): Storage {
    return this.state.info.encrypted ? sessionStorage : localStorage;
  }

  async saveSettings(next: Settings): Promise<Settings> {
    const saved = await api.saveSettings(next);
    const dayStartChanged = saved.day_start_hour !== this.state.settings.day_start_hour;
    this.state.settings = saved;
    applyTheme(saved.theme);
    void applyTextSize(saved.text_size);
    if (dayStartChanged) await this.checkToday();
    api
      .usualAmounts()
      .then((u) => {
        this.state.usual = u;
        this.todayScreen.render();
      })
      .catch(() => undefined);
    return saved;
  }

  // ---- actions ----------------------------------------------------------------------------

  openDoseDialog(): void {
    this.doseDialog.openNew({ day: this.state.date, useDraft: true });
  }

  openCheckinDialog(): void {
    void this.checkinDialog.openNew(this.state.date);
  }

  editDose(dose: Dose): void {
    this.doseDialog.openEdit(dose);
  }

  editCheckin(c: CheckIn): void {
    if (c.instrument === "cows") void this.cowsDialog.openEdit(c);
    else void this.checkinDialog.openEdit(c);
  }

  openCowsDialog(): void {
    void this.cowsDialog.openNew(this.state.date);
  }

  openMedicineDialog(): void {
    void this.medicineDialog.openNew(this.state.date);
  }

  editMedicine(m: Medicine): void {
    void this.medicineDialog.openEdit(m);
  }

  /** Deletes an entry and offers Undo in the toast; the diary is reloaded either way. */
  private async deleteWithUndo(
    remove: () => Promise<unknown>,
    restore: () => Promise<unknown>,
    deleted: string,
    restored: string,
  ): Promise<void> {
    try {
      await remove();
      this.toast.show(deleted, async () => {
        try {
          await restore();
          this.toast.show(restored);
        } catch (e) {
          this.toast.show(normaliseError(e).message);
        }
        await this.refresh();
      });
    } catch (e) {
      this.toast.show(normaliseError(e).message);
    }
    await this.refresh();
  }

  async deleteMedicine(m: Medicine): Promise<void> {
    await this.deleteWithUndo(() => api.deleteMedicine(m.id), () => api.restoreMedicine(m.id), `${m.name} deleted`, `${m.name} restored`);
  }

  /** Quick button: on today save at once (with Undo); on a past day open the prefilled form. */
  async quickLog(q: QuickAmount): Promise<void> {
    const prefill = { amount: formatNumber(q.amount_g), unit: "g" as const, form: q.form };
    if (!this.isToday()) {
      this.doseDialog.openNew({ day: this.state.date, useDraft: false, prefill });
      return;
    }
    if (this.busy) return;
    this.busy = true;
    const input: DoseInput = {
      amount: prefill.amount,
      unit: "g",
      taken_at: dateToRfc3339(new Date()),
      form: q.form,
      product: null,
      estimated: false,
      note: null,
      confirm_large: false,
    };
    try {
      const dose = await api.addDose(input);
      this.state.lastDose = dose;
      this.toast.show(`Logged ${formatGrams(dose.amount_g)}`, () => this.undoQuickLog(dose));
      await this.refresh();
    } catch (e) {
      // Whatever went wrong, the dose stays on screen, unsaved, to confirm, fix or retry.
      const err = normaliseError(e);
      this.doseDialog.openNew({ day: this.state.date, useDraft: false, prefill, pending: { error: err, input } });
    } finally {
      this.busy = false;
    }
  }

  private async undoQuickLog(dose: Dose): Promise<void> {
    try {
      await api.deleteDose(dose.id);
      this.toast.show("Dose removed");
    } catch (e) {
      this.toast.show(normaliseError(e).message);
    }
    await this.refresh();
  }

  async deleteDose(dose: Dose): Promise<void> {
    await this.deleteWithUndo(() => api.deleteDose(dose.id), () => api.restoreDose(dose.id), "Dose deleted", "Dose restored");
  }

  async deleteCheckin(c: CheckIn): Promise<void> {
    await this.deleteWithUndo(() => api.deleteCheckin(c.id), () => api.restoreCheckin(c.id), "Check-in deleted", "Check-in restored");
  }

  /** After a dialog saved: say so (and where it went when it is not the shown day), reload. */
  async afterSave(day: string, dose?: Dose): Promise<void> {
    if (dose) this.state.lastDose = dose;
    this.toast.show(day === this.state.date ? "Saved" : `Saved under ${this.heading(day)}`);
    await this.refresh();
  }

  /** The view-only banner: why nothing can be saved, and what the person can do about it. */
  private viewOnlyBanner(): HTMLElement {
    const retry = h("button", { id: "view-only-retry", type: "button", class: "button small" }, "Try again");
    const exportCopy = h("button", { id: "view-only-export", type: "button", class: "button small" }, "Export a copy");
    const status = h("span", { id: "view-only-status", class: "view-only-status", role: "status" });
    retry.addEventListener("click", async () => {
      retry.disabled = true;
      status.textContent = "Opening your diary again…";
      try {
        await api.retryOpen();
        const info = await api.appInfo();
        if (info.read_only) {
          status.textContent = "It still cannot be written to.";
          retry.disabled = false;
          return;
        }
        window.location.reload();
      } catch (e) {
        status.textContent = normaliseError(e).message;
        retry.disabled = false;
      }
    });
    exportCopy.addEventListener("click", () => this.go("share"));
    return h(
      "div",
      { id: "view-only-banner", class: "view-only-banner", role: "region", "aria-label": "View only" },
      h(
        "p",
        { id: "view-only-reason" },
        h("strong", {}, "View only. "),
        "Your diary's file or folder cannot be written to, so nothing new can be saved. You can still read it, see the charts and export it. If the folder is on a drive that was unplugged or made read-only, fix that and try again.",
      ),
      h("div", { class: "view-only-actions" }, retry, exportCopy, status),
    );
  }

  /** In a view-only diary a key that would open a form says why instead. */
  private refusedViewOnly(): boolean {
    if (!this.state.info.read_only) return false;
    this.toast.show("View only: nothing can be saved to this diary.");
    return true;
  }

  // ---- keyboard ----------------------------------------------------------------------------

  /** One size larger (1), smaller (-1) or back to 100 % (0); saved like any setting. */
  private async changeTextSize(step: 1 | -1 | 0): Promise<void> {
    const now = this.state.settings.text_size;
    const next = step === 0 ? 100 : stepTextSize(now, step);
    if (next === now) return;
    await applyTextSize(next);
    try {
      await this.saveSettings({ ...this.state.settings, text_size: next });
    } catch {
      // A view-only diary cannot keep it: the window still shows the new size until closed.
      this.state.settings = { ...this.state.settings, text_size: next };
    }
    if (this.state.screen === "settings") this.settingsScreen.render();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented || e.isComposing) return;
    // Ctrl+L locks from anywhere, a dialog open or not.
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === "l" || e.key === "L")) {
      e.preventDefault();
      void lockNow();
      return;
    }
    // Ctrl+= / Ctrl++ larger, Ctrl+- smaller, Ctrl+0 normal: from anywhere, a dialog open or not.
    if ((e.ctrlKey || e.metaKey) && !e.altKey) {
      const step = Object.prototype.hasOwnProperty.call(TEXT_SIZE_KEYS, e.key) ? TEXT_SIZE_KEYS[e.key] : undefined;
      if (step !== undefined) {
        e.preventDefault();
        void this.changeTextSize(step);
        return;
      }
    }
    if (anyDialogOpen()) return; // dialogs handle Esc / Enter themselves
    const typing = isTypingTarget(e.target);

    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
      if (e.key === ",") {
        e.preventDefault();
        this.go("settings");
      } else if (Object.prototype.hasOwnProperty.call(NAV_KEYS, e.key)) {
        e.preventDefault();
        this.go(NAV_KEYS[e.key]);
      } else if ((e.key === "z" || e.key === "Z") && !typing) {
        if (this.toast.undo()) e.preventDefault();
      }
      return;
    }
    if (e.key === "F1" && !e.altKey && !e.shiftKey) {
      e.preventDefault();
      this.go("help");
      return;
    }
    if (typing || e.altKey || e.ctrlKey || e.metaKey) return;

    switch (e.key) {
      case "d":
      case "D":
        e.preventDefault();
        if (this.refusedViewOnly()) break;
        if (this.state.screen !== "today") this.go("today", false);
        this.openDoseDialog();
        break;
      case "c":
      case "C":
        e.preventDefault();
        if (this.refusedViewOnly()) break;
        if (this.state.screen !== "today") this.go("today", false);
        this.openCheckinDialog();
        break;
      case "t":
      case "T":
        if (this.state.screen !== "today") this.go("today", false);
        e.preventDefault();
        this.setDate(this.state.today);
        break;
      case "ArrowLeft":
        if (this.state.screen !== "today" || isArrowOwner(e.target)) return;
        e.preventDefault();
        this.setDate(addDays(this.state.date, -1));
        break;
      case "ArrowRight":
        if (this.state.screen !== "today" || isArrowOwner(e.target)) return;
        e.preventDefault();
        if (!this.isToday()) this.setDate(addDays(this.state.date, 1));
        break;
    }
  }
}

/** Ctrl+1 … Ctrl+4: the screens of the navigation rail, in order. */
const NAV_KEYS: Record<string, Screen> = { "1": "today", "2": "taper", "3": "progress", "4": "share" };

/** Ctrl with these keys changes the text size (the keys of both keyboard rows and the keypad). */
const TEXT_SIZE_KEYS: Record<string, 1 | -1 | 0> = { "=": 1, "+": 1, "-": -1, "_": -1, "0": 0 };

/** Controls that use the arrow keys themselves. */
function isArrowOwner(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest("[role=radiogroup], [role=tablist], input") !== null;
}

function latest(doses: Dose[]): Dose | null {
  let best: Dose | null = null;
  for (const d of doses) if (!best || d.local_time >= best.local_time) best = d;
  return best;
}
