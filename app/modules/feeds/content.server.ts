import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import "~/i18n/catalogues.server";
import { isLocale, defaultLocale } from "~/i18n/locales";
import { getTranslator } from "~/i18n/registry";
import { buildCalendar, hostOf, type CalendarEvent } from "~/modules/calendar/ical.server";
import { dayNames, findDayByKey } from "~/modules/days/days.server";
import { onlineLinkFor, visitor } from "~/modules/events/online-link";
import { daysInLanguage } from "~/modules/translations/days.server";
import { eventsInLanguage } from "~/modules/translations/event-translations.server";
import { markdownToPlainText } from "~/utils/markdown.server";
import type { FeedFilters, FeedTarget } from "./feeds.schema";
import { findLiveToken } from "./tokens.server";

/** Published events stay in feeds for a year after they end; cancelled ones for 30 days after cancelling. */
export const PAST_EVENTS_KEPT_DAYS = 365;
export const CANCELLED_EVENTS_KEPT_DAYS = 30;
/** What feeds ask subscribers to wait between refreshes (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
export const FEED_TTL_SECONDS = 3600;
const DAY_MS = 24 * 60 * 60 * 1000;

export type FeedContent =
  | {
      status: 200;
      networkId: string;
      /** Key of the feed's shared ETag and Last-Modified (feed_snapshots). */
      snapshotKey: string;
      text: string;
      private: boolean;
      /** When time alone changes the content (an event leaves the feed), or null. */
      changesAt: number | null;
      /** Private feeds: the token in use. */
      tokenId?: string;
    }
  | { status: 404 | 410; networkId?: string; private: boolean };

export interface FeedSettings {
  appUrl: string;
  /** ORGANIZER of every event: the network, with the address mail comes from. */
  organizerEmail: string;
}

/** Which events a feed (or the API, app/modules/api) holds. */
export interface EventScope {
  visibilities: ("public" | "partners" | "unlisted")[];
  campaignId?: string;
  hostPartnerId?: string;
  /** Events whose campaign belongs to this global day. */
  globalDayId?: string;
  eventId?: string;
  /** Online links go only to those entitled: public ones, and the hosts' own private feed. */
  onlineLinksFor?: string;
  /** A reader entitled to every event's link as a host is (an API token with that scope). */
  allOnlineLinks?: boolean;
  /** Instead of the feed's window: every published or cancelled event changed after this instant. */
  changedSince?: Date;
  /** Only events that end after this instant (the API's `ends_after`: what is still to come). */
  endsAfter?: Date;
  filters: FeedFilters;
}

interface Scope extends EventScope {
  name: string;
  description: string;
  snapshotKey: string;
  tokenId?: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dayKeyPattern = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Reads and serialises one feed: the cold path, run only when the cache has nothing current. */
export async function loadFeed(db: Kysely<Database>, target: FeedTarget, settings: FeedSettings, now = new Date()): Promise<FeedContent> {
  const isPrivate = target.kind === "private";
  const network = await db
    .selectFrom("networks")
    .select(["id", "slug", "name", "default_locale"])
    .where("slug", "=", target.network)
    .executeTakeFirst();
  if (!network) return { status: 404, private: isPrivate };
  // A feed asked for in one of the interface's languages says its own words (names, "online") in it too.
  const locale = isLocale(target.lang) ? target.lang : isLocale(network.default_locale) ? network.default_locale : defaultLocale;
  const t = getTranslator(locale);
  const resolved = await resolveScope(db, network, target, locale, t);
  if (typeof resolved === "number") return { status: resolved, networkId: network.id, private: isPrivate };

  const events = await queryEvents(db, network.id, resolved, now);
  // Each event in the asked-for language where it is written in it, else in its original, marked LANGUAGE either way.
  const texts = target.lang ? await eventsInLanguage(db, events, [target.lang]) : undefined;
  const dayIds = [...new Set(events.flatMap((row) => (row.global_day_id ? [row.global_day_id] : [])))];
  const namesOfDays = target.lang ? await dayNamesIn(db, network.id, dayIds, target.lang, locale) : await dayNames(db, dayIds, locale);
  const languageNames = new Intl.DisplayNames([locale], { type: "language", fallback: "code" });
  const countryNames = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
  let changesAt: number | null = null;
  const calendarEvents: CalendarEvent[] = events.map((row) => {
    const leavesAt =
      row.status === "cancelled"
        ? (row.cancelled_at ?? row.updated_at).getTime() + CANCELLED_EVENTS_KEPT_DAYS * DAY_MS
        : row.ends_at.getTime() + PAST_EVENTS_KEPT_DAYS * DAY_MS;
    if (resolved.eventId === undefined && (changesAt === null || leavesAt < changesAt)) changesAt = leavesAt;
    const onlineUrl = onlineLinkFor(
      { onlineUrl: row.online_url, onlineUrlPublic: row.online_url_public },
      row.entitled ? { kind: "host" } : visitor,
    );
    const place = [row.venue_name, row.address, row.city, row.country ? countryNames.of(row.country) : null].filter(
      (part): part is string => Boolean(part),
    );
    const location = place.length > 0 ? place.join(", ") : row.mode === "online" ? (onlineUrl ?? t("feeds.ical.online")) : null;
    const shown = texts?.get(row.id);
    const description = [
      plainText(shown?.description.text ?? row.description),
      onlineUrl ? t("feeds.ical.joinOnline", { url: onlineUrl }) : "",
    ]
      .filter(Boolean)
      .join("\n\n");
    return {
      id: row.id,
      title: shown?.title.text ?? row.title,
      description,
      ...(shown ? { languages: { summary: shown.title.language, description: shown.description.language } } : {}),
      timeZone: row.time_zone,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      allDay: row.all_day,
      startDate: row.start_date,
      endDate: row.end_date,
      status: row.status === "cancelled" ? "cancelled" : "confirmed",
      sequence: row.sequence,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      location,
      geo: row.latitude !== null && row.longitude !== null ? { lat: row.latitude, lon: row.longitude } : null,
      url: `${settings.appUrl}/n/${network.slug}/events/${row.id}`,
      categories: [
        ...(row.campaign_title ? [row.campaign_title] : []),
        ...(row.global_day_id && namesOfDays.has(row.global_day_id) ? [namesOfDays.get(row.global_day_id)!] : []),
        ...row.languages.map((code) => languageNames.of(code) ?? code),
      ],
    };
  });
  if (resolved.eventId !== undefined && calendarEvents.length === 0) return { status: 404, private: isPrivate };

  const text = buildCalendar(calendarEvents, {
    method: "PUBLISH",
    host: hostOf(settings.appUrl),
    organizer: { name: network.name, email: settings.organizerEmail },
    ...(resolved.eventId === undefined ? { name: resolved.name, description: resolved.description, ttlSeconds: FEED_TTL_SECONDS } : {}),
  });
  return {
    status: 200,
    networkId: network.id,
    snapshotKey: resolved.snapshotKey,
    text,
    private: isPrivate,
    changesAt,
    ...(resolved.tokenId ? { tokenId: resolved.tokenId } : {}),
  };
}

type Translator = ReturnType<typeof getTranslator>;

async function resolveScope(
  db: Kysely<Database>,
  network: { id: string; name: string },
  target: FeedTarget,
  locale: string,
  t: Translator,
): Promise<Scope | 404 | 410> {
  const publicOnly = ["public"] as ("public" | "partners" | "unlisted")[];
  switch (target.kind) {
    case "network":
      return {
        name: withFilters(network.name, target.filters, t),
        description: t("feeds.ical.networkDescription", { network: network.name }),
        snapshotKey: `network:${network.id}${filterKey(target.filters)}${langKey(target)}`,
        visibilities: publicOnly,
        filters: target.filters,
      };
    case "campaign": {
      if (!uuidPattern.test(target.campaignId)) return 404;
      const campaign = await db
        .selectFrom("campaigns")
        .select(["id", "title", "status"])
        .where("network_id", "=", network.id)
        .where("id", "=", target.campaignId)
        .executeTakeFirst();
      if (!campaign) {
        const tombstone = await db
          .selectFrom("campaign_tombstones")
          .select("campaign_id")
          .where("network_id", "=", network.id)
          .where("campaign_id", "=", target.campaignId)
          .executeTakeFirst();
        return tombstone ? 410 : 404;
      }
      if (campaign.status === "draft") return 404;
      return {
        name: withFilters(`${campaign.title} · ${network.name}`, target.filters, t),
        description: t("feeds.ical.campaignDescription", { campaign: campaign.title, network: network.name }),
        snapshotKey: `campaign:${campaign.id}${filterKey(target.filters)}${langKey(target)}`,
        visibilities: publicOnly,
        campaignId: campaign.id,
        filters: target.filters,
      };
    }
    case "partner": {
      if (!uuidPattern.test(target.partnerId)) return 404;
      const partner = await db
        .selectFrom("partner_organisations")
        .select(["id", "name"])
        .where("network_id", "=", network.id)
        .where("id", "=", target.partnerId)
        .executeTakeFirst();
      if (!partner) return 404;
      return {
        name: withFilters(`${partner.name} · ${network.name}`, target.filters, t),
        description: t("feeds.ical.partnerDescription", { partner: partner.name, network: network.name }),
        snapshotKey: `partner:${partner.id}${filterKey(target.filters)}${langKey(target)}`,
        visibilities: publicOnly,
        hostPartnerId: partner.id,
        filters: target.filters,
      };
    }
    case "day": {
      if (!dayKeyPattern.test(target.dayKey)) return 404;
      const day = await findDayByKey(db, network.id, target.dayKey);
      if (!day) return 404;
      const names = target.lang ? await dayNamesIn(db, network.id, [day.id], target.lang, locale) : await dayNames(db, [day.id], locale);
      const dayName = names.get(day.id) ?? day.key;
      return {
        name: withFilters(`${dayName} · ${network.name}`, target.filters, t),
        description: t("feeds.ical.dayDescription", { day: dayName, network: network.name }),
        // Catalogue days are shared by every network: the key names the network too.
        snapshotKey: `day:${network.id}:${day.id}${filterKey(target.filters)}${langKey(target)}`,
        visibilities: publicOnly,
        globalDayId: day.id,
        filters: target.filters,
      };
    }
    case "private": {
      const token = await findLiveToken(db, network.id, target.token);
      if (!token) return 404;
      return {
        name: t("feeds.ical.privateName", { network: network.name, partner: token.partnerName }),
        description: t("feeds.ical.privateDescription", { network: network.name, partner: token.partnerName }),
        snapshotKey: `private:${token.partnerId}${langKey(target)}`,
        visibilities: ["public", "partners"],
        onlineLinksFor: token.partnerId,
        filters: {},
        tokenId: token.id,
      };
    }
    case "event":
      if (!uuidPattern.test(target.eventId)) return 404;
      return {
        name: "",
        description: "",
        snapshotKey: `event:${target.eventId}${langKey(target)}`,
        visibilities: ["public", "unlisted"],
        eventId: target.eventId,
        filters: {},
      };
  }
}

/** Feeds in another language have their own ETag and Last-Modified; the original's keep the keys they had. */
function langKey(target: FeedTarget): string {
  return target.lang ? `|lang=${target.lang}` : "";
}

/** Days' names in a feed's content language, the network's own translations included. */
async function dayNamesIn(db: Kysely<Database>, networkId: string, dayIds: string[], lang: string, locale: string) {
  const shown = await daysInLanguage(db, networkId, dayIds, [lang], [locale]);
  return new Map([...shown].map(([id, texts]) => [id, texts.name.text]));
}

function filterKey(filters: FeedFilters): string {
  return `|${filters.country ?? ""}|${filters.language ?? ""}|${filters.mode ?? ""}`;
}

function withFilters(name: string, filters: FeedFilters, t: Translator): string {
  const parts = [filters.country, filters.language, filters.mode ? t(`feeds.ical.modes.${filters.mode}`) : undefined];
  const shown = parts.filter(Boolean);
  return shown.length > 0 ? `${name} (${shown.join(", ")})` : name;
}

function queryEvents(db: Kysely<Database>, networkId: string, scope: Scope, now: Date) {
  return feedEventsQuery(db, networkId, scope, now).orderBy("events.starts_at").orderBy("events.id").execute();
}

/**
 * The events of a scope that feeds hold, before ordering: the feeds and the
 * API read the same rows (published ones for a year after they end,
 * cancelled ones for 30 days), so a partner's website and its calendar app agree.
 */
export function feedEventsQuery(db: Kysely<Database>, networkId: string, scope: EventScope, now: Date) {
  const keptSince = new Date(now.getTime() - PAST_EVENTS_KEPT_DAYS * DAY_MS);
  const cancelledSince = new Date(now.getTime() - CANCELLED_EVENTS_KEPT_DAYS * DAY_MS);
  let query = db
    .selectFrom("events")
    .leftJoin("campaigns", (join) =>
      join
        .onRef("campaigns.id", "=", "events.campaign_id")
        .on("campaigns.network_id", "=", networkId)
        // A draft campaign's title is not public yet.
        .on("campaigns.status", "!=", "draft"),
    )
    .select([
      "events.id",
      "events.title",
      "events.description",
      "events.accessibility_notes",
      "events.content_language",
      "events.time_zone",
      "events.starts_at",
      "events.ends_at",
      "events.all_day",
      "events.start_date",
      "events.end_date",
      "events.status",
      "events.sequence",
      "events.cancelled_at",
      "events.created_at",
      "events.updated_at",
      "events.mode",
      "events.venue_name",
      "events.address",
      "events.city",
      "events.country",
      "events.latitude",
      "events.longitude",
      "events.online_url",
      "events.online_url_public",
      "events.languages",
      "events.accessibility",
      "events.visibility",
      "events.host_partner_id",
      "campaigns.id as campaign_id",
      "campaigns.slug as campaign_slug",
      "campaigns.title as campaign_title",
      "campaigns.global_day_id",
    ])
    .select(
      scope.allOnlineLinks
        ? sql<boolean>`true`.as("entitled")
        : scope.onlineLinksFor === undefined
          ? sql<boolean>`false`.as("entitled")
          : sql<boolean>`(events.host_partner_id = ${scope.onlineLinksFor}
            or exists (select 1 from event_cohosts where event_cohosts.event_id = events.id
                       and event_cohosts.partner_id = ${scope.onlineLinksFor}))`.as("entitled"),
    )
    .where("events.network_id", "=", networkId)
    .where("events.visibility", "in", scope.visibilities);
  // A single event's file exists as long as the event is published or cancelled; feeds keep a window.
  if (scope.eventId !== undefined) {
    query = query.where("events.id", "=", scope.eventId).where("events.status", "in", ["published", "cancelled"]);
  } else if (scope.changedSince !== undefined) {
    query = query.where("events.status", "in", ["published", "cancelled"]).where("events.updated_at", ">", scope.changedSince);
  } else {
    query = query.where((eb) =>
      eb.or([
        eb.and([eb("events.status", "=", "published"), eb("events.ends_at", ">=", keptSince)]),
        eb.and([
          eb("events.status", "=", "cancelled"),
          eb(eb.fn.coalesce("events.cancelled_at", "events.updated_at"), ">=", cancelledSince),
        ]),
      ]),
    );
  }
  if (scope.endsAfter !== undefined) query = query.where("events.ends_at", ">", scope.endsAfter);
  if (scope.campaignId !== undefined) query = query.where("events.campaign_id", "=", scope.campaignId);
  // Through the joined campaign, so a draft campaign's tie to its day stays private as its title does.
  if (scope.globalDayId !== undefined) query = query.where("campaigns.global_day_id", "=", scope.globalDayId);
  if (scope.hostPartnerId !== undefined) {
    const partnerId = scope.hostPartnerId;
    query = query.where((eb) =>
      eb.or([
        eb("events.host_partner_id", "=", partnerId),
        eb.exists(
          eb
            .selectFrom("event_cohosts")
            .select("event_cohosts.event_id")
            .whereRef("event_cohosts.event_id", "=", "events.id")
            .where("event_cohosts.partner_id", "=", partnerId),
        ),
      ]),
    );
  }
  if (scope.filters.country) query = query.where("events.country", "=", scope.filters.country);
  if (scope.filters.mode) query = query.where("events.mode", "=", scope.filters.mode);
  if (scope.filters.language) {
    query = query.where(sql<boolean>`${scope.filters.language} = any(events.languages)`);
  }
  return query;
}

/**
 * Markdown to plain text, remembered by source: a rebuild after one edit
 * renders only the descriptions that changed. Bounded, so it cannot grow without end.
 */
const plainTexts = new Map<string, string>();
const PLAIN_TEXT_MEMORY = 50_000;

function plainText(markdown: string): string {
  if (markdown === "") return "";
  let text = plainTexts.get(markdown);
  if (text === undefined) {
    text = markdownToPlainText(markdown);
    if (plainTexts.size >= PLAIN_TEXT_MEMORY) plainTexts.clear();
    plainTexts.set(markdown, text);
  }
  return text;
}
