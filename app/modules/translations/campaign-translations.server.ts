import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { pickLanguage } from "./languages";
import { field, getContentLanguages, languagesToOffer, statusOf, type ShownText, type TranslationStatus } from "./translations.server";

/** Campaigns in several languages: the campaign's own columns are the original (see translations.server.ts). */

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
