import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { translationState, type TranslationState } from "./languages";

/**
 * What translations of events and campaigns share: the network's content
 * languages and the state of a translation. An event's or campaign's own
 * columns are the original, in its `content_language`; each translation
 * stores the original's `content_updated_at` it was made from, so an edit of
 * the original shows the translation as older until it is saved again
 * (event-translations.server.ts, campaign-translations.server.ts).
 */

export interface ContentLanguages {
  /** The network's default: new events and campaigns are written in it. */
  original: string;
  /** The languages content may be translated into. */
  others: string[];
}

export async function getContentLanguages(db: Kysely<Database>, networkId: string): Promise<ContentLanguages> {
  const row = await db
    .selectFrom("networks")
    .select(["content_language", "content_languages"])
    .where("id", "=", networkId)
    .executeTakeFirstOrThrow();
  return { original: row.content_language, others: row.content_languages };
}

/** The owner's choice. Existing translations stay when a language is removed; pages just stop offering to write them. */
export async function setContentLanguages(
  db: Kysely<Database>,
  input: { networkId: string; actorUserId: string; languages: ContentLanguages },
): Promise<void> {
  const others = input.languages.others.filter((tag) => tag !== input.languages.original);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("networks")
      .set({ content_language: input.languages.original, content_languages: others })
      .where("id", "=", input.networkId)
      .execute();
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "network.content-languages",
      details: { languages: others.length + 1 },
    });
  });
}

/** The languages besides the original an organiser can write: the network's, and any already written. */
export function languagesToOffer(network: ContentLanguages, original: string, written: string[]): string[] {
  return [...new Set([network.original, ...network.others, ...written])].filter((tag) => tag !== original);
}

export interface TranslationStatus {
  language: string;
  state: TranslationState;
  updatedAt: string | null;
}

export function statusOf(
  languages: string[],
  rows: { language: string; source_updated_at: Date; updated_at: Date }[],
  originalUpdatedAt: Date,
): TranslationStatus[] {
  return languages.map((language) => {
    const row = rows.find((candidate) => candidate.language === language);
    return {
      language,
      state: translationState(row ? { sourceUpdatedAt: row.source_updated_at } : undefined, originalUpdatedAt),
      updatedAt: row ? row.updated_at.toISOString() : null,
    };
  });
}

/** One text as shown, with the language it is written in (for `lang` attributes and LANGUAGE parameters). */
export interface ShownText {
  text: string;
  language: string;
}

/** A translated field left empty shows the original's text, marked with the original's language. */
export function field(original: string, originalLanguage: string, translated: string | undefined, language: string): ShownText {
  return translated ? { text: translated, language } : { text: original, language: originalLanguage };
}
