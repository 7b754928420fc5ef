import { defaultLocale, type Locale } from "./locales";
import { createTranslator, type Catalogue, type Translate } from "./translate";

/**
 * Catalogues known to this JavaScript context. The server registers every
 * language at start; the browser registers the page's language before it
 * hydrates, so translation stays synchronous everywhere.
 */
const catalogues = new Map<Locale, Catalogue>();
const translators = new Map<Locale, Translate>();

export function registerCatalogue(locale: Locale, catalogue: Catalogue) {
  catalogues.set(locale, catalogue);
  translators.delete(locale);
}

export function getTranslator(locale: Locale): Translate {
  let translator = translators.get(locale);
  if (!translator) {
    const fallback = catalogues.get(defaultLocale);
    translator = createTranslator(locale, catalogues.get(locale) ?? fallback, fallback);
    translators.set(locale, translator);
  }
  return translator;
}
