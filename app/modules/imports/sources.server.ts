import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { normaliseFetchUrl, SafeFetchError } from "~/modules/net/safe-fetch.server";
import { isUniqueViolation } from "~/modules/partners/partners.server";
import type { SourceInput } from "./imports.schema";
import { enqueueSync } from "./sync.server";

/**
 * A partner's calendar sources: added by an organiser on the partner's page
 * or by the partner in its portal, each with the defaults of the events it
 * brings in. Every query is scoped to the network and the partner.
 */

export type AddSourceOutcome = { ok: true; id: string } | { ok: false; field: "url" | "campaignId"; error: string };

export async function addSource(
  db: Kysely<Database>,
  input: {
    networkId: string;
    partnerId: string;
    actorUserId: string;
    values: SourceInput;
    publishDirectly: boolean;
    /** A partner may only choose a published campaign, as for its own submissions. */
    publishedCampaignOnly?: boolean;
  },
): Promise<AddSourceOutcome> {
  let url: string;
  try {
    url = normaliseFetchUrl(input.values.url).toString();
  } catch (error) {
    if (!(error instanceof SafeFetchError)) throw error;
    return { ok: false, field: "url", error: error.code === "credentials" ? "imports.validation.credentials" : "imports.validation.url" };
  }
  if (input.values.campaignId) {
    const campaign = await db
      .selectFrom("campaigns")
      .select("status")
      .where("network_id", "=", input.networkId)
      .where("id", "=", input.values.campaignId)
      .executeTakeFirst();
    const allowed = input.publishedCampaignOnly ? campaign?.status === "published" : campaign && campaign.status !== "archived";
    if (!allowed) return { ok: false, field: "campaignId", error: "validation.choose" };
  }
  try {
    return await db.transaction().execute(async (trx) => {
      const partner = await trx
        .selectFrom("partner_organisations")
        .select("id")
        .where("network_id", "=", input.networkId)
        .where("id", "=", input.partnerId)
        .executeTakeFirstOrThrow();
      const { id } = await trx
        .insertInto("calendar_sources")
        .values({
          network_id: input.networkId,
          partner_id: partner.id,
          url,
          campaign_id: input.values.campaignId ?? null,
          languages: input.values.languages,
          mode: input.values.mode,
          publish_directly: input.publishDirectly,
          keywords: input.values.keywords,
          time_zone: input.values.timeZone,
          created_by: input.actorUserId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      // The first sync runs at once, in its own job.
      await enqueueSync(trx, id);
      await recordAudit(trx, {
        networkId: input.networkId,
        actorUserId: input.actorUserId,
        action: "calendar-source.added",
        subjectType: "calendar_source",
        subjectId: id,
      });
      return { ok: true as const, id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, field: "url", error: "imports.validation.duplicate" };
    throw error;
  }
}

/** The source's events stay, as ordinary events no longer kept in step. */
export async function removeSource(
  db: Kysely<Database>,
  input: { networkId: string; partnerId: string; sourceId: string; actorUserId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom("calendar_sources")
      .where("network_id", "=", input.networkId)
      .where("partner_id", "=", input.partnerId)
      .where("id", "=", input.sourceId)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return false;
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "calendar-source.removed",
      subjectType: "calendar_source",
      subjectId: input.sourceId,
    });
    return true;
  });
}

/** An organiser's choice: the source's new events are published at once (a trusted partner) or wait for review. */
export async function setPublishDirectly(
  db: Kysely<Database>,
  input: { networkId: string; partnerId: string; sourceId: string; publishDirectly: boolean; actorUserId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("calendar_sources")
      .set({ publish_directly: input.publishDirectly, updated_at: new Date() })
      .where("network_id", "=", input.networkId)
      .where("partner_id", "=", input.partnerId)
      .where("id", "=", input.sourceId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: input.publishDirectly ? "calendar-source.trusted" : "calendar-source.reviewed",
      subjectType: "calendar_source",
      subjectId: input.sourceId,
    });
    return true;
  });
}

/** "Sync now": due at once, and a job to do it. */
export async function requestSync(
  db: Kysely<Database>,
  input: { networkId: string; partnerId: string; sourceId: string; now: Date },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("calendar_sources")
      .set({ next_sync_at: input.now })
      .where("network_id", "=", input.networkId)
      .where("partner_id", "=", input.partnerId)
      .where("id", "=", input.sourceId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await enqueueSync(trx, input.sourceId);
    return true;
  });
}

/** A partner's sources with their status: last success, last error, events imported (not cancelled). */
export async function listSources(db: Kysely<Database>, networkId: string, filter: { partnerId?: string } = {}) {
  return db
    .selectFrom("calendar_sources as s")
    .innerJoin("partner_organisations as p", "p.id", "s.partner_id")
    .leftJoin("campaigns as c", "c.id", "s.campaign_id")
    .select((eb) => [
      "s.id",
      "s.partner_id as partnerId",
      "p.name as partnerName",
      "s.url",
      "s.campaign_id as campaignId",
      "c.title as campaignTitle",
      "s.languages",
      "s.mode",
      "s.publish_directly as publishDirectly",
      "s.keywords",
      "s.time_zone as timeZone",
      "s.last_attempt_at as lastAttemptAt",
      "s.last_success_at as lastSuccessAt",
      "s.last_error as lastError",
      "s.last_error_detail as lastErrorDetail",
      "s.consecutive_failures as consecutiveFailures",
      "s.next_sync_at as nextSyncAt",
      eb
        .selectFrom("calendar_source_events as l")
        .innerJoin("events as e", "e.id", "l.event_id")
        .select(sql<number>`count(*)`.as("n"))
        .whereRef("l.source_id", "=", "s.id")
        .where("e.status", "<>", "cancelled")
        .as("eventCount"),
    ])
    .where("s.network_id", "=", networkId)
    .$if(filter.partnerId !== undefined, (qb) => qb.where("s.partner_id", "=", filter.partnerId!))
    .orderBy("p.name")
    .orderBy("s.created_at")
    .execute();
}
export type SourceListItem = Awaited<ReturnType<typeof listSources>>[number];

/** Where an event comes from, for its page: the partner's calendar and when it was last read. */
export async function getEventOrigin(db: Kysely<Database>, networkId: string, eventId: string) {
  return db
    .selectFrom("calendar_source_events as l")
    .innerJoin("calendar_sources as s", "s.id", "l.source_id")
    .innerJoin("partner_organisations as p", "p.id", "s.partner_id")
    .select(["s.url", "p.name as partnerName", "s.last_success_at as lastSuccessAt"])
    .where("l.event_id", "=", eventId)
    .where("s.network_id", "=", networkId)
    .executeTakeFirst();
}

export async function getAllowedHosts(db: Kysely<Database>, networkId: string): Promise<string[]> {
  const row = await db.selectFrom("networks").select("import_allowed_hosts").where("id", "=", networkId).executeTakeFirstOrThrow();
  return row.import_allowed_hosts;
}

/** The owner's exemptions from the public-address rule (an intranet calendar server). */
export async function setAllowedHosts(db: Kysely<Database>, input: { networkId: string; hosts: string[]; actorUserId: string }) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("networks").set({ import_allowed_hosts: input.hosts }).where("id", "=", input.networkId).execute();
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "network.import-hosts-changed",
      subjectType: "network",
      subjectId: input.networkId,
      details: { count: input.hosts.length },
    });
  });
}

/** How many calendars a partner has, for the links on its page and in the portal. */
export async function countSources(db: Kysely<Database>, networkId: string, partnerId: string): Promise<number> {
  const row = await db
    .selectFrom("calendar_sources")
    .select(sql<number>`count(*)`.as("n"))
    .where("network_id", "=", networkId)
    .where("partner_id", "=", partnerId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
