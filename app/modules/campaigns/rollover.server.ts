import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { occurrenceFor } from "~/modules/days/days.server";
import { addYears, daysBetween, shiftDate } from "~/modules/days/recurrence";
import { dueDate } from "./actions.server";
import { takenSlugs } from "./campaigns.server";
import { slugify, uniqueSlug } from "./slug";

export type RollOverOutcome =
  | { kind: "created" | "existing"; campaign: { id: string; slug: string } }
  | { kind: "not-found" }
  | { kind: "next-date-not-set"; year: number };

/**
 * "Plan next year from this campaign": a draft copy on the day's next
 * occurrence (or a year later for a campaign with its own dates), with every
 * action the same number of days from the day as before, reset to "todo".
 * A campaign rolls over once: asking again (even at the same moment, from two
 * tabs) returns the copy already made.
 */
export async function rollOverCampaign(
  db: Kysely<Database>,
  input: { networkId: string; campaignId: string; userId: string },
): Promise<RollOverOutcome> {
  return db.transaction().execute(async (trx) => {
    // The row lock makes concurrent roll-overs of one campaign wait for each other.
    const source = await trx
      .selectFrom("campaigns")
      .selectAll()
      .where("id", "=", input.campaignId)
      .where("network_id", "=", input.networkId)
      .forUpdate()
      .executeTakeFirst();
    if (!source) return { kind: "not-found" };
    const existing = await trx
      .selectFrom("campaigns")
      .select(["id", "slug"])
      .where("rolled_from_campaign_id", "=", source.id)
      .executeTakeFirst();
    if (existing) return { kind: "existing", campaign: existing };

    let startsOn: string;
    let endsOn: string;
    let nextYear: number | null = null;
    if (source.global_day_id && source.occurrence_year !== null) {
      nextYear = source.occurrence_year + 1;
      const day = await trx
        .selectFrom("global_days")
        .select(["id", "rule"])
        .where("id", "=", source.global_day_id)
        .executeTakeFirstOrThrow();
      const occurrence = await occurrenceFor(trx, input.networkId, day, nextYear);
      if (!occurrence) return { kind: "next-date-not-set", year: nextYear };
      ({ startsOn, endsOn } = occurrence);
    } else {
      const from = source.starts_on ?? new Date().toISOString().slice(0, 10);
      startsOn = addYears(from, 1);
      endsOn = source.ends_on ? shiftDate(startsOn, daysBetween(from, source.ends_on)) : startsOn;
    }

    const oldYear = source.occurrence_year ?? Number(source.starts_on?.slice(0, 4));
    const newYear = nextYear ?? Number(startsOn.slice(0, 4));
    const title = source.title.includes(String(oldYear))
      ? source.title.replaceAll(String(oldYear), String(newYear))
      : `${source.title} ${newYear}`;
    const baseSlug = source.slug.includes(String(oldYear))
      ? source.slug.replaceAll(String(oldYear), String(newYear))
      : slugify(`${source.slug}-${newYear}`);
    const slug = uniqueSlug(baseSlug, await takenSlugs(trx, input.networkId));

    const campaign = await trx
      .insertInto("campaigns")
      .values({
        network_id: input.networkId,
        slug,
        title,
        status: "draft",
        starts_on: startsOn,
        ends_on: endsOn,
        global_day_id: source.global_day_id,
        occurrence_year: nextYear,
        goals: source.goals,
        key_messages: source.key_messages,
        materials: JSON.stringify(source.materials),
        rolled_from_campaign_id: source.id,
        created_by: input.userId,
        content_language: source.content_language,
      })
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();

    const actions = await trx
      .selectFrom("campaign_actions")
      .selectAll()
      .where("campaign_id", "=", source.id)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    if (actions.length > 0) {
      await trx
        .insertInto("campaign_actions")
        .values(
          actions.map((action) => ({
            network_id: input.networkId,
            campaign_id: campaign.id,
            title: action.title,
            // A dated action keeps its distance from the day; an offset already is one.
            due_on: action.due_on && source.starts_on ? shiftDate(startsOn, daysBetween(source.starts_on, action.due_on)) : action.due_on,
            offset_days: action.offset_days,
            owner_user_id: action.owner_user_id,
            owner_partner_id: action.owner_partner_id,
            status: "todo" as const,
            notes: action.notes,
            copied_from_action_id: action.id,
          })),
        )
        .execute();
    }
    return { kind: "created", campaign };
  });
}

/** For a rolled-over campaign: each action's old and new due date, for "what moved". */
export async function listRollOverMoves(db: Kysely<Database>, networkId: string, campaignId: string) {
  const rows = await db
    .selectFrom("campaign_actions as next")
    .innerJoin("campaigns as nextCampaign", "nextCampaign.id", "next.campaign_id")
    .innerJoin("campaign_actions as previous", "previous.id", "next.copied_from_action_id")
    .innerJoin("campaigns as previousCampaign", "previousCampaign.id", "previous.campaign_id")
    .select([
      "next.id",
      "next.title",
      "next.due_on as nextDueOn",
      "next.offset_days as nextOffset",
      "nextCampaign.starts_on as nextAnchor",
      "previous.due_on as previousDueOn",
      "previous.offset_days as previousOffset",
      "previous.status as previousStatus",
      "previousCampaign.starts_on as previousAnchor",
    ])
    .where("next.campaign_id", "=", campaignId)
    .where("next.network_id", "=", networkId)
    .orderBy("next.title")
    .orderBy("next.id")
    .execute();
  return rows
    .map((row) => {
      const from = dueDate({ due_on: row.previousDueOn, offset_days: row.previousOffset }, row.previousAnchor);
      const to = dueDate({ due_on: row.nextDueOn, offset_days: row.nextOffset }, row.nextAnchor);
      return {
        id: row.id,
        title: row.title,
        from,
        to,
        shiftDays: from && to ? daysBetween(from, to) : null,
        previousStatus: row.previousStatus,
      };
    })
    .sort((a, b) => (a.to ?? "9999").localeCompare(b.to ?? "9999"));
}

/** Keeps a campaign's plan as a template: texts, and every action as an offset from the day. */
export async function saveAsTemplate(db: Kysely<Database>, input: { networkId: string; campaignId: string; name: string }) {
  return db.transaction().execute(async (trx) => {
    const campaign = await trx
      .selectFrom("campaigns")
      .selectAll()
      .where("id", "=", input.campaignId)
      .where("network_id", "=", input.networkId)
      .executeTakeFirst();
    if (!campaign) return { kind: "not-found" as const };
    const template = await trx
      .insertInto("campaign_templates")
      .values({
        network_id: input.networkId,
        name: input.name,
        global_day_id: campaign.global_day_id,
        goals: campaign.goals,
        key_messages: campaign.key_messages,
        materials: JSON.stringify(campaign.materials),
      })
      .onConflict((oc) => oc.columns(["network_id", "name"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!template) return { kind: "name-taken" as const };
    const actions = await trx
      .selectFrom("campaign_actions")
      .select(["title", "due_on", "offset_days", "notes"])
      .where("campaign_id", "=", campaign.id)
      .execute();
    const rows = actions
      .map((action) => ({
        template_id: template.id,
        title: action.title,
        offset_days: action.offset_days ?? (action.due_on && campaign.starts_on ? daysBetween(campaign.starts_on, action.due_on) : null),
        notes: action.notes,
      }))
      .filter((row): row is typeof row & { offset_days: number } => row.offset_days !== null);
    if (rows.length > 0) await trx.insertInto("campaign_template_actions").values(rows).execute();
    return { kind: "created" as const, id: template.id, actionCount: rows.length };
  });
}

export async function listTemplates(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("campaign_templates")
    .leftJoin("campaign_template_actions", "campaign_template_actions.template_id", "campaign_templates.id")
    .select((eb) => [
      "campaign_templates.id",
      "campaign_templates.name",
      "campaign_templates.global_day_id",
      eb.fn.count<number>("campaign_template_actions.id").as("actionCount"),
    ])
    .where("campaign_templates.network_id", "=", networkId)
    .groupBy("campaign_templates.id")
    .orderBy("campaign_templates.name")
    .execute();
}

/** The campaign this one was rolled from, and the one it was rolled into, if any. */
export async function getRollOverLinks(
  db: Kysely<Database>,
  networkId: string,
  campaign: { id: string; rolled_from_campaign_id: string | null },
) {
  const [from, into] = await Promise.all([
    campaign.rolled_from_campaign_id
      ? db
          .selectFrom("campaigns")
          .select(["slug", "title"])
          .where("id", "=", campaign.rolled_from_campaign_id)
          .where("network_id", "=", networkId)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom("campaigns")
      .select(["slug", "title"])
      .where("rolled_from_campaign_id", "=", campaign.id)
      .where("network_id", "=", networkId)
      .executeTakeFirst(),
  ]);
  return { rolledFrom: from ?? null, rolledInto: into ?? null };
}
