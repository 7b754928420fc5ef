import { sql, type Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database } from "~db/types";
import { hostOf } from "~/modules/calendar/ical.server";
import { findDayByKey } from "~/modules/days/days.server";
import { onlineLinkFor, visitor } from "~/modules/events/online-link";
import { feedEventsQuery, type EventScope } from "~/modules/feeds/content.server";
import type { FeedFilters } from "~/modules/feeds/feeds.schema";
import { markdownToPlainText, renderMarkdown } from "~/utils/markdown.server";
import { ApiProblem } from "./http.server";
import type { ApiReader } from "./reader.server";

/**
 * Events as the API returns them: the rows of the network's feed (one query,
 * app/modules/feeds/content.server.ts), in pages ordered by (start, id), or by
 * (change, id) with tombstones for `changed_since`. Cursors are keyset
 * positions with the database's microseconds, so a page never repeats or
 * skips a row that shares a millisecond with its neighbour.
 */
export interface EventQuery {
  filters: FeedFilters;
  campaignId?: string;
  dayKey?: string;
  partnerId?: string;
  changedSince?: Date;
  endsAfter?: Date;
  limit: number;
  cursor?: string;
}

interface Position {
  key: string;
  id: string;
}

const positionPattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function encodeCursor(position: Position): string {
  return Buffer.from(`${position.key}|${position.id}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): Position {
  const [key, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!key || !id || !positionPattern.test(key) || !uuidPattern.test(id)) throw new ApiProblem(400, "Bad request", "cursor");
  return { key, id };
}

/** A timestamp as sortable UTC text with microseconds, the same on both drivers. */
const sortKey = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function instantIn(value: Date, zone: string): string {
  return DateTime.fromJSDate(value, { zone }).toISO({ suppressMilliseconds: true })!;
}

export interface EventsPage {
  data: unknown[];
  nextCursor: string | null;
}

type Network = { id: string; slug: string };

async function scopeOf(db: Kysely<Database>, network: Network, reader: ApiReader, query: EventQuery): Promise<EventScope> {
  const scope: EventScope = {
    visibilities: reader.partnersEvents ? ["public", "partners"] : ["public"],
    allOnlineLinks: reader.onlineLinks,
    filters: query.filters,
    ...(query.changedSince ? { changedSince: query.changedSince } : {}),
    ...(query.endsAfter ? { endsAfter: query.endsAfter } : {}),
  };
  if (query.campaignId !== undefined) {
    const campaign = await db
      .selectFrom("campaigns")
      .select("id")
      .where("network_id", "=", network.id)
      .where("id", "=", query.campaignId)
      .where("status", "!=", "draft")
      .executeTakeFirst();
    if (!campaign) throw new ApiProblem(404, "Not found", "campaign");
    scope.campaignId = campaign.id;
  }
  if (query.dayKey !== undefined) {
    const day = await findDayByKey(db, network.id, query.dayKey);
    if (!day) throw new ApiProblem(404, "Not found", "day");
    scope.globalDayId = day.id;
  }
  if (query.partnerId !== undefined) {
    const partner = await db
      .selectFrom("partner_organisations")
      .select("id")
      .where("network_id", "=", network.id)
      .where("id", "=", query.partnerId)
      .executeTakeFirst();
    if (!partner) throw new ApiProblem(404, "Not found", "partner");
    scope.hostPartnerId = partner.id;
  }
  return scope;
}

export async function listApiEvents(
  db: Kysely<Database>,
  input: { network: Network; reader: ApiReader; query: EventQuery; appUrl: string; now: Date },
): Promise<EventsPage> {
  const { network, reader, query } = input;
  const scope = await scopeOf(db, network, reader, query);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  const byChange = query.changedSince !== undefined;
  const column = byChange ? "events.updated_at" : "events.starts_at";
  let rows = feedEventsQuery(db, network.id, scope, input.now).select(sortKey(column).as("sort_key"));
  if (after) rows = rows.where(sql<boolean>`(${sql.ref(column)}, events.id) > (${after.key}::timestamptz, ${after.id}::uuid)`);
  const events = await rows
    .orderBy(column)
    .orderBy("events.id")
    .limit(query.limit + 1)
    .execute();
  const items: { position: Position; item: unknown }[] = [];
  const shaped = await shapeEvents(db, events, input.appUrl, network.slug);
  events.forEach((row, index) => items.push({ position: { key: row.sort_key, id: row.id }, item: shaped[index] }));
  if (byChange) {
    for (const tombstone of await tombstonesSince(db, network.id, scope.visibilities, query.changedSince!, after, query.limit + 1)) {
      items.push({
        position: { key: tombstone.sort_key, id: tombstone.event_id },
        item: { id: tombstone.event_id, status: tombstone.reason, removedAt: tombstone.removed_at.toISOString() },
      });
    }
    items.sort((a, b) => compare(a.position, b.position));
  }
  const page = items.slice(0, query.limit);
  const more = items.length > query.limit;
  return { data: page.map((entry) => entry.item), nextCursor: more ? encodeCursor(page[page.length - 1]!.position) : null };
}

function compare(a: Position, b: Position): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Events the reader could have seen that are no longer listed for it (deleted, or withdrawn from its view). */
async function tombstonesSince(
  db: Kysely<Database>,
  networkId: string,
  visibilities: EventScope["visibilities"],
  since: Date,
  after: Position | undefined,
  limit: number,
) {
  let query = db
    .selectFrom("event_tombstones")
    .select(["event_id", "reason", "removed_at", sortKey("event_tombstones.removed_at").as("sort_key")])
    .where("event_tombstones.network_id", "=", networkId)
    .where("event_tombstones.removed_at", ">", since)
    .where(sql<boolean>`event_tombstones.visibilities && ${sql.val(visibilities)}::text[]`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("events")
            .select("events.id")
            .whereRef("events.id", "=", "event_tombstones.event_id")
            .where("events.status", "in", ["published", "cancelled"])
            .where("events.visibility", "in", visibilities),
        ),
      ),
    );
  if (after) {
    query = query.where(
      sql<boolean>`(event_tombstones.removed_at, event_tombstones.event_id) > (${after.key}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return query.orderBy("event_tombstones.removed_at").orderBy("event_tombstones.event_id").limit(limit).execute();
}

/** One event as its page shows it (public, unlisted, or partners-only for an entitled token). */
export async function getApiEvent(
  db: Kysely<Database>,
  input: { network: Network; reader: ApiReader; eventId: string; appUrl: string; now: Date },
) {
  if (!uuidPattern.test(input.eventId)) throw new ApiProblem(404, "Not found", "event");
  const rows = await feedEventsQuery(
    db,
    input.network.id,
    {
      visibilities: input.reader.partnersEvents ? ["public", "partners", "unlisted"] : ["public", "unlisted"],
      allOnlineLinks: input.reader.onlineLinks,
      eventId: input.eventId,
      filters: {},
    },
    input.now,
  ).execute();
  if (rows.length === 0) throw new ApiProblem(404, "Not found", "event");
  return (await shapeEvents(db, rows, input.appUrl, input.network.slug))[0];
}

type FeedRow = Awaited<ReturnType<ReturnType<typeof feedEventsQuery>["execute"]>>[number];

async function shapeEvents(db: Kysely<Database>, rows: FeedRow[], appUrl: string, networkSlug: string) {
  const partnerIds = [...new Set(rows.flatMap((row) => (row.host_partner_id ? [row.host_partner_id] : [])))];
  const eventIds = rows.map((row) => row.id);
  const cohosts =
    eventIds.length === 0
      ? []
      : await db
          .selectFrom("event_cohosts")
          .innerJoin("partner_organisations", "partner_organisations.id", "event_cohosts.partner_id")
          .select(["event_cohosts.event_id", "partner_organisations.id", "partner_organisations.name"])
          .where("event_cohosts.event_id", "in", eventIds)
          .orderBy("partner_organisations.name")
          .execute();
  const hosts =
    partnerIds.length === 0
      ? []
      : await db.selectFrom("partner_organisations").select(["id", "name"]).where("id", "in", partnerIds).execute();
  const dayIds = [...new Set(rows.flatMap((row) => (row.global_day_id ? [row.global_day_id] : [])))];
  const days = dayIds.length === 0 ? [] : await db.selectFrom("global_days").select(["id", "key"]).where("id", "in", dayIds).execute();
  const hostById = new Map(hosts.map((host) => [host.id, host]));
  const dayById = new Map(days.map((day) => [day.id, day]));
  const host = hostOf(appUrl);
  return rows.map((row) => {
    const url = `${appUrl}/n/${networkSlug}/events/${row.id}`;
    return {
      id: row.id,
      uid: `${row.id}@${host}`,
      url,
      status: row.status as "published" | "cancelled",
      visibility: row.visibility,
      sequence: row.sequence,
      title: row.title,
      description: markdownToPlainText(row.description),
      descriptionHtml: renderMarkdown(row.description),
      timeZone: row.time_zone,
      start: instantIn(row.starts_at, row.time_zone),
      end: instantIn(row.ends_at, row.time_zone),
      allDay: row.all_day,
      startDate: row.all_day ? row.start_date : null,
      endDate: row.all_day ? row.end_date : null,
      mode: row.mode,
      venueName: row.venue_name,
      address: row.address,
      city: row.city,
      country: row.country,
      geo: row.latitude !== null && row.longitude !== null ? { lat: row.latitude, lon: row.longitude } : null,
      onlineUrl: onlineLinkFor(
        { onlineUrl: row.online_url, onlineUrlPublic: row.online_url_public },
        row.entitled ? { kind: "host" } : visitor,
      ),
      languages: row.languages,
      accessibility: row.accessibility,
      campaign:
        row.campaign_id && row.campaign_slug && row.campaign_title
          ? {
              id: row.campaign_id,
              slug: row.campaign_slug,
              title: row.campaign_title,
              globalDay: row.global_day_id && dayById.has(row.global_day_id) ? dayById.get(row.global_day_id)! : null,
            }
          : null,
      host: row.host_partner_id && hostById.has(row.host_partner_id) ? hostById.get(row.host_partner_id)! : null,
      cohosts: cohosts.filter((cohost) => cohost.event_id === row.id).map((cohost) => ({ id: cohost.id, name: cohost.name })),
      registrationUrl: row.status === "published" ? `${url}/register` : null,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      cancelledAt: row.cancelled_at ? row.cancelled_at.toISOString() : null,
    };
  });
}
