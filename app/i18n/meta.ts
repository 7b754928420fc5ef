import type { MetaDescriptor } from "@remix-run/node";
import { defaultLocale, isLocale } from "./locales";
import { getTranslator } from "./registry";
import type { MessageKey, MessageValues, Translate } from "./translate";

/** What a route's `meta` receives that names the page's language (the root loader's data). */
interface MetaMatches {
  matches: readonly { id: string; data?: unknown }[];
}

/** The translator for a `meta` function, in the language the root loader chose for the page. */
export function metaTranslator({ matches }: MetaMatches): Translate {
  const root = matches.find((match) => match.id === "root")?.data as { locale?: string } | undefined;
  return getTranslator(isLocale(root?.locale) ? root.locale : defaultLocale);
}

/** A page title in the page's language: the page's own part, then the product's name. */
export function pageTitle(args: MetaMatches, key: MessageKey, values?: MessageValues): MetaDescriptor {
  return { title: `${metaTranslator(args)(key, values)} · Daymark` };
}

/** A page title from text already in the page's language (an event's or a campaign's name). */
export function namedTitle(...parts: string[]): MetaDescriptor {
  return { title: [...parts, "Daymark"].join(" · ") };
}
