import en from "./locales/en";
import fr from "./locales/fr";
import de from "./locales/de";
import es from "./locales/es";
import ru from "./locales/ru";
import type { Locale } from "./locales";
import { registerCatalogue } from "./registry";
import type { Catalogue } from "./translate";

/** Every catalogue, loaded eagerly on the server (emails and pages in any language). */
export const allCatalogues: Record<Locale, Catalogue> = { en, fr, de, es, ru };

for (const [locale, catalogue] of Object.entries(allCatalogues)) {
  registerCatalogue(locale as Locale, catalogue);
}
