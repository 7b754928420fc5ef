import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { allCatalogues } from "~/i18n/catalogues.server";
import { locales } from "~/i18n/locales";
import { localeFromAcceptLanguage } from "~/i18n/negotiate.server";
import { getTranslator } from "~/i18n/registry";
import { createTranslator } from "~/i18n/translate";

/** Every dotted path to a message; a plural set counts as one message. */
function messagePaths(node: unknown, prefix = ""): string[] {
  if (typeof node === "string") return [prefix];
  const entries = Object.entries(node as Record<string, unknown>);
  if (entries.some(([key]) => key === "other")) return [prefix];
  return entries.flatMap(([key, value]) => messagePaths(value, prefix ? `${prefix}.${key}` : key));
}

describe("catalogues", () => {
  const english = messagePaths(allCatalogues.en).sort();

  test.each(locales.filter((locale) => locale !== "en"))("%s has exactly the keys English has", (locale) => {
    const keys = messagePaths(allCatalogues[locale]).sort();
    expect(
      keys.filter((key) => !english.includes(key)),
      "keys English lacks",
    ).toEqual([]);
    expect(
      english.filter((key) => !keys.includes(key)),
      "keys missing",
    ).toEqual([]);
  });

  test.each(locales)("%s namespace files do not overwrite each other's top-level keys", (locale) => {
    const folder = path.resolve(import.meta.dirname, "../../app/i18n/locales", locale);
    const owners = new Map<string, string[]>();
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".json"))) {
      for (const key of Object.keys(JSON.parse(readFileSync(path.join(folder, file), "utf8")))) {
        owners.set(key, [...(owners.get(key) ?? []), file]);
      }
    }
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
  });

  test.each(locales)("%s keeps every {placeholder} of the English message", (locale) => {
    const t = getTranslator(locale);
    const en = getTranslator("en");
    for (const key of english) {
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      expect(placeholders(t(key as never)), key).toEqual(placeholders(en(key as never)));
    }
  });
});

describe("translate", () => {
  const catalogue = {
    greeting: "Hello {name}",
    seats: { one: "{count} место", few: "{count} места", many: "{count} мест", other: "{count} места" },
    nested: { only: "English only" },
  };

  test("fills placeholders and formats numbers for the locale", () => {
    const t = createTranslator("fr", { greeting: "Bonjour {name}, {count} places" }, catalogue);
    expect(t("greeting" as never, { name: "Ana", count: 1234 })).toBe("Bonjour Ana, 1\u202f234 places");
  });

  test("picks the plural form with the locale's rules (Russian has one, few and many)", () => {
    const t = createTranslator("ru" as never, catalogue, catalogue);
    expect([1, 2, 5, 21, 22, 25].map((count) => t("seats" as never, { count }))).toEqual([
      "1 место",
      "2 места",
      "5 мест",
      "21 место",
      "22 места",
      "25 мест",
    ]);
  });

  test("falls back to English, and shows an unknown key as itself", () => {
    const t = createTranslator("fr", {}, catalogue);
    expect(t("nested.only" as never)).toBe("English only");
    expect(t("nested.missing" as never)).toBe("nested.missing");
  });

  test("leaves a placeholder without a value visible", () => {
    const t = createTranslator("en", catalogue, catalogue);
    expect(t("greeting" as never)).toBe("Hello {name}");
  });
});

describe("Accept-Language", () => {
  test.each([
    ["fr-FR,fr;q=0.9,en;q=0.8", "fr"],
    ["de-DE,de;q=0.9,en-GB;q=0.5", "de"],
    ["pt-PT,pt;q=0.9,en-GB;q=0.5", "en"],
    ["en;q=0.2, fr;q=0.8", "fr"],
    ["pt-PT", undefined],
    ["fr;q=0", undefined],
    ["", undefined],
  ])("%j gives %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});
