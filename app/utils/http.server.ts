import { data } from "@remix-run/node";
import type { MessageKey } from "~/i18n/translate";

/**
 * Expected failures travel as HTTP responses. The message is an i18n key that
 * the error boundary shows in the reader's language.
 */
export function httpError(status: 400 | 403 | 404 | 409 | 410 | 413 | 429, message: MessageKey): never {
  throw data({ message }, { status });
}

export function notFound(message: MessageKey = "errors.notFound"): never {
  return httpError(404, message);
}

export function forbidden(message: MessageKey = "errors.forbidden"): never {
  return httpError(403, message);
}
