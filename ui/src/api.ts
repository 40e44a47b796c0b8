// The only module screens talk to the backend through. Every function returns a typed Promise;
// a rejection is always an ApiError ({code, message, field}). The functions themselves are
// generated from the backend's one declaration of its commands (commands.ts).

import type { ErrorCode } from "./bindings";
import { commands } from "./commands";

export type { ApiError } from "./bindings";
export { isApiError, normaliseError } from "./call";

/** Codes meaning the database cannot be used at all (shown full-window at start). */
export const FATAL_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "locked",
  "read_only",
  "corrupt",
  "newer_version",
  "storage",
]);

/** Codes meaning the diary is not open for a reason with its own screen (the page starts again). */
export const GATE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(["needs_passphrase", "app_locked", "first_start"]);

export const api = commands;

export type Api = typeof api;
