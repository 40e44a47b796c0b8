// What the screens and dialogs may ask of the application: its state, navigation, toasts and the
// shared actions. `app.ts` implements it and hands itself to every screen and dialog it builds
// (the composition root); screens and dialogs never import `app.ts`, so no import cycle runs
// through it. Each screen or dialog names the part it uses with `Pick<AppContext, ...>`.

import type { AppInfo, CheckIn, DayView, Dose, Instrument, Medicine, PlanDay, QuickAmount, Settings, Symptom } from "./bindings";
import type { Toast } from "./toast";

export type Screen = "today" | "taper" | "progress" | "share" | "plan" | "settings" | "help";

export type State = {
  info: AppInfo;
  settings: Settings;
  /** The current diary day. */
  today: string;
  /** The diary day shown on Today. */
  date: string;
  day: DayView | null;
  usual: QuickAmount[];
  /** The plan's schedule when its first day is still to come (Today says when it starts). */
  upcoming: PlanDay[] | null;
  products: string[];
  symptoms: Symptom[] | null;
  instruments: Instrument[] | null;
  /** The most recent dose we know of, for prefilling a new dose. */
  lastDose: Dose | null;
  screen: Screen;
};

export interface AppContext {
  readonly state: State;
  readonly toast: Toast;

  // ---- navigation ----
  go(screen: Screen, focus?: boolean): void;
  /** Back from the Plan screen to where it was opened from. */
  back(): void;
  setDate(date: string): void;
  isToday(): boolean;
  /** The day's heading ("Tuesday 24 November", "Today"…). */
  heading(date: string): string;
  /** Default time for a new entry on the shown day (or `day`). */
  defaultTime(day?: string): string;

  // ---- data ----
  /** Reload the shown day and the quick amounts. */
  refresh(): Promise<void>;
  /** A plan was created or stepped back. */
  planChanged(): Promise<void>;
  /** The whole diary changed (an import or a restore). */
  diaryChanged(): Promise<void>;
  loadSymptoms(): Promise<Symptom[]>;
  loadInstruments(): Promise<Instrument[]>;
  /** The user's own symptoms changed (Settings). */
  symptomsChanged(): void;
  /** Where the half-filled dose form is kept. */
  drafts(): Storage;
  saveSettings(next: Settings): Promise<Settings>;
  /** After a dialog saved: say so, reload. */
  afterSave(day: string, dose?: Dose): Promise<void>;

  // ---- actions ----
  openDoseDialog(): void;
  openCheckinDialog(): void;
  openCowsDialog(): void;
  openMedicineDialog(): void;
  editDose(dose: Dose): void;
  editCheckin(c: CheckIn): void;
  editMedicine(m: Medicine): void;
  deleteDose(dose: Dose): Promise<void>;
  deleteCheckin(c: CheckIn): Promise<void>;
  deleteMedicine(m: Medicine): Promise<void>;
  quickLog(q: QuickAmount): Promise<void>;
}
