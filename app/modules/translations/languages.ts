/**
 * Content languages: the languages a network writes its events and campaigns
 * in. Any BCP 47 tag (uk, pt-BR, ka, ky…), not only the interface's five.
 * Safe for the browser.
 */

/** A tag in its canonical spelling ("pt-br" → "pt-BR"), or undefined when it is not BCP 47. */
export function canonicalLanguage(tag: string): string | undefined {
  const trimmed = tag.trim();
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(trimmed)) return undefined;
  try {
    return Intl.getCanonicalLocales(trimmed)[0];
  } catch {
    return undefined;
  }
}

/** "uk, pt-BR fr" → ["uk", "pt-BR", "fr"], or undefined when one is not a language tag. */
export function parseLanguageList(text: string): string[] | undefined {
  const tags = text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(canonicalLanguage);
  if (tags.some((tag) => tag === undefined)) return undefined;
  return [...new Set(tags as string[])];
}

function baseOf(tag: string): string {
  return tag.split("-")[0]!.toLowerCase();
}

/**
 * The first of the reader's preferences that the content exists in: an exact
 * tag first, then the same language ("pt-BR" for a reader of "pt").
 */
export function pickLanguage(available: readonly string[], preferences: readonly string[]): string | undefined {
  for (const wanted of preferences) {
    const exact = available.find((tag) => tag.toLowerCase() === wanted.toLowerCase());
    if (exact) return exact;
    const sameBase = available.find((tag) => baseOf(tag) === baseOf(wanted));
    if (sameBase) return sameBase;
  }
  return undefined;
}

export type TranslationState = "missing" | "outdated" | "current";

/** A translation is older than its original once the original's texts changed after it was made. */
export function translationState(translation: { sourceUpdatedAt: Date } | undefined, originalUpdatedAt: Date): TranslationState {
  if (!translation) return "missing";
  return translation.sourceUpdatedAt.getTime() < originalUpdatedAt.getTime() ? "outdated" : "current";
}
