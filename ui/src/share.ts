// Pure logic for the Share screen, imports and backups: ranges, report options, and the words
// that say what an import or a backup is. No DOM, no backend.

import type {
  BackupInfo,
  BackupKind,
  ChartRange,
  DecimalMark,
  Delimiter,
  DoseImportSummary,
  ImportSummary,
  Paper,
  ReportOptions,
} from "./bindings";
import { formatGrams, plural } from "./format";
import { dayTimeText, shortDay } from "./dates";
import { formatLocal, localPartsOf, parseDate, toLocalInput } from "./time";

export type ShareRangeKey = "plan" | "last14" | "last30" | "all";

export const SHARE_RANGES: ReadonlyArray<{ key: ShareRangeKey; label: string }> = [
  { key: "plan", label: "This plan" },
  { key: "last14", label: "Last 14 days" },
  { key: "last30", label: "Last 30 days" },
  { key: "all", label: "All" },
];

export const PAPERS: ReadonlyArray<{ key: Paper; label: string }> = [
  { key: "a4", label: "A4" },
  { key: "letter", label: "US Letter" },
];

/** The most a name on the report may be (the backend says so too, in words). */
export const NAME_MAX = 80;

export function shareRange(key: ShareRangeKey): ChartRange {
  switch (key) {
    case "plan":
      return { kind: "plan" };
    case "last14":
      return { kind: "last", days: 14 };
    case "last30":
      return { kind: "last", days: 30 };
    case "all":
      return { kind: "all" };
  }
}

/** The choice shown for a range the backend suggests; anything else is "This plan". */
export function shareRangeKey(range: ChartRange): ShareRangeKey {
  if (range.kind === "all") return "all";
  if (range.kind === "last" && range.days === 14) return "last14";
  if (range.kind === "last" && range.days === 30) return "last30";
  return "plan";
}

/**
 * The range to show once it is known whether a plan exists: "This plan" only with a plan, so
 * without one a "plan" choice (the backend's default) becomes "Last 14 days". Any other choice
 * is kept.
 */
export function rangeForPlan(key: ShareRangeKey, hasPlan: boolean): ShareRangeKey {
  return key === "plan" && !hasPlan ? "last14" : key;
}

export type ShareForm = {
  range: ShareRangeKey;
  paper: Paper;
  includeNotes: boolean;
  includeName: boolean;
  name: string;
};

/** The report options from the form. A name is sent only when asked for and not blank. */
export function buildReportOptions(f: ShareForm): ReportOptions {
  const name = f.name.trim();
  return {
    range: shareRange(f.range),
    paper: f.paper,
    include_notes: f.includeNotes,
    name: f.includeName && name !== "" ? name : null,
  };
}

/** "Thu 19 Nov – Wed 25 Nov 2026" (the locale's order); one day: "Wed 25 Nov 2026". */
export function dateRangeText(from: string, to: string): string {
  const b = parseDate(to);
  if (!parseDate(from) || !b) return `${from} – ${to}`;
  // The end always with its year; the start with its own only when it differs.
  const end = shortDay(to, `${b.year + 1}-01-01`);
  return from === to ? end : `${shortDay(from, to)} – ${end}`;
}

/** "2 pages · 19 Nov – 25 Nov 2026". */
export function previewCaption(pages: number, from: string, to: string): string {
  return `${plural(pages, "page", "pages")} · ${dateRangeText(from, to)}`;
}

/** A list in words: "a", "a and b", "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** What a backup adds, item by item ("3 doses", "1 check-in", …); empty when nothing. */
export function addedParts(s: ImportSummary): string[] {
  const parts: Array<[number, string, string]> = [
    [s.added_doses, "dose", "doses"],
    [s.added_checkins, "check-in", "check-ins"],
    [s.added_medicines, "other medicine", "other medicines"],
    [s.added_symptoms, "own symptom", "own symptoms"],
    [s.added_plans, "plan", "plans"],
  ];
  return parts.filter(([n]) => n > 0).map(([n, one, many]) => plural(n, one, many));
}

/** "2 entries already in your diary are left out." or "". */
export function duplicatesText(n: number): string {
  if (n <= 0) return "";
  return n === 1 ? "1 entry already in your diary is left out." : `${n} entries already in your diary are left out.`;
}

/**
 * What else a backup import does besides adding, one sentence each: entries updated (changed
 * later in the file), kept (changed later here), already there, and rows that match entries
 * deleted here (they stay deleted).
 */
export function backupOtherLines(s: ImportSummary, preview: boolean): string[] {
  const lines: string[] = [];
  if (s.updated > 0) {
    const what = plural(s.updated, "entry", "entries");
    lines.push(`${preview ? "Updates" : "Updated"} ${what} you changed later on the other computer.`);
  }
  if (s.kept_newer > 0) {
    const one = s.kept_newer === 1;
    lines.push(`${plural(s.kept_newer, "entry", "entries")} changed later here ${one ? "stays" : "stay"} as ${one ? "it is" : "they are"}.`);
  }
  const dup = duplicatesText(s.already_there);
  if (dup) lines.push(dup);
  const gone = s.matched_deleted.length;
  if (gone > 0) {
    lines.push(
      gone === 1
        ? "1 row matches an entry you deleted here; it stays deleted."
        : `${gone} rows match entries you deleted here; they stay deleted.`,
    );
  }
  return lines;
}

/** The preview's one line for a backup merge: "Adds 3 doses and 1 check-in." */
export function backupPreviewText(s: ImportSummary): string {
  const parts = addedParts(s);
  if (parts.length === 0) {
    return s.updated > 0 ? "Nothing new to add." : "Nothing new: everything in this backup is already in your diary.";
  }
  return `Adds ${listWords(parts)}.`;
}

/** The toast after a backup was imported. */
export function backupOutcomeText(s: ImportSummary): string {
  if (s.mode === "replace") {
    const parts = addedParts(s);
    const main = parts.length ? `Your diary now holds the backup: ${listWords(parts)}.` : "Your diary now holds the backup.";
    return s.kept_backup ? `${main} Your diary as it was is kept in Settings, under Backups.` : main;
  }
  const parts = addedParts(s);
  const other = backupOtherLines(s, false);
  const onlyThere = other.length === 1 && s.already_there > 0;
  if (parts.length === 0 && (other.length === 0 || onlyThere)) return "Nothing new to import: it was all in your diary already.";
  const main = parts.length ? `Imported ${listWords(parts)}.` : "Nothing new to add.";
  return [main, ...other].join(" ");
}

/** The toast after a dose spreadsheet was imported. */
export function doseOutcomeText(s: DoseImportSummary): string {
  const main = s.added_doses > 0 ? `Imported ${plural(s.added_doses, "dose", "doses")}.` : "No new doses: they were all in your diary already.";
  const dup = duplicatesText(s.skipped_duplicates);
  return dup && s.added_doses > 0 ? `${main} ${dup}` : main;
}

/** The spreadsheet rows holding a dose of 30 g or more, to check before importing; "" when none. */
export function largeDosesText(lines: number[]): string {
  if (lines.length === 0) return "";
  const where = listWords(lines.map(String));
  return lines.length === 1
    ? `Line ${where} is a dose of 30 g or more: check it is right before you import.`
    : `Lines ${where} are doses of 30 g or more: check they are right before you import.`;
}

/** "5 doses ready to import · 12.5 g in all". */
export function doseRowsText(rows: number, totalG: number): string {
  if (rows === 0) return "No rows can be imported from this file.";
  return `${plural(rows, "dose", "doses")} ready to import · ${formatGrams(totalG)} in all`;
}

const DELIMITER_WORDS: Record<Delimiter, string> = { comma: "commas", semicolon: "semicolons", tab: "tabs" };

/**
 * How a spreadsheet was read, as the preview says it: "Read with semicolons between fields (as
 * the file's first line says) and a decimal comma (2,5)."; "…; every amount is a whole number."
 * when no amount has a decimal mark.
 */
export function readAsText(delimiter: Delimiter, fromSepLine: boolean, mark: DecimalMark | null): string {
  const how = fromSepLine ? " (as the file's first line says)" : "";
  const marks = mark === "comma" ? " and a decimal comma (2,5)." : mark === "point" ? " and a decimal point (2.5)." : "; every amount is a whole number.";
  return `Read with ${DELIMITER_WORDS[delimiter] ?? delimiter} between fields${how}${marks}`;
}

/** Bad rows counted but not listed (after the first 100): "and 412 more rows"; "" for none. */
export function moreBadText(n: number): string {
  if (n <= 0) return "";
  const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `and ${grouped} more ${n === 1 ? "row" : "rows"}`;
}

const FIELD_WORDS: Record<string, string> = {
  time: "Time",
  date: "Date",
  amount: "Amount",
  grams: "Amount in grams",
  unit: "Unit",
  form: "Form",
  product: "Product",
  estimated: "Estimated",
  note: "Note",
};

/** The dose field a column feeds, in words; "Not imported" when none. */
export function fieldWords(field: string | null): string {
  if (field === null || field === "") return "Not imported";
  return FIELD_WORDS[field] ?? field.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase());
}

export const BACKUP_KIND_WORDS: Record<BackupKind, string> = {
  automatic: "Automatic",
  manual: "Made by you",
  before_upgrade: "Before an update",
  before_restore: "Before a restore",
};

export function backupKindWords(kind: BackupKind): string {
  return BACKUP_KIND_WORDS[kind] ?? String(kind);
}

/** "12 KB", "1.4 MB" (1 KB = 1024 bytes; never "0 KB" for a file with something in it). */
export function sizeText(bytes: number | bigint): string {
  const n = Number(bytes);
  if (!Number.isFinite(n) || n < 0) return "";
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} KB`;
  const mb = n / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** A UTC RFC 3339 time in this computer's local time: "Wed 25 Nov 2026, 09:05". */
export function localDateTime(rfc3339: string): string {
  const d = new Date(rfc3339);
  if (Number.isNaN(d.getTime())) return rfc3339;
  return dayTimeText(toLocalInput(d), formatLocal(localPartsOf(new Date())).slice(0, 10));
}

/** One backup row's details: "12 KB · Made by you". */
export function backupDetails(b: Pick<BackupInfo, "size_bytes" | "kind">): string {
  return `${sizeText(b.size_bytes)} · ${backupKindWords(b.kind)}`;
}

/** A file's name without its folder. */
export function fileName(path: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** The confirmation after a save: the files by their names (the folder is one click away). */
export function exportedText(paths: string[]): string {
  if (paths.length === 0) return "Nothing was saved.";
  if (paths.length === 1) return `Saved ${fileName(paths[0])}`;
  return `Saved ${paths.length} files: ${paths.map(fileName).join(", ")}`;
}
