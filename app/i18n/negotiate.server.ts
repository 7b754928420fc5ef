import { createCookie } from "@remix-run/node";
import { defaultLocale, isLocale, locales, type Locale } from "./locales";

/** The reader's explicit language choice, kept for a year. Not a tracker: it holds only "en", "fr", … */
export const localeCookie = createCookie("daymark_lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/** Picks the best supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.tag && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    const match = locales.find((locale) => locale === tag || locale === base);
    if (match) return match;
  }
  return undefined;
}

/**
 * The reader's language: their choice (cookie), else the language an e-mailed
 * link's recipient is written to in (the browser may be a shared or borrowed
 * one), else their account's, else Accept-Language, else English.
 */
export async function resolveLocale(request: Request, accountLocale?: string | null, recipientLocale?: string | null): Promise<Locale> {
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(chosen)) return chosen;
  if (isLocale(recipientLocale)) return recipientLocale;
  if (isLocale(accountLocale)) return accountLocale;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language")) ?? defaultLocale;
}

/** Accept-Language's tags, best first (any language, not only the interface's). */
export function acceptedLanguages(header: string | null): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(entry.tag) && entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * The languages a reader would read content in, best first: the page's
 * `?lang=`, the interface language they chose, their browser's languages
 * (Ukrainian too, though the interface has no Ukrainian), then the page's
 * interface language.
 */
export async function contentLanguagePreferences(request: Request, locale: Locale): Promise<string[]> {
  const requested = new URL(request.url).searchParams.get("lang");
  const chosen = await localeCookie.parse(request.headers.get("Cookie"));
  return [
    ...(requested ? [requested] : []),
    ...(isLocale(chosen) ? [chosen] : []),
    ...acceptedLanguages(request.headers.get("Accept-Language")),
    locale,
  ];
}
