import { DateTime } from "luxon";
import { sql, type Kysely } from "kysely";
import type { Database, RecurrenceRule } from "~db/types";
import { defaultLocale } from "~/i18n/locales";
import { slugify, uniqueSlug } from "~/modules/campaigns/slug";
import { daysUntil, occurrenceInYear, occurrencesInWindow, type AnnouncedDates, type Occurrence } from "./recurrence";

export interface DayView {
  id: string;
  key: string;
  /** A day the network added itself (not from the shared catalogue). */
  own: boolean;
  name: string;
  description: string;
  colour: string;
  officialUrl: string | null;
  rule: RecurrenceRule;
  hidden: boolean;
}

/** The reader's language, else English, else whichever language the day was written in. */
function pickTranslation<T extends { locale: string }>(rows: T[], locale: string): T | undefined {
  return rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === defaultLocale) ?? rows[0];
}

/** The catalogue and the network's own days, named in the reader's language, hidden ones flagged. */
export async function listDays(db: Kysely<Database>, networkId: string, locale: string): Promise<DayView[]> {
  const days = await db
    .selectFrom("global_days")
    .leftJoin("network_hidden_days", (join) =>
      join.onRef("network_hidden_days.global_day_id", "=", "global_days.id").on("network_hidden_days.network_id", "=", networkId),
    )
    .select([
      "global_days.id",
      "global_days.key",
      "global_days.network_id",
      "global_days.rule",
      "global_days.colour",
      "global_days.official_url",
      "network_hidden_days.network_id as hiddenIn",
    ])
    .where((eb) => eb.or([eb("global_days.network_id", "is", null), eb("global_days.network_id", "=", networkId)]))
    .execute();
  if (days.length === 0) return [];
  const translations = await db
    .selectFrom("global_day_translations")
    .select(["global_day_id", "locale", "name", "description"])
    .where(
      "global_day_id",
      "in",
      days.map((d) => d.id),
    )
    .execute();
  return days
    .map((day) => {
      const text = pickTranslation(
        translations.filter((t) => t.global_day_id === day.id),
        locale,
      );
      return {
        id: day.id,
        key: day.key,
        own: day.network_id !== null,
        name: text?.name ?? day.key,
        description: text?.description ?? "",
        colour: day.colour,
        officialUrl: day.official_url,
        rule: day.rule,
        hidden: day.hiddenIn !== null,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

export async function getDay(db: Kysely<Database>, networkId: string, dayId: string, locale: string) {
  return (await listDays(db, networkId, locale)).find((day) => day.id === dayId);
}

/** Announced dates the network has set, by day and year. */
export async function announcedDates(db: Kysely<Database>, networkId: string, dayIds?: string[]) {
  let query = db
    .selectFrom("global_day_dates")
    .select(["global_day_id", "year", "starts_on", "ends_on"])
    .where("network_id", "=", networkId);
  if (dayIds) {
    if (dayIds.length === 0) return new Map<string, Map<number, AnnouncedDates>>();
    query = query.where("global_day_id", "in", dayIds);
  }
  const byDay = new Map<string, Map<number, AnnouncedDates>>();
  for (const row of await query.execute()) {
    const years = byDay.get(row.global_day_id) ?? new Map<number, AnnouncedDates>();
    years.set(row.year, { startsOn: row.starts_on, endsOn: row.ends_on });
    byDay.set(row.global_day_id, years);
  }
  return byDay;
}

/** One occurrence of a day for a network (announced days use the dates the network set). */
export async function occurrenceFor(
  db: Kysely<Database>,
  networkId: string,
  day: { id: string; rule: RecurrenceRule },
  year: number,
): Promise<Occurrence | null> {
  const dates = day.rule.kind === "announced" ? (await announcedDates(db, networkId, [day.id])).get(day.id)?.get(year) : undefined;
  return occurrenceInYear(day.rule, year, dates);
}

export interface YearEntry {
  day: Pick<DayView, "id" | "name" | "colour" | "officialUrl" | "own">;
  year: number;
  occurrence: Occurrence | null;
  sortsOn: string;
  /** Days until it starts; 0 while it is on. null when the date is not set. */
  countdown: number | null;
  campaigns: { id: string; slug: string; title: string; status: string }[];
}

/**
 * The coming 12 months of the network's visible days, in date order, each
 * with the campaigns planned for that occurrence.
 */
export async function yearView(
  db: Kysely<Database>,
  network: { id: string; time_zone: string },
  locale: string,
  now: DateTime = DateTime.now(),
): Promise<{ from: string; until: string; entries: YearEntry[] }> {
  const today = now.setZone(network.time_zone).toISODate()!;
  const until = DateTime.fromISO(today, { zone: "utc" }).plus({ months: 12 }).toISODate()!;
  const days = (await listDays(db, network.id, locale)).filter((day) => !day.hidden);
  const dates = await announcedDates(db, network.id);
  const campaigns = await db
    .selectFrom("campaigns")
    .select(["id", "slug", "title", "status", "global_day_id", "occurrence_year"])
    .where("network_id", "=", network.id)
    .where("global_day_id", "is not", null)
    .where("status", "!=", "archived")
    .orderBy("title")
    .execute();
  const entries: YearEntry[] = [];
  for (const day of days) {
    for (const entry of occurrencesInWindow(day.rule, today, until, dates.get(day.id))) {
      const started = entry.occurrence && entry.occurrence.startsOn <= today;
      entries.push({
        day: { id: day.id, name: day.name, colour: day.colour, officialUrl: day.officialUrl, own: day.own },
        year: entry.year,
        occurrence: entry.occurrence,
        sortsOn: entry.sortsOn,
        countdown: entry.occurrence ? (started ? 0 : daysUntil(entry.occurrence.startsOn, network.time_zone, now)) : null,
        campaigns: campaigns
          .filter((c) => c.global_day_id === day.id && c.occurrence_year === entry.year)
          .map((c) => ({ id: c.id, slug: c.slug, title: c.title, status: c.status })),
      });
    }
  }
  entries.sort((a, b) => a.sortsOn.localeCompare(b.sortsOn) || a.day.name.localeCompare(b.day.name, locale));
  return { from: today, until, entries };
}

export async function setDayHidden(db: Kysely<Database>, networkId: string, dayId: string, hidden: boolean) {
  const day = await db
    .selectFrom("global_days")
    .select("id")
    .where("id", "=", dayId)
    .where((eb) => eb.or([eb("network_id", "is", null), eb("network_id", "=", networkId)]))
    .executeTakeFirst();
  if (!day) return false;
  if (hidden) {
    await db
      .insertInto("network_hidden_days")
      .values({ network_id: networkId, global_day_id: dayId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await db.deleteFrom("network_hidden_days").where("network_id", "=", networkId).where("global_day_id", "=", dayId).execute();
  }
  return true;
}

/** Sets (or corrects) the dates of an announced day for one year. False if the day is not announced or not the network's to see. */
export async function setAnnouncedDates(
  db: Kysely<Database>,
  networkId: string,
  input: { dayId: string; year: number; startsOn: string; endsOn: string },
) {
  const day = await db
    .selectFrom("global_days")
    .select(["id", "rule"])
    .where("id", "=", input.dayId)
    .where((eb) => eb.or([eb("network_id", "is", null), eb("network_id", "=", networkId)]))
    .executeTakeFirst();
  if (!day || day.rule.kind !== "announced") return false;
  await db
    .insertInto("global_day_dates")
    .values({ network_id: networkId, global_day_id: day.id, year: input.year, starts_on: input.startsOn, ends_on: input.endsOn })
    .onConflict((oc) =>
      oc.columns(["network_id", "global_day_id", "year"]).doUpdateSet({ starts_on: input.startsOn, ends_on: input.endsOn }),
    )
    .execute();
  // Campaigns on that occurrence follow the announced dates.
  await db
    .updateTable("campaigns")
    .set({ starts_on: input.startsOn, ends_on: input.endsOn, updated_at: new Date() })
    .where("network_id", "=", networkId)
    .where("global_day_id", "=", day.id)
    .where("occurrence_year", "=", input.year)
    .execute();
  return true;
}

export interface NewDay {
  name: string;
  description: string;
  colour: string;
  officialUrl?: string;
  rule: RecurrenceRule;
  /** The language the name and description are written in. */
  locale: string;
}

/** A day of the network's own, such as a national day of action. */
export async function addNetworkDay(db: Kysely<Database>, networkId: string, input: NewDay) {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("global_days").select("key").where("network_id", "=", networkId).execute();
    const key = uniqueSlug(slugify(input.name, "day"), new Set(taken.map((row) => row.key)));
    const { id } = await trx
      .insertInto("global_days")
      .values({
        network_id: networkId,
        key,
        rule: JSON.stringify(input.rule),
        colour: input.colour.toLowerCase(),
        official_url: input.officialUrl ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("global_day_translations")
      .values({ global_day_id: id, locale: input.locale, name: input.name, description: input.description })
      .execute();
    return { id, key };
  });
}

/**
 * A day by its key, among the shared catalogue and the network's own days.
 * A network's own day may share a key with a catalogue day: its own wins.
 */
export async function findDayByKey(db: Kysely<Database>, networkId: string, key: string) {
  return db
    .selectFrom("global_days")
    .select(["id", "key"])
    .where("key", "=", key)
    .where((eb) => eb.or([eb("network_id", "is", null), eb("network_id", "=", networkId)]))
    .orderBy(sql`network_id is null`)
    .limit(1)
    .executeTakeFirst();
}

/** Days' names in one language (else English, else whichever they were written in), by day id. */
export async function dayNames(db: Kysely<Database>, dayIds: string[], locale: string): Promise<Map<string, string>> {
  if (dayIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("global_day_translations")
    .select(["global_day_id", "locale", "name"])
    .where("global_day_id", "in", dayIds)
    .execute();
  const names = new Map<string, string>();
  for (const id of new Set(dayIds)) {
    const text = pickTranslation(
      rows.filter((row) => row.global_day_id === id),
      locale,
    );
    if (text) names.set(id, text.name);
  }
  return names;
}
