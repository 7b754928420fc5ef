import { useRouteLoaderData } from "@remix-run/react";
import { defaultLocale, isLocale, type Locale } from "./locales";
import { getTranslator } from "./registry";
import type { Translate } from "./translate";

/** The page's language, from the root loader (English on an error page that has none). */
export function useLocale(): Locale {
  const data = useRouteLoaderData("root") as { locale?: string } | undefined;
  return isLocale(data?.locale) ? data.locale : defaultLocale;
}

export function useT(): Translate {
  return getTranslator(useLocale());
}
