import type { IncomingHttpHeaders } from "node:http";
import type { MessageKey } from "~/i18n/translate";
import { hasControlCharacters } from "./input-hygiene.server";
import { plainPage } from "./plain-page.server";

export interface Refusal {
  status: 400;
  message: Extract<MessageKey, `errors.${string}`>;
}

/**
 * The first look at every request, before any route (and so any query) sees
 * it: a path segment or query value that does not decode, or decodes to a
 * control character, is refused here. NUL in particular would reach
 * PostgreSQL, which refuses it with an error (a 500) wherever it lands.
 * Forms get the same check when they are read (app/utils/forms.server.ts).
 */
export function screenUrl(rawUrl: string): Refusal | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl, "http://daymark.invalid");
  } catch {
    return { status: 400, message: "errors.badRequest" };
  }
  const parts = [
    ...url.pathname.split("/"),
    ...url.search
      .slice(1)
      .split(/[&=]/)
      .map((part) => part.replace(/\+/g, " ")),
  ];
  for (const part of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return { status: 400, message: "errors.badRequest" };
    }
    if (hasControlCharacters(decoded)) return { status: 400, message: "errors.controlCharacters" };
  }
  // Raw tabs and line breaks in the request line are dropped by URL parsing; they are refused all the same.
  if (hasControlCharacters(rawUrl)) return { status: 400, message: "errors.controlCharacters" };
  return undefined;
}

/** The reader's-language page for a request refused by `screenUrl`. */
export function refusalPage(refusal: Refusal, headers: IncomingHttpHeaders) {
  return plainPage({ status: refusal.status, title: "errorPage.badRequest.title", body: refusal.message }, headers);
}
