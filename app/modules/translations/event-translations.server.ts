import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { pickLanguage } from "./languages";
import { field, getContentLanguages, languagesToOffer, statusOf, type ShownText, type TranslationStatus } from "./translations.server";

/** Events in several languages: the event's own columns are the original (see translations.server.ts). */

export interface EventTexts {
  title: string;
  description: string;
  accessibilityNotes: string;
}

type EventOriginal = { id: string; network_id: string; content_language: string; content_updated_at: Date };

/** Each language the event can be translated into, and whether its translation is missing, older or current. */
export async function eventTranslationStatus(db: Kysely<Database>, event: EventOriginal): Promise<TranslationStatus[]> {
  const [network, rows] = await Promise.all([
    getContentLanguages(db, event.network_id),
    db.selectFrom("event_translations").select(["language", "source_updated_at", "updated_at"]).where("event_id", "=", event.id).execute(),
  ]);
  const languages = languagesToOffer(
    network,
    event.content_language,
    rows.map((row) => row.language),
  );
  return statusOf(languages, rows, event.content_updated_at);
}

export async function getEventTranslation(db: Kysely<Database>, eventId: string, language: string): Promise<EventTexts | undefined> {
  const row = await db
    .selectFrom("event_translations")
    .select(["title", "description", "accessibility_notes"])
    .where("event_id", "=", eventId)
    .where("language", "=", language)
    .executeTakeFirst();
  return row ? { title: row.title, description: row.description, accessibilityNotes: row.accessibility_notes } : undefined;
}

/** Writes one language's texts, as made from the original as it is now. */
export async function saveEventTranslation(
  db: Kysely<Database>,
  input: { event: EventOriginal; language: string; texts: EventTexts; actorUserId: string },
): Promise<void> {
  const { event } = input;
  await db.transaction().execute(async (trx) => {
    const values = {
      title: input.texts.title,
      description: input.texts.description,
      accessibility_notes: input.texts.accessibilityNotes,
      source_updated_at: event.content_updated_at,
      updated_at: new Date(),
    };
    await trx
      .insertInto("event_translations")
      .values({ ...values, event_id: event.id, network_id: event.network_id, language: input.language })
      .onConflict((oc) => oc.columns(["event_id", "language"]).doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      networkId: event.network_id,
      actorUserId: input.actorUserId,
      action: "event.translated",
      subjectType: "event",
      subjectId: event.id,
      details: { language: input.language },
    });
  });
}

export interface ShownEventTexts {
  title: ShownText;
  description: ShownText;
  accessibilityNotes: ShownText;
  /** The language the reader gets. */
  language: string;
  /** Every language the event is written in, the original first. */
  available: string[];
}

type EventOriginalTexts = { id: string; title: string; description: string; accessibility_notes: string; content_language: string };

function shownEvent(
  event: EventOriginalTexts,
  translations: { language: string; title: string; description: string; accessibility_notes: string }[],
  preferences: readonly string[],
  fallbacks: readonly string[],
): ShownEventTexts {
  const available = [event.content_language, ...translations.map((row) => row.language)];
  const language = pickLanguage(available, preferences) ?? pickLanguage(available, fallbacks) ?? event.content_language;
  const translation = translations.find((row) => row.language === language);
  const original = event.content_language;
  return {
    title: field(event.title, original, translation?.title, language),
    description: field(event.description, original, translation?.description, language),
    accessibilityNotes: field(event.accessibility_notes, original, translation?.accessibility_notes, language),
    language: translation || language === original ? language : original,
    available,
  };
}

/**
 * The events' texts in the first of the reader's languages each is written
 * in, else in the first of `fallbacks` (the network's default), else in its
 * original. One query for a whole list.
 */
export async function eventsInLanguage<T extends EventOriginalTexts>(
  db: Kysely<Database>,
  events: T[],
  preferences: readonly string[],
  fallbacks: readonly string[] = [],
): Promise<Map<string, ShownEventTexts>> {
  const rows =
    events.length === 0
      ? []
      : await db
          .selectFrom("event_translations")
          .select(["event_id", "language", "title", "description", "accessibility_notes"])
          .where(
            "event_id",
            "in",
            events.map((event) => event.id),
          )
          .orderBy("language")
          .execute();
  return new Map(
    events.map((event) => [
      event.id,
      shownEvent(
        event,
        rows.filter((row) => row.event_id === event.id),
        preferences,
        fallbacks,
      ),
    ]),
  );
}

/** Titles of list entries in the reader's languages (`events` carry their own title and original language). */
export async function eventTitlesInLanguage(
  db: Kysely<Database>,
  events: { id: string; title: string; contentLanguage: string }[],
  preferences: readonly string[],
  fallbacks: readonly string[] = [],
): Promise<Map<string, ShownText>> {
  const shown = await eventsInLanguage(
    db,
    events.map((event) => ({
      id: event.id,
      title: event.title,
      description: "",
      accessibility_notes: "",
      content_language: event.contentLanguage,
    })),
    preferences,
    fallbacks,
  );
  return new Map([...shown].map(([id, texts]) => [id, texts.title]));
}

/** An SQL condition: the event's title, or one of its translations' titles, contains `words` (case-insensitive). */
export function titleInAnyLanguage(words: string) {
  const pattern = `%${words.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  return sql<boolean>`(events.title ilike ${pattern} or exists (
    select 1 from event_translations
    where event_translations.event_id = events.id and event_translations.title ilike ${pattern}))`;
}
