import { createHash, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { recordAudit } from "~/modules/audit/audit.server";
import { safeFetch, SafeFetchError, type SafeFetchOptions } from "~/modules/net/safe-fetch.server";
import { applyOccurrences, type SyncCounts } from "./apply.server";
import { notifyRepeatedFailures } from "./failures.server";
import { NotACalendarError, parseCalendar } from "./parse.server";

/**
 * One sync of one calendar source: claim it (a lease, so two workers never
 * sync it at once), fetch it with its validators, and either note that
 * nothing changed (304: no event is touched) or apply what it says in one
 * transaction. The network I/O happens outside any transaction.
 */

/** Polled hourly unless the calendar asks for less (REFRESH-INTERVAL), never more often. */
export const DEFAULT_SYNC_SECONDS = 60 * 60;
/** A calendar asking for a longer interval than this is still read monthly. */
const LONGEST_SYNC_SECONDS = 30 * 24 * 60 * 60;
/** Once a day the whole calendar is read and merged, changed or not: new occurrences enter the horizon. */
const FULL_READ_SECONDS = 24 * 60 * 60;
export const HORIZON_MONTHS = 12;
/** The partner is e-mailed after this many failures in a row (once per run of failures). */
export const FAILURES_BEFORE_NOTICE = 3;
const LEASE_SECONDS = 5 * 60;

export type SyncOutcome =
  | { kind: "busy" }
  | { kind: "not-modified" }
  | ({ kind: "synced" } & SyncCounts)
  | { kind: "failed"; error: string; detail: string; failures: number };

export interface SyncOptions {
  now: Date;
  /** Host names allowed for every network (IMPORT_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  appUrl: string;
  /** Limits of the fetch; the defaults of safe-fetch unless a test narrows them. */
  limits?: Pick<SafeFetchOptions, "maxBytes" | "timeoutMs" | "maxRedirects">;
}

async function claimSource(db: Kysely<Database>, sourceId: string, now: Date) {
  const token = randomUUID();
  const claimed = await db
    .updateTable("calendar_sources")
    .set({ lease_token: token, lease_until: new Date(now.getTime() + LEASE_SECONDS * 1000), last_attempt_at: now })
    .where("id", "=", sourceId)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
    .returningAll()
    .executeTakeFirst();
  return claimed && { ...claimed, token };
}

function nextSyncAt(now: Date, refreshIntervalSeconds: number | null): Date {
  const seconds = Math.min(Math.max(DEFAULT_SYNC_SECONDS, refreshIntervalSeconds ?? 0), LONGEST_SYNC_SECONDS);
  return new Date(now.getTime() + seconds * 1000);
}

/** After a failure: an hour, then two, four… at most a day. */
function retryAt(now: Date, failures: number): Date {
  const seconds = Math.min(DEFAULT_SYNC_SECONDS * 2 ** Math.max(failures - 1, 0), 24 * 60 * 60);
  return new Date(now.getTime() + seconds * 1000);
}

export async function syncSource(db: Kysely<Database>, sourceId: string, options: SyncOptions): Promise<SyncOutcome> {
  const { now } = options;
  const source = await claimSource(db, sourceId, now);
  if (!source) return { kind: "busy" };
  const context = await db
    .selectFrom("partner_organisations as p")
    .innerJoin("networks as n", "n.id", "p.network_id")
    .select(["p.name as partnerName", "p.country as partnerCountry", "n.import_allowed_hosts as networkHosts"])
    .where("p.id", "=", source.partner_id)
    .executeTakeFirstOrThrow();

  const conditional = source.last_applied_at !== null && now.getTime() - source.last_applied_at.getTime() < FULL_READ_SECONDS * 1000;
  const headers: Record<string, string> = {
    Accept: "text/calendar, text/plain;q=0.8, */*;q=0.5",
    "User-Agent": `Daymark calendar import (+${options.appUrl})`,
  };
  if (conditional && source.etag) headers["If-None-Match"] = source.etag;
  if (conditional && source.last_modified) headers["If-Modified-Since"] = source.last_modified;

  let response;
  let calendar;
  let contentHash: string | null = null;
  try {
    response = await safeFetch(source.url, {
      ...options.limits,
      headers,
      allowedHosts: [...(options.allowedHosts ?? []), ...context.networkHosts],
    });
    if (response.status !== 304) contentHash = createHash("sha256").update(response.body).digest("hex");
    // A server without validators that sends the same bytes again: as good as a 304.
    const unchanged = response.status === 304 || (conditional && contentHash === source.content_hash);
    if (!unchanged) {
      calendar = parseCalendar(response.body.toString("utf8"), {
        now,
        horizonEnd: DateTime.fromJSDate(now).plus({ months: HORIZON_MONTHS }).toJSDate(),
        defaultZone: source.time_zone,
      });
    }
  } catch (error) {
    if (error instanceof SafeFetchError) return recordFailure(db, source, error.code, error.detail, options);
    if (error instanceof NotACalendarError) return recordFailure(db, source, "not-a-calendar", "", options);
    throw error;
  }

  const validators = {
    etag: typeof response.headers.etag === "string" ? response.headers.etag : null,
    last_modified: typeof response.headers["last-modified"] === "string" ? response.headers["last-modified"] : null,
  };
  const success = {
    last_success_at: now,
    last_error: null,
    last_error_detail: "",
    consecutive_failures: 0,
    failure_notified_at: null,
    lease_token: null,
    lease_until: null,
  };

  if (!calendar) {
    // Not modified: the events stay exactly as they are; only the schedule moves on.
    await db
      .updateTable("calendar_sources")
      .set({ ...success, next_sync_at: nextSyncAt(now, source.refresh_interval_seconds) })
      .where("id", "=", source.id)
      .where("lease_token", "=", source.token)
      .execute();
    return { kind: "not-modified" };
  }

  const parsed = calendar;
  return db.transaction().execute(async (trx) => {
    // Still ours? A sync that outlived its lease leaves the work to the one that took over.
    const held = await trx
      .selectFrom("calendar_sources")
      .select("id")
      .where("id", "=", source.id)
      .where("lease_token", "=", source.token)
      .forUpdate()
      .executeTakeFirst();
    if (!held) return { kind: "busy" } as const;
    const counts = await applyOccurrences(
      trx,
      {
        id: source.id,
        networkId: source.network_id,
        partnerId: source.partner_id,
        partnerName: context.partnerName,
        partnerCountry: context.partnerCountry,
        campaignId: source.campaign_id,
        languages: source.languages,
        mode: source.mode,
        publishDirectly: source.publish_directly,
        keywords: source.keywords,
      },
      parsed.occurrences,
      now,
    );
    await trx
      .updateTable("calendar_sources")
      .set({
        ...success,
        ...validators,
        refresh_interval_seconds: parsed.refreshIntervalSeconds,
        last_applied_at: now,
        content_hash: contentHash,
        next_sync_at: nextSyncAt(now, parsed.refreshIntervalSeconds),
      })
      .where("id", "=", source.id)
      .execute();
    if (counts.created + counts.updated + counts.cancelled > 0) {
      await recordAudit(trx, {
        networkId: source.network_id,
        actorUserId: null,
        action: "calendar-source.synced",
        subjectType: "calendar_source",
        subjectId: source.id,
        details: { ...counts },
      });
    }
    return { kind: "synced", ...counts } as const;
  });
}

async function recordFailure(
  db: Kysely<Database>,
  source: { id: string; token: string; consecutive_failures: number; failure_notified_at: Date | null },
  code: string,
  detail: string,
  options: SyncOptions,
): Promise<SyncOutcome> {
  const failures = source.consecutive_failures + 1;
  return db.transaction().execute(async (trx) => {
    const notify = failures >= FAILURES_BEFORE_NOTICE && source.failure_notified_at === null;
    await trx
      .updateTable("calendar_sources")
      .set({
        last_error: code,
        last_error_detail: detail,
        consecutive_failures: failures,
        next_sync_at: retryAt(options.now, failures),
        failure_notified_at: notify ? options.now : source.failure_notified_at,
        lease_token: null,
        lease_until: null,
      })
      .where("id", "=", source.id)
      .where("lease_token", "=", source.token)
      .execute();
    if (notify) await notifyRepeatedFailures(trx, source.id, { code, detail, failures, appUrl: options.appUrl });
    return { kind: "failed", error: code, detail, failures };
  });
}

/** Every source that is due (and not being synced) gets a sync job; one waiting job per source. */
export async function enqueueDueSources(db: Kysely<Database>, now: Date): Promise<number> {
  const due = await db
    .selectFrom("calendar_sources")
    .select("id")
    .where("next_sync_at", "<=", now)
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
    .orderBy("next_sync_at")
    .limit(500)
    .execute();
  for (const { id } of due) await enqueueSync(db, id);
  return due.length;
}

export async function enqueueSync(db: Kysely<Database>, sourceId: string): Promise<void> {
  await enqueueJob(db, queues.calendarImport, { sourceId }, { singletonKey: sourceId });
}
