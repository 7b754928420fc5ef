import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { pickLanguage, translationState, type TranslationState } from "./languages";

/**
 * Translations of events and campaigns. The row's own columns are the
 * original, in its `content_language`; each translation stores the original's
 * `content_updated_at` it was made from, so an edit of the original shows the
 * translation as older until it is saved again.
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
function languagesToOffer(network: ContentLanguages, original: string, written: string[]): string[] {
  return [...new Set([network.original, ...network.others, ...written])].filter((tag) => tag !== original);
}

export interface TranslationStatus {
  language: string;
  state: TranslationState;
  updatedAt: string | null;
}

function statusOf(
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

/* ---------- events ---------- */

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

/** One text as shown, with the language it is written in (for `lang` attributes and LANGUAGE parameters). */
export interface ShownText {
  text: string;
  language: string;
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

/** A translated field left empty shows the original's text, marked with the original's language. */
function field(original: string, originalLanguage: string, translated: string | undefined, language: string): ShownText {
  return translated ? { text: translated, language } : { text: original, language: originalLanguage };
}

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

/* ---------- campaigns ---------- */

export interface CampaignTexts {
  title: string;
  goals: string;
  keyMessages: string;
  /** In the order of the campaign's materials; an empty label shows the original's. */
  materialLabels: string[];
}

type CampaignOriginal = { id: string; network_id: string; content_language: string; content_updated_at: Date };

export async function campaignTranslationStatus(db: Kysely<Database>, campaign: CampaignOriginal): Promise<TranslationStatus[]> {
  const [network, rows] = await Promise.all([
    getContentLanguages(db, campaign.network_id),
    db
      .selectFrom("campaign_translations")
      .select(["language", "source_updated_at", "updated_at"])
      .where("campaign_id", "=", campaign.id)
      .execute(),
  ]);
  const languages = languagesToOffer(
    network,
    campaign.content_language,
    rows.map((row) => row.language),
  );
  return statusOf(languages, rows, campaign.content_updated_at);
}

export async function getCampaignTranslation(
  db: Kysely<Database>,
  campaignId: string,
  language: string,
): Promise<CampaignTexts | undefined> {
  const row = await db
    .selectFrom("campaign_translations")
    .select(["title", "goals", "key_messages", "material_labels"])
    .where("campaign_id", "=", campaignId)
    .where("language", "=", language)
    .executeTakeFirst();
  return row ? { title: row.title, goals: row.goals, keyMessages: row.key_messages, materialLabels: row.material_labels } : undefined;
}

export async function saveCampaignTranslation(
  db: Kysely<Database>,
  input: { campaign: CampaignOriginal; language: string; texts: CampaignTexts; actorUserId: string },
): Promise<void> {
  const { campaign } = input;
  await db.transaction().execute(async (trx) => {
    const values = {
      title: input.texts.title,
      goals: input.texts.goals,
      key_messages: input.texts.keyMessages,
      material_labels: input.texts.materialLabels,
      source_updated_at: campaign.content_updated_at,
      updated_at: new Date(),
    };
    await trx
      .insertInto("campaign_translations")
      .values({ ...values, campaign_id: campaign.id, network_id: campaign.network_id, language: input.language })
      .onConflict((oc) => oc.columns(["campaign_id", "language"]).doUpdateSet(values))
      .execute();
    await recordAudit(trx, {
      networkId: campaign.network_id,
      actorUserId: input.actorUserId,
      action: "campaign.translated",
      subjectType: "campaign",
      subjectId: campaign.id,
      details: { language: input.language },
    });
  });
}

export interface ShownCampaignTexts {
  title: ShownText;
  goals: ShownText;
  keyMessages: ShownText;
  materials: { label: ShownText; url: string }[];
  language: string;
  available: string[];
}

/** A campaign's texts in the first of the reader's languages it is written in, else the fallbacks', else its original. */
export async function campaignInLanguage(
  db: Kysely<Database>,
  campaign: {
    id: string;
    title: string;
    goals: string;
    key_messages: string;
    materials: { label: string; url: string }[];
    content_language: string;
  },
  preferences: readonly string[],
  fallbacks: readonly string[] = [],
): Promise<ShownCampaignTexts> {
  const rows = await db
    .selectFrom("campaign_translations")
    .select(["language", "title", "goals", "key_messages", "material_labels"])
    .where("campaign_id", "=", campaign.id)
    .orderBy("language")
    .execute();
  const original = campaign.content_language;
  const available = [original, ...rows.map((row) => row.language)];
  const language = pickLanguage(available, preferences) ?? pickLanguage(available, fallbacks) ?? original;
  const translation = rows.find((row) => row.language === language);
  return {
    title: field(campaign.title, original, translation?.title, language),
    goals: field(campaign.goals, original, translation?.goals, language),
    keyMessages: field(campaign.key_messages, original, translation?.key_messages, language),
    materials: campaign.materials.map((material, index) => ({
      label: field(material.label, original, translation?.material_labels[index], language),
      url: material.url,
    })),
    language,
    available,
  };
}

/** Campaigns' titles in the first of the reader's languages each is written in (for event pages and lists). */
export async function campaignTitlesInLanguage(
  db: Kysely<Database>,
  campaigns: { id: string; title: string; contentLanguage: string }[],
  preferences: readonly string[],
  fallbacks: readonly string[],
): Promise<Map<string, ShownText>> {
  const ids = [...new Set(campaigns.map((campaign) => campaign.id))];
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom("campaign_translations")
          .select(["campaign_id", "language", "title"])
          .where("campaign_id", "in", ids)
          .orderBy("language")
          .execute();
  return new Map(
    campaigns.map((campaign) => {
      const translations = rows.filter((row) => row.campaign_id === campaign.id);
      const available = [campaign.contentLanguage, ...translations.map((row) => row.language)];
      const language = pickLanguage(available, preferences) ?? pickLanguage(available, fallbacks) ?? campaign.contentLanguage;
      const translation = translations.find((row) => row.language === language);
      return [
        campaign.id,
        translation ? { text: translation.title, language } : { text: campaign.title, language: campaign.contentLanguage },
      ];
    }),
  );
}
