import type { Locale } from "./locales";
import { formattedOnce } from "./server-texts";
import type en from "./locales/en";

/** A message with plural forms, chosen by Intl.PluralRules (Russian needs one, few, many). */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Catalogue = typeof en;

type IsPlural<T> = T extends { other: string } ? true : false;
type Join<Prefix extends string, Key extends string> = Prefix extends "" ? Key : `${Prefix}.${Key}`;

/** Every dotted key of the English catalogue that names a message (a string or a plural set). */
export type MessageKey<T = Catalogue, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string
    ? Join<Prefix, K>
    : IsPlural<T[K]> extends true
      ? Join<Prefix, K>
      : MessageKey<T[K], Join<Prefix, K>>;
}[keyof T & string];

export type MessageValues = Record<string, string | number>;
export type Translate = (key: MessageKey, values?: MessageValues) => string;

function lookup(catalogue: unknown, key: string): unknown {
  let node: unknown = catalogue;
  for (const part of key.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const formatNumber = formattedOnce("number", (value: number, locale: string): string => {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
});

/**
 * Builds `t(key, values)` for one locale. `{name}` placeholders are filled from
 * values (numbers formatted for the locale, except a `{year}`, which is a name
 * and never grouped: "2026", not "2,026"); a message with plural forms picks
 * its form from `values.count`. A key missing from the locale falls back to
 * English, and a key missing from English is shown as itself so it is noticed.
 */
export function createTranslator(locale: Locale, catalogue: unknown, fallback: unknown): Translate {
  const plurals = new Intl.PluralRules(locale);
  return (key, values = {}) => {
    let message = lookup(catalogue, key) ?? lookup(fallback, key);
    if (message !== null && typeof message === "object") {
      const forms = message as PluralMessage;
      const count = Number(values.count ?? 0);
      message = forms[plurals.select(count)] ?? forms.other;
    }
    if (typeof message !== "string") return key;
    return message.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
      const value = values[name];
      if (value === undefined) return placeholder;
      if (typeof value !== "number") return value;
      return name === "year" ? String(value) : formatNumber(value, locale);
    });
  };
}
