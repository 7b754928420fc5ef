import type { IncomingHttpHeaders } from "node:http";
import { resolveLocale } from "~/i18n/negotiate.server";
import { getTranslator } from "~/i18n/registry";
import type { MessageKey } from "~/i18n/translate";
import { contentSecurityPolicy } from "./security-headers.server";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

/**
 * A small page in the reader's language, with no script and no query behind
 * it: for answers given where Remix cannot render one (a request refused
 * before any route, a database that cannot be reached).
 */
export async function plainPage(
  page: { status: number; title: MessageKey; body: MessageKey },
  headers: Pick<IncomingHttpHeaders, "cookie" | "accept-language">,
) {
  const request = new Request("http://daymark.invalid/", {
    headers: { Cookie: headers.cookie ?? "", "Accept-Language": String(headers["accept-language"] ?? "") },
  });
  const locale = await resolveLocale(request);
  const t = getTranslator(locale);
  const title = t(page.title);
  const body = `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} · Daymark</title></head>
<body><main><p>${page.status}</p><h1>${escapeHtml(title)}</h1><p>${escapeHtml(t(page.body))}</p><p><a href="/">${escapeHtml(t("errorPage.home"))}</a></p></main></body>
</html>
`;
  return {
    status: page.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": contentSecurityPolicy(undefined),
      "Cache-Control": "no-store",
    },
    body,
  };
}
