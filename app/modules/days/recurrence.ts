import { DateTime } from "luxon";
import type { RecurrenceRule } from "~db/types";

export type { RecurrenceRule };

/** One occurrence of a global day: its first and last calendar day ('YYYY-MM-DD', inclusive). */
export interface Occurrence {
  year: number;
  startsOn: string;
  endsOn: string;
}

/** Dates announced for a year, for days whose rule is `announced`. */
export interface AnnouncedDates {
  startsOn: string;
  endsOn: string;
}

/*
 * Occurrences are calendar dates, not instants: every computation runs on
 * luxon dates in UTC, where a day is always 24 hours, so daylight-saving
 * changes in the network's zone never shift a date. Zones only matter for
 * "today" (see daysUntil).
 */
function date(year: number, month: number, day: number): DateTime {
  return DateTime.utc(year, month, day);
}

/** A fixed date; 29 February falls on 28 February in common years. */
function fixedDate(year: number, month: number, day: number): DateTime {
  const first = date(year, month, 1);
  return date(year, month, Math.min(day, first.daysInMonth ?? day));
}

function nthWeekday(year: number, month: number, weekday: number, nth: number): DateTime {
  if (nth === -1) {
    const last = date(year, month, 1).endOf("month").startOf("day");
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = date(year, month, 1);
  return first.plus({ days: ((weekday - first.weekday + 7) % 7) + 7 * (nth - 1) });
}

/**
 * The occurrence of a day in a given year, or null when its dates are
 * announced each year and have not been set yet.
 */
export function occurrenceInYear(rule: RecurrenceRule, year: number, announced?: AnnouncedDates | null): Occurrence | null {
  switch (rule.kind) {
    case "fixed": {
      const day = fixedDate(year, rule.month, rule.day).toISODate()!;
      return { year, startsOn: day, endsOn: day };
    }
    case "nth_weekday": {
      const day = nthWeekday(year, rule.month, rule.weekday, rule.nth).toISODate()!;
      return { year, startsOn: day, endsOn: day };
    }
    case "span": {
      const start = fixedDate(year, rule.month, rule.day);
      return { year, startsOn: start.toISODate()!, endsOn: start.plus({ days: rule.days - 1 }).toISODate()! };
    }
    case "announced":
      return announced ? { year, startsOn: announced.startsOn, endsOn: announced.endsOn } : null;
  }
}

/**
 * The first occurrence that has not ended by `today` ('YYYY-MM-DD'): this
 * year's while it is still ahead or under way, else next year's. Null for an
 * announced day (its dates are set by hand each year).
 */
export function nextOccurrence(rule: RecurrenceRule, today: string): Occurrence | null {
  const year = Number(today.slice(0, 4));
  const current = occurrenceInYear(rule, year);
  if (!current || current.endsOn >= today) return current;
  return occurrenceInYear(rule, year + 1);
}

/** Whole calendar days from `from` to `to` (both 'YYYY-MM-DD'); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: "utc" }).diff(DateTime.fromISO(from, { zone: "utc" }), "days").days);
}

/** The date `offset` days after `day` (before when negative). */
export function shiftDate(day: string, offset: number): string {
  return DateTime.fromISO(day, { zone: "utc" }).plus({ days: offset }).toISODate()!;
}

/** Today's date in a zone: what "today" means to the network, whatever the server's clock zone. */
export function todayIn(zone: string, now: DateTime = DateTime.now()): string {
  return now.setZone(zone).toISODate()!;
}

/** Days from today (in `zone`) to `day`: 0 on the day itself, across any daylight-saving change. */
export function daysUntil(day: string, zone: string, now: DateTime = DateTime.now()): number {
  return daysBetween(todayIn(zone, now), day);
}

/** The Monday of the ISO week a date is in ('YYYY-MM-DD'), for grouping timelines by week. */
export function weekStart(day: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).startOf("week").toISODate()!;
}

/** The ISO week a date is in, e.g. '2026-W48'. */
export function isoWeek(day: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).toFormat("kkkk-'W'WW");
}

/** The same calendar date a number of years later; 29 February becomes 28 February in common years. */
export function addYears(day: string, years: number): string {
  return DateTime.fromISO(day, { zone: "utc" }).plus({ years }).toISODate()!;
}

export interface WindowEntry {
  year: number;
  /** null: announced each year and not set yet; `usualMonthStart` places it. */
  occurrence: Occurrence | null;
  /** Where the entry sorts: the occurrence's start, or the first of its usual month. */
  sortsOn: string;
}

/**
 * The occurrences of one day that touch the window [from, until) (dates), in
 * order. An announced day whose dates are not set appears for the years whose
 * usual month overlaps the window, so that organisers see "date not yet set".
 */
export function occurrencesInWindow(
  rule: RecurrenceRule,
  from: string,
  until: string,
  announcedByYear: ReadonlyMap<number, AnnouncedDates> = new Map(),
): WindowEntry[] {
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(until.slice(0, 4));
  const entries: WindowEntry[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const occurrence = occurrenceInYear(rule, year, announcedByYear.get(year));
    if (occurrence) {
      if (occurrence.endsOn >= from && occurrence.startsOn < until) entries.push({ year, occurrence, sortsOn: occurrence.startsOn });
    } else {
      const monthStart = date(year, rule.month, 1);
      const monthEnd = monthStart.endOf("month").toISODate()!;
      if (monthEnd >= from && monthStart.toISODate()! < until) {
        entries.push({ year, occurrence: null, sortsOn: monthStart.toISODate()! });
      }
    }
  }
  return entries;
}
