import { sql, type Kysely } from "kysely";
import type { CampaignStatus, Database, MaterialLink } from "~db/types";
import { getDay, occurrenceFor } from "~/modules/days/days.server";
import { slugify, uniqueSlug } from "./slug";

export class CampaignRuleError extends Error {
  constructor(readonly messageKey: "campaigns.errors.dateNotSet" | "campaigns.errors.unknownDay" | "campaigns.errors.unknownTemplate") {
    super(messageKey);
  }
}

export interface CampaignContent {
  title: string;
  goals: string;
  keyMessages: string;
  materials: MaterialLink[];
  status: CampaignStatus;
}

export type CampaignDates = { kind: "day"; dayId: string; year: number } | { kind: "own"; startsOn: string; endsOn?: string };

export async function takenSlugs(db: Kysely<Database>, networkId: string): Promise<Set<string>> {
  const rows = await db.selectFrom("campaigns").select("slug").where("network_id", "=", networkId).execute();
  return new Set(rows.map((row) => row.slug));
}

/**
 * Creates a campaign on a global day occurrence (its dates come from the day)
 * or on its own dates. From a template, the template's actions are copied with
 * their offsets and its texts fill what was left empty.
 */
export async function createCampaign(
  trx: Kysely<Database>,
  input: { networkId: string; userId: string; locale: string; content: CampaignContent; dates: CampaignDates; templateId?: string },
) {
  let startsOn: string;
  let endsOn: string;
  let globalDayId: string | null = null;
  let occurrenceYear: number | null = null;
  if (input.dates.kind === "day") {
    const day = await getDay(trx, input.networkId, input.dates.dayId, input.locale);
    if (!day) throw new CampaignRuleError("campaigns.errors.unknownDay");
    const occurrence = await occurrenceFor(trx, input.networkId, day, input.dates.year);
    if (!occurrence) throw new CampaignRuleError("campaigns.errors.dateNotSet");
    ({ startsOn, endsOn } = occurrence);
    globalDayId = day.id;
    occurrenceYear = input.dates.year;
  } else {
    startsOn = input.dates.startsOn;
    endsOn = input.dates.endsOn ?? input.dates.startsOn;
  }

  const template = input.templateId
    ? await trx
        .selectFrom("campaign_templates")
        .selectAll()
        .where("id", "=", input.templateId)
        .where("network_id", "=", input.networkId)
        .executeTakeFirst()
    : undefined;
  if (input.templateId && !template) throw new CampaignRuleError("campaigns.errors.unknownTemplate");

  const content = input.content;
  const slug = uniqueSlug(slugify(content.title), await takenSlugs(trx, input.networkId));
  const campaign = await trx
    .insertInto("campaigns")
    .values({
      network_id: input.networkId,
      slug,
      title: content.title,
      status: content.status,
      starts_on: startsOn,
      ends_on: endsOn,
      global_day_id: globalDayId,
      occurrence_year: occurrenceYear,
      goals: content.goals || template?.goals || "",
      key_messages: content.keyMessages || template?.key_messages || "",
      materials: JSON.stringify(content.materials.length > 0 ? content.materials : (template?.materials ?? [])),
      created_by: input.userId,
      content_language: sql<string>`(select content_language from networks where id = ${input.networkId})`,
    })
    .returning(["id", "slug"])
    .executeTakeFirstOrThrow();

  if (template) {
    const actions = await trx
      .selectFrom("campaign_template_actions")
      .select(["title", "offset_days", "notes"])
      .where("template_id", "=", template.id)
      .orderBy("offset_days")
      .orderBy("title")
      .execute();
    if (actions.length > 0) {
      await trx
        .insertInto("campaign_actions")
        .values(
          actions.map((action) => ({
            network_id: input.networkId,
            campaign_id: campaign.id,
            title: action.title,
            offset_days: action.offset_days,
            notes: action.notes,
          })),
        )
        .execute();
    }
  }
  return campaign;
}

export async function updateCampaign(db: Kysely<Database>, networkId: string, campaignId: string, content: CampaignContent) {
  await db
    .updateTable("campaigns")
    .set({
      title: content.title,
      goals: content.goals,
      key_messages: content.keyMessages,
      materials: JSON.stringify(content.materials),
      status: content.status,
      updated_at: new Date(),
      // Translations are made from these texts: changing one makes every translation older.
      content_updated_at: sql<Date>`case when (title, goals, key_messages, materials) is distinct from
        (${content.title}, ${content.goals}, ${content.keyMessages}, ${JSON.stringify(content.materials)}::jsonb)
        then now() else content_updated_at end`,
    })
    .where("id", "=", campaignId)
    .where("network_id", "=", networkId)
    .execute();
}

/** A campaign of the network with the name of its day in the reader's language. */
export async function getCampaign(db: Kysely<Database>, networkId: string, slug: string, locale: string) {
  const campaign = await db
    .selectFrom("campaigns")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!campaign) return undefined;
  const day = campaign.global_day_id ? await getDay(db, networkId, campaign.global_day_id, locale) : undefined;
  return { ...campaign, day: day ? { id: day.id, name: day.name, colour: day.colour, officialUrl: day.officialUrl } : null };
}

export type CampaignWithDay = NonNullable<Awaited<ReturnType<typeof getCampaign>>>;

export async function listCampaigns(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("campaigns")
    .leftJoin("campaign_actions", "campaign_actions.campaign_id", "campaigns.id")
    .select((eb) => [
      "campaigns.id",
      "campaigns.slug",
      "campaigns.title",
      "campaigns.status",
      "campaigns.starts_on",
      "campaigns.ends_on",
      eb.fn.count<number>("campaign_actions.id").as("actionCount"),
      eb.fn.count<number>("campaign_actions.id").filterWhere("campaign_actions.status", "in", ["todo", "doing"]).as("openCount"),
    ])
    .where("campaigns.network_id", "=", networkId)
    .groupBy("campaigns.id")
    .orderBy("campaigns.starts_on", "desc")
    .orderBy("campaigns.title")
    .execute();
}

/** Campaigns anyone may see: published (and archived, for the record). */
export function isPublic(status: CampaignStatus): boolean {
  return status !== "draft";
}
