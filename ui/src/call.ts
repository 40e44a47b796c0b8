// How the page calls the backend: every rejection becomes an ApiError ({code, message, field}).
// The typed function for each command is generated (commands.ts); api.ts is what screens use.

import { invoke } from "@tauri-apps/api/core";
import type { ApiError, ErrorCode } from "./bindings";

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  "invalid",
  "needs_confirmation",
  "not_found",
  "locked",
  "read_only",
  "corrupt",
  "newer_version",
  "storage",
  "internal",
  "needs_passphrase",
  "wrong_passphrase",
  "app_locked",
  "first_start",
  "busy",
  "diary_missing",
]);

const FALLBACK_MESSAGE = "Something went wrong. Please try again.";

function internal(message: string): ApiError {
  const text = message.trim();
  return { code: "internal", message: text === "" ? FALLBACK_MESSAGE : text, field: null };
}

/**
 * Turn whatever a failed invoke produced into an ApiError. A well-formed backend error is
 * kept as it is (field null when absent); anything else (a string from Tauri, a JS Error,
 * an unknown code, garbage) becomes {code: "internal", message, field: null}.
 */
export function normaliseError(e: unknown): ApiError {
  if (typeof e === "string") return internal(e);
  if (e instanceof Error) return internal(e.message);
  if (typeof e === "object" && e !== null) {
    const o = e as Record<string, unknown>;
    const message = typeof o.message === "string" ? o.message : "";
    if (typeof o.code === "string" && ERROR_CODES.has(o.code) && message.trim() !== "") {
      return {
        code: o.code as ErrorCode,
        message,
        field: typeof o.field === "string" && o.field !== "" ? o.field : null,
      };
    }
    return internal(message);
  }
  return internal("");
}

export function isApiError(e: unknown): e is ApiError {
  if (typeof e !== "object" || e === null) return false;
  const o = e as Record<string, unknown>;
  return (
    typeof o.code === "string" &&
    ERROR_CODES.has(o.code) &&
    typeof o.message === "string" &&
    (o.field === null || typeof o.field === "string")
  );
}

export async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return (await invoke<T>(cmd, args)) as T;
  } catch (e) {
    throw normaliseError(e);
  }
}

