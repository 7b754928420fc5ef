import type { IncomingHttpHeaders } from "node:http";
import { resolveLocale } from "~/i18n/negotiate.server";
import { getTranslator } from "~/i18n/registry";
import type { MessageKey } from "~/i18n/translate";
import { hasControlCharacters } from "./input-hygiene.server";
import { contentSecurityPolicy } from "./security-headers.server";

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

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

/** A small page in the reader's language for a request refused before Remix could render one. */
export async function refusalPage(refusal: Refusal, headers: IncomingHttpHeaders) {
  const request = new Request("http://daymark.invalid/", {
    headers: { Cookie: headers.cookie ?? "", "Accept-Language": String(headers["accept-language"] ?? "") },
  });
  const locale = await resolveLocale(request);
  const t = getTranslator(locale);
  const title = t("errorPage.badRequest.title");
  const body = `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Daymark</title></head>
<body><main><p>${refusal.status}</p><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(refusal.message))}</p><p><a href="/">${escapeHtml(t("errorPage.home"))}</a></p></main></body>
</html>
`;
  return {
    status: refusal.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": contentSecurityPolicy(undefined),
      "Cache-Control": "no-store",
    },
    body,
  };
}
