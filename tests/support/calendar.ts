import { DateTime, type WeekdayNumbers } from "luxon";

/**
 * The year test data lives in: next calendar year, counted from the day the
 * tests run, so that every date in it is upcoming whatever today is (the
 * suite must pass on any date, also with the clock moved by `faketime`).
 * Use `testYear + 1` for dates after it. Anything that depends on the weekday,
 * the length of the year or a daylight-saving change is computed, not typed.
 */
export const testYear = DateTime.utc().year + 1;

/** The first date on or after `from` ('YYYY-MM-DD') that is a `weekday` (1 Monday … 7 Sunday): for data that needs a weekday. */
export function weekdayOnOrAfter(from: string, weekday: WeekdayNumbers): DateTime {
  const start = DateTime.fromISO(from, { zone: "utc" });
  return start.plus({ days: (weekday - start.weekday + 7) % 7 });
}

/** The first leap year from `year` on: for data that must cross a 29 February. */
export function leapYearFrom(year: number): number {
  let leap = year;
  while (!DateTime.utc(leap).isInLeapYear) leap += 1;
  return leap;
}

/** The instant `zone` moves its clocks forward in `year`, in that zone (northern summer time): its date differs every year. */
export function summerTimeStart(zone: string, year: number): DateTime {
  const offsetAt = (minute: number) => DateTime.fromMillis(minute * 60_000, { zone }).offset;
  let before = DateTime.utc(year, 1, 1).toMillis() / 60_000;
  let after = DateTime.utc(year, 7, 1).toMillis() / 60_000;
  if (offsetAt(before) >= offsetAt(after)) throw new Error(`${zone} has no summer time in ${year}`);
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (offsetAt(middle) === offsetAt(before)) before = middle;
    else after = middle;
  }
  return DateTime.fromMillis(after * 60_000, { zone });
}
