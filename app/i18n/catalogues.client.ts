import { defaultLocale, isLocale, type Locale } from "./locales";
import { registerCatalogue } from "./registry";
import type { Catalogue } from "./translate";

/** One chunk per language, so the browser downloads only the page's own. */
const loaders: Record<Locale, () => Promise<{ default: Catalogue }>> = {
  en: () => import("./locales/en"),
  fr: () => import("./locales/fr"),
  de: () => import("./locales/de"),
  es: () => import("./locales/es"),
  ru: () => import("./locales/ru"),
};

export async function loadCatalogueForPage(lang: string): Promise<void> {
  const locale: Locale = isLocale(lang) ? lang : defaultLocale;
  const [own, fallback] = await Promise.all([loaders[locale](), loaders[defaultLocale]()]);
  registerCatalogue(defaultLocale, fallback.default);
  registerCatalogue(locale, own.default);
}
