import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { Database, EventStatus, MembershipRole } from "~db/types";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import { campaignTitlesInLanguage } from "~/modules/translations/campaign-translations.server";
import { eventTitlesInLanguage, titleInAnyLanguage } from "~/modules/translations/event-translations.server";
import type { CalendarFilters, EventStatus as StatusFilter } from "./events.schema";

/**
 * What the calendar shows, to whom. Public lists hold published and cancelled
 * events (cancelled ones stay, marked); "partners only" events are listed for
 * members of the network; unlisted ones only through their address. Drafts
 * and events waiting for review are seen by organisers and by the partner
 * organisation that submitted them.
 */

export interface CalendarViewer {
  role: MembershipRole | null;
  partnerId: string | null;
}

export const PAGE_SIZE = 20;

const LISTED_STATUSES: EventStatus[] = ["published", "cancelled"];

function listedVisibilities(viewer: CalendarViewer) {
  return viewer.role ? (["public", "partners"] as const) : (["public"] as const);
}

type EventsQuery = ExpressionBuilder<Database, "events">;

/** The calendar's filters as conditions on `events`. */
function filterConditions(eb: EventsQuery, networkId: string, filters: CalendarFilters): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filters.day) {
    const key = filters.day;
    conditions.push(
      eb.exists(
        eb
          .selectFrom("campaigns")
          .select(sql.lit(1).as("one"))
          .whereRef("campaigns.id", "=", "events.campaign_id")
          // A draft campaign's tie to its day is not public yet (the day's feed leaves it out too).
          .where("campaigns.status", "!=", "draft")
          .where("campaigns.global_day_id", "=", (sub) =>
            // The day as findDayByKey finds it: the network's own day wins a key it shares with the catalogue.
            sub
              .selectFrom("global_days")
              .select("global_days.id")
              .where("global_days.key", "=", key)
              .where((day) => day.or([day("global_days.network_id", "is", null), day("global_days.network_id", "=", networkId)]))
              .orderBy(sql`global_days.network_id is null`)
              .limit(1),
          ),
      ),
    );
  }
  if (filters.campaign) {
    conditions.push(
      eb.exists(
        eb
          .selectFrom("campaigns")
          .select(sql.lit(1).as("one"))
          .whereRef("campaigns.id", "=", "events.campaign_id")
          .where("campaigns.slug", "=", filters.campaign),
      ),
    );
  }
  if (filters.q) conditions.push(titleInAnyLanguage(filters.q));
  if (filters.country) conditions.push(eb("events.country", "=", filters.country));
  if (filters.language) conditions.push(sql<SqlBool>`${filters.language} = any(${sql.ref("events.languages")})`);
  if (filters.mode) conditions.push(eb("events.mode", "=", filters.mode));
  if (filters.host) {
    const host = filters.host;
    conditions.push(
      eb.or([
        eb("events.host_partner_id", "=", host),
        eb.exists(
          eb
            .selectFrom("event_cohosts")
            .select(sql.lit(1).as("one"))
            .whereRef("event_cohosts.event_id", "=", "events.id")
            .where("event_cohosts.partner_id", "=", host),
        ),
      ]),
    );
  }
  return conditions;
}

/** Listed events of the network the viewer may see, with the names lists show. */
function listedEvents(db: Kysely<Database>, networkId: string, viewer: CalendarViewer, filters: CalendarFilters = {}) {
  return db
    .selectFrom("events")
    .leftJoin("partner_organisations as host", "host.id", "events.host_partner_id")
    .leftJoin("campaigns", "campaigns.id", "events.campaign_id")
    .select([
      "events.id",
      "events.title",
      "events.content_language",
      "events.starts_at",
      "events.ends_at",
      "events.all_day",
      "events.start_date",
      "events.end_date",
      "events.time_zone",
      "events.mode",
      "events.city",
      "events.country",
      "events.languages",
      "events.status",
      "host.name as host_name",
      "campaigns.id as campaign_id",
      "campaigns.title as campaign_title",
      "campaigns.slug as campaign_slug",
      "campaigns.content_language as campaign_content_language",
    ])
    .where("events.network_id", "=", networkId)
    .where("events.status", "in", LISTED_STATUSES)
    .where("events.visibility", "<>", "unlisted")
    .where("events.visibility", "in", [...listedVisibilities(viewer)])
    .where((eb) => eb.and(filterConditions(eb, networkId, filters)));
}

export type EventSummary = Awaited<ReturnType<typeof listUpcomingEvents>>["events"][number];

function toSummary(row: {
  id: string;
  title: string;
  content_language: string;
  starts_at: Date;
  ends_at: Date;
  all_day: boolean;
  start_date: string | null;
  end_date: string | null;
  time_zone: string;
  mode: string;
  city: string | null;
  country: string | null;
  languages: string[];
  status: EventStatus;
  host_name: string | null;
  campaign_id: string | null;
  campaign_title: string | null;
  campaign_slug: string | null;
  campaign_content_language: string | null;
}) {
  return {
    id: row.id,
    title: row.title,
    /** The title's language: the original's until inReaderLanguage puts a translation's. */
    titleLanguage: row.content_language,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    allDay: row.all_day,
    startDate: row.start_date,
    endDate: row.end_date,
    timeZone: row.time_zone,
    mode: row.mode as "in_person" | "online" | "hybrid",
    city: row.city,
    country: row.country,
    languages: row.languages,
    cancelled: row.status === "cancelled",
    hostName: row.host_name,
    campaign: row.campaign_slug
      ? { id: row.campaign_id!, slug: row.campaign_slug, title: row.campaign_title!, titleLanguage: row.campaign_content_language! }
      : null,
  };
}

/** The languages a reader reads content in, best first, and the network's default when none is written. */
export interface ReaderLanguages {
  preferences: readonly string[];
  fallbacks: readonly string[];
}

/** List entries with their titles in the first of the reader's languages each event is written in. */
export async function inReaderLanguage<
  T extends { id: string; title: string; titleLanguage: string; campaign: { id: string; title: string; titleLanguage: string } | null },
>(db: Kysely<Database>, summaries: T[], reading: ReaderLanguages): Promise<T[]> {
  const [titles, campaigns] = await Promise.all([
    eventTitlesInLanguage(
      db,
      summaries.map((event) => ({ id: event.id, title: event.title, contentLanguage: event.titleLanguage })),
      reading.preferences,
      reading.fallbacks,
    ),
    campaignTitlesInLanguage(
      db,
      summaries.flatMap((event) => (event.campaign ? [{ ...event.campaign, contentLanguage: event.campaign.titleLanguage }] : [])),
      reading.preferences,
      reading.fallbacks,
    ),
  ]);
  return summaries.map((event) => {
    const title = titles.get(event.id)!;
    const campaign = event.campaign ? campaigns.get(event.campaign.id)! : undefined;
    return {
      ...event,
      title: title.text,
      titleLanguage: title.language,
      campaign: event.campaign && campaign ? { ...event.campaign, title: campaign.text, titleLanguage: campaign.language } : event.campaign,
    };
  });
}

/** Upcoming events (not yet over), soonest first, one page at a time. */
export async function listUpcomingEvents(
  db: Kysely<Database>,
  input: { networkId: string; viewer: CalendarViewer; filters?: CalendarFilters; now?: Date; limit?: number },
) {
  const page = input.filters?.page ?? 1;
  const limit = input.limit ?? PAGE_SIZE;
  const now = input.now ?? new Date();
  const rows = await listedEvents(db, input.networkId, input.viewer, input.filters)
    .where("events.ends_at", ">", now)
    // Nothing that started longer ago than the network's longest event is still on: the index on start skips the past.
    .where("events.starts_at", ">", (eb) =>
      eb
        .selectFrom("events as listed")
        .select(sql<Date>`${now}::timestamptz - max(listed.ends_at - listed.starts_at)`.as("earliest"))
        .where("listed.network_id", "=", input.networkId)
        .where("listed.status", "in", LISTED_STATUSES)
        .where("listed.visibility", "<>", "unlisted"),
    )
    .orderBy("events.starts_at")
    .orderBy("events.id")
    .limit(limit + 1)
    .offset((page - 1) * limit)
    .execute();
  return { events: rows.slice(0, limit).map(toSummary), page, hasNext: rows.length > limit };
}

/** Events that are over, latest first. */
export async function listPastEvents(
  db: Kysely<Database>,
  input: { networkId: string; viewer: CalendarViewer; filters?: CalendarFilters; now?: Date },
) {
  const page = input.filters?.page ?? 1;
  const now = input.now ?? new Date();
  const rows = await listedEvents(db, input.networkId, input.viewer, input.filters)
    .where("events.ends_at", "<=", now)
    // Implied by the end, and it lets the index on start skip every upcoming event.
    .where("events.starts_at", "<", now)
    .orderBy("events.starts_at", "desc")
    .orderBy("events.id")
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { events: rows.slice(0, PAGE_SIZE).map(toSummary), page, hasNext: rows.length > PAGE_SIZE };
}

/**
 * Events that overlap a span of time (a month view), soonest first. Bounds
 * are instants: callers widen them by a day so that every zone's days fit.
 */
export async function listEventsBetween(
  db: Kysely<Database>,
  input: { networkId: string; viewer: CalendarViewer; filters?: CalendarFilters; from: Date; to: Date },
) {
  const rows = await listedEvents(db, input.networkId, input.viewer, input.filters)
    .where("events.starts_at", "<", input.to)
    .where("events.ends_at", ">", input.from)
    .orderBy("events.starts_at")
    .orderBy("events.id")
    .limit(1000)
    .execute();
  return rows.map(toSummary);
}

/** A campaign's listed events, in date order: for the campaign's page. */
export async function listEventsForCampaign(
  db: Kysely<Database>,
  input: { networkId: string; campaignId: string; viewer: CalendarViewer },
) {
  const rows = await listedEvents(db, input.networkId, input.viewer)
    .where("events.campaign_id", "=", input.campaignId)
    .orderBy("events.starts_at")
    .orderBy("events.id")
    .execute();
  return rows.map(toSummary);
}

type FilterChoices = Awaited<ReturnType<typeof queryCalendarFilterChoices>>;
const FILTER_CHOICES_TTL_MS = 60_000;
const filterChoicesCache = new Map<string, { expires: number; choices: Promise<FilterChoices> }>();

/**
 * Choices for the calendar's filters: campaigns, hosts, global days (with
 * their names in every language), countries and languages of listed events. Finding every country and language reads all
 * of a network's events, so each web process keeps the answer for a minute:
 * a new country shows in the filter that much later, the events themselves
 * at once.
 */
export function listCalendarFilterChoices(db: Kysely<Database>, networkId: string): Promise<FilterChoices> {
  const cached = filterChoicesCache.get(networkId);
  if (cached && cached.expires > Date.now()) return cached.choices;
  const choices = queryCalendarFilterChoices(db, networkId);
  filterChoicesCache.set(networkId, { expires: Date.now() + FILTER_CHOICES_TTL_MS, choices });
  choices.catch(() => filterChoicesCache.delete(networkId));
  return choices;
}

async function queryCalendarFilterChoices(db: Kysely<Database>, networkId: string) {
  const [days, campaigns, hosts, countries, languages] = await Promise.all([
    db
      .selectFrom("events")
      .innerJoin("campaigns", "campaigns.id", "events.campaign_id")
      .innerJoin("global_days", "global_days.id", "campaigns.global_day_id")
      .select(["global_days.id", "global_days.key", "global_days.network_id"])
      .distinct()
      .where("events.network_id", "=", networkId)
      .where("events.status", "in", LISTED_STATUSES)
      .where("events.visibility", "<>", "unlisted")
      .where("campaigns.status", "!=", "draft")
      .execute(),
    db
      .selectFrom("campaigns")
      .select(["slug", "title"])
      .where("network_id", "=", networkId)
      .where("status", "=", "published")
      .orderBy("title")
      .execute(),
    db.selectFrom("partner_organisations").select(["id", "name"]).where("network_id", "=", networkId).orderBy("name").execute(),
    db
      .selectFrom("events")
      .select("country")
      .distinct()
      .where("network_id", "=", networkId)
      .where("status", "in", LISTED_STATUSES)
      .where("visibility", "<>", "unlisted")
      .where("country", "is not", null)
      .execute(),
    sql<{ language: string }>`
      select distinct unnest(languages) as language from events
      where network_id = ${networkId} and status in ('published', 'cancelled') and visibility <> 'unlisted'`.execute(db),
  ]);
  // One choice per key; the network's own day wins a key it shares with the catalogue, as the filter does.
  const dayByKey = new Map<string, (typeof days)[number]>();
  for (const day of days) if (!dayByKey.has(day.key) || day.network_id !== null) dayByKey.set(day.key, day);
  const chosenDays = [...dayByKey.values()];
  const translations =
    chosenDays.length === 0
      ? []
      : await db
          .selectFrom("global_day_translations")
          .select(["global_day_id", "locale", "name"])
          .where(
            "global_day_id",
            "in",
            chosenDays.map((day) => day.id),
          )
          .execute();
  return {
    campaigns,
    hosts,
    days: chosenDays.map((day) => ({
      key: day.key,
      names: Object.fromEntries(translations.filter((row) => row.global_day_id === day.id).map((row) => [row.locale, row.name])),
    })),
    countries: countries.map((row) => row.country!).sort(),
    languages: languages.rows.map((row) => row.language).sort(),
  };
}

export type EventAccess = "full" | "sign-in" | "none";

/** Whether the viewer may see one event's page. */
export function eventAccess(
  event: { status: EventStatus; visibility: string; submitted_by_partner_id: string | null },
  viewer: CalendarViewer & { signedIn: boolean },
): EventAccess {
  if (viewer.role && roleAtLeast(viewer.role, "organiser")) return "full";
  const ownSubmission = viewer.partnerId !== null && event.submitted_by_partner_id === viewer.partnerId;
  if (!LISTED_STATUSES.includes(event.status)) return ownSubmission ? "full" : "none";
  if (event.visibility !== "partners" || viewer.role) return "full";
  return viewer.signedIn ? "none" : "sign-in";
}

/** One event with the names its page shows: host, co-hosts and campaign. */
export async function getEventDetails(db: Kysely<Database>, networkId: string, eventId: string) {
  const event = await db
    .selectFrom("events")
    .leftJoin("partner_organisations as host", "host.id", "events.host_partner_id")
    .leftJoin("campaigns", "campaigns.id", "events.campaign_id")
    .selectAll("events")
    .select([
      "host.name as host_name",
      "campaigns.title as campaign_title",
      "campaigns.slug as campaign_slug",
      "campaigns.content_language as campaign_content_language",
    ])
    .where("events.network_id", "=", networkId)
    .where("events.id", "=", eventId)
    .executeTakeFirst();
  if (!event) return undefined;
  const cohosts = await db
    .selectFrom("event_cohosts")
    .innerJoin("partner_organisations", "partner_organisations.id", "event_cohosts.partner_id")
    .select(["partner_organisations.id", "partner_organisations.name"])
    .where("event_cohosts.event_id", "=", eventId)
    .orderBy("partner_organisations.name")
    .execute();
  return { ...event, cohosts };
}

/**
 * The organisers' table (every event) or a partner's (their organisation's
 * submissions), filtered by status or by the "changed by a partner" flag.
 */
export async function listEventsForManagement(
  db: Kysely<Database>,
  input: { networkId: string; partnerId?: string; status?: StatusFilter | "flagged"; page?: number },
) {
  const page = input.page ?? 1;
  let query = db
    .selectFrom("events")
    .leftJoin("partner_organisations as submitter", "submitter.id", "events.submitted_by_partner_id")
    .select([
      "events.id",
      "events.title",
      "events.status",
      "events.visibility",
      "events.starts_at",
      "events.ends_at",
      "events.all_day",
      "events.start_date",
      "events.end_date",
      "events.time_zone",
      "events.partner_changed_at",
      "submitter.name as submitter_name",
    ])
    .where("events.network_id", "=", input.networkId);
  if (input.partnerId) query = query.where("events.submitted_by_partner_id", "=", input.partnerId);
  if (input.status === "flagged") query = query.where("events.partner_changed_at", "is not", null);
  else if (input.status) query = query.where("events.status", "=", input.status);
  const rows = await query
    .orderBy("events.starts_at", "desc")
    .orderBy("events.id")
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return {
    page,
    hasNext: rows.length > PAGE_SIZE,
    events: rows.slice(0, PAGE_SIZE).map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      visibility: row.visibility,
      startsAt: row.starts_at.toISOString(),
      endsAt: row.ends_at.toISOString(),
      allDay: row.all_day,
      startDate: row.start_date,
      endDate: row.end_date,
      timeZone: row.time_zone,
      partnerChangedAt: row.partner_changed_at?.toISOString() ?? null,
      submitterName: row.submitter_name,
    })),
  };
}

/** How many events wait for an organiser: submissions to review and partner changes to check. */
export async function countAwaitingOrganisers(db: Kysely<Database>, networkId: string) {
  const row = await db
    .selectFrom("events")
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere("status", "=", "pending_review").as("pending"),
      eb.fn.countAll<number>().filterWhere("partner_changed_at", "is not", null).as("flagged"),
    ])
    .where("network_id", "=", networkId)
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), flagged: Number(row.flagged) };
}
