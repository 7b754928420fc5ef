import type { Locale } from "~/i18n/locales";
import { languageName } from "~/modules/events/present.server";
import { pickLanguage } from "./languages";
import type { TranslationStatus } from "./translations.server";

/** Each language's row of the organiser's translations table, named in the page's language. */
export function presentTranslationStatus(statuses: TranslationStatus[], locale: Locale) {
  return statuses.map((status) => ({ language: status.language, name: languageName(status.language, locale), state: status.state }));
}

const ownNames = new Map<string, string>();

/** A language named in itself ("українська", "français"), as a language switcher offers it. */
export function languageInItself(tag: string): string {
  let name = ownNames.get(tag);
  if (name === undefined) {
    try {
      name = new Intl.DisplayNames([tag], { type: "language" }).of(tag) ?? tag;
    } catch {
      name = tag;
    }
    ownNames.set(tag, name);
  }
  return name;
}

/**
 * What a public page says about its content's language: the language shown,
 * a note when the reader's first language is not among those written ("shown
 * in English: not available in French"), and the other languages to switch to.
 */
export function presentContentLanguage(
  shown: { language: string; available: string[] },
  preferences: readonly string[],
  locale: Locale,
  pagePath: string,
) {
  const wanted = preferences[0];
  const missing = wanted !== undefined && pickLanguage(shown.available, [wanted]) === undefined;
  return {
    language: shown.language,
    fallback: missing ? { shown: languageName(shown.language, locale), wanted: languageName(wanted.split("-")[0]!, locale) } : null,
    languages: shown.available.map((language) => ({
      language,
      name: languageInItself(language),
      href: `${pagePath}?lang=${encodeURIComponent(language)}`,
      current: language === shown.language,
    })),
  };
}
export type ContentLanguageNote = ReturnType<typeof presentContentLanguage>;

/** The languages a subscribe panel offers besides the one its feed is in, each with its feed's address. */
export function feedLanguages(languages: readonly string[], current: string, urlFor: (language: string) => string) {
  return languages
    .filter((language) => language !== current)
    .map((language) => ({ language, name: languageInItself(language), url: urlFor(language) }));
}
