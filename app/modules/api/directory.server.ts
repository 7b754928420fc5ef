import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database } from "~db/types";
import { listDays, occurrenceFor, yearView } from "~/modules/days/days.server";
import { feedPath } from "~/modules/feeds/feeds.schema";

/**
 * Networks, public campaigns, global days and listed partners as the API
 * returns them: only what public pages and feeds already show.
 */
type NetworkRow = { id: string; slug: string; name: string; default_locale: string; time_zone: string };

export function findApiNetwork(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom("networks")
    .select(["id", "slug", "name", "default_locale", "time_zone"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

export function shapeNetwork(network: NetworkRow, appUrl: string) {
  return {
    id: network.id,
    slug: network.slug,
    name: network.name,
    defaultLanguage: network.default_locale,
    timeZone: network.time_zone,
    url: `${appUrl}/n/${network.slug}`,
    feedUrl: `${appUrl}${feedPath({ kind: "network", network: network.slug, filters: {} })}`,
  };
}

export async function listApiNetworks(db: Kysely<Database>, appUrl: string) {
  const networks = await db
    .selectFrom("networks")
    .select(["id", "slug", "name", "default_locale", "time_zone"])
    .orderBy("name")
    .orderBy("id")
    .execute();
  return networks.map((network) => shapeNetwork(network, appUrl));
}

/** Published and archived campaigns, each with its global day's occurrence. */
export async function listApiCampaigns(db: Kysely<Database>, network: NetworkRow, locale: string, appUrl: string) {
  const campaigns = await db
    .selectFrom("campaigns")
    .select(["id", "slug", "title", "status", "starts_on", "ends_on", "global_day_id", "occurrence_year"])
    .where("network_id", "=", network.id)
    .where("status", "!=", "draft")
    .orderBy("starts_on", (order) => order.desc().nullsLast())
    .orderBy("title")
    .orderBy("id")
    .execute();
  const days = new Map((await listDays(db, network.id, locale)).map((day) => [day.id, day]));
  const shaped = [];
  for (const campaign of campaigns) {
    const day = campaign.global_day_id ? days.get(campaign.global_day_id) : undefined;
    const year = campaign.occurrence_year;
    const occurrence = day && year !== null ? await occurrenceFor(db, network.id, day, year) : null;
    shaped.push({
      id: campaign.id,
      slug: campaign.slug,
      title: campaign.title,
      status: campaign.status as "published" | "archived",
      startsOn: campaign.starts_on,
      endsOn: campaign.ends_on,
      globalDay:
        day && year !== null
          ? { id: day.id, key: day.key, name: day.name, year, startsOn: occurrence?.startsOn ?? null, endsOn: occurrence?.endsOn ?? null }
          : null,
      url: `${appUrl}/n/${network.slug}/campaigns/${campaign.slug}`,
      feedUrl: `${appUrl}${feedPath({ kind: "campaign", network: network.slug, campaignId: campaign.id, filters: {} })}`,
    });
  }
  return shaped;
}

/** The days the network has not hidden, with their dates in the coming twelve months, soonest first. */
export async function listApiDays(db: Kysely<Database>, network: NetworkRow, locale: string, appUrl: string, now: Date) {
  const view = await yearView(db, network, locale, DateTime.fromJSDate(now));
  const days = (await listDays(db, network.id, locale)).filter((day) => !day.hidden);
  const order = new Map<string, number>();
  view.entries.forEach((entry, index) => {
    if (!order.has(entry.day.id)) order.set(entry.day.id, index);
  });
  return days
    .sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity) || a.name.localeCompare(b.name, locale))
    .map((day) => ({
      id: day.id,
      key: day.key,
      name: day.name,
      description: day.description,
      colour: day.colour,
      officialUrl: day.officialUrl,
      own: day.own,
      occurrences: view.entries
        .filter((entry) => entry.day.id === day.id)
        .map((entry) => ({ year: entry.year, startsOn: entry.occurrence?.startsOn ?? null, endsOn: entry.occurrence?.endsOn ?? null })),
      feedUrl: `${appUrl}${feedPath({ kind: "day", network: network.slug, dayKey: day.key, filters: {} })}`,
    }));
}

/** Partner organisations that agreed to be listed (listed_publicly), by name. */
export async function listApiPartners(db: Kysely<Database>, network: NetworkRow, appUrl: string) {
  const partners = await db
    .selectFrom("partner_organisations")
    .select(["id", "name", "country", "city", "website", "languages"])
    .where("network_id", "=", network.id)
    .where("listed_publicly", "=", true)
    .orderBy("name")
    .orderBy("id")
    .execute();
  return partners.map((partner) => ({
    ...partner,
    feedUrl: `${appUrl}${feedPath({ kind: "partner", network: network.slug, partnerId: partner.id, filters: {} })}`,
  }));
}
