import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { dayNames, findDayByKey } from "~/modules/days/days.server";
import type { CalendarFilters } from "~/modules/events/events.schema";
import { feedPath } from "./feeds.schema";

/**
 * The feed a filtered public calendar offers to subscribe to: the global
 * day's feed when the calendar is filtered by day, else the network's, with
 * the filters feeds support. Null when the day filter names no day of the
 * network (there is no feed to offer).
 */
export async function calendarFeed(
  db: Kysely<Database>,
  network: { id: string; slug: string; name: string },
  filters: CalendarFilters,
  locale: string,
  /** The content language of the feed's texts (`?lang=`); none: each event's original. */
  lang?: string,
): Promise<{ path: string; name: string } | null> {
  const feedFilters = { country: filters.country, language: filters.language, mode: filters.mode };
  if (!filters.day) {
    return { path: feedPath({ kind: "network", network: network.slug, filters: feedFilters, lang }), name: network.name };
  }
  const day = await findDayByKey(db, network.id, filters.day);
  if (!day) return null;
  const dayName = (await dayNames(db, [day.id], locale)).get(day.id) ?? day.key;
  return {
    path: feedPath({ kind: "day", network: network.slug, dayKey: day.key, filters: feedFilters, lang }),
    name: `${dayName} · ${network.name}`,
  };
}
