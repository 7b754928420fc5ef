import { DateTime } from "luxon";

/** A calendar date ('YYYY-MM-DD') for readers, in their locale: "Tue, 1 Dec 2026". */
export function formatDay(day: string, locale: string): string {
  return DateTime.fromISO(day, { zone: "utc" })
    .setLocale(locale)
    .toLocaleString({ weekday: "short", day: "numeric", month: "short", year: "numeric" });
}

/** A date range, shortened to one date when it is a single day. */
export function formatDayRange(startsOn: string, endsOn: string, locale: string): string {
  if (startsOn === endsOn) return formatDay(startsOn, locale);
  return `${formatDay(startsOn, locale)} – ${formatDay(endsOn, locale)}`;
}

/** "November 2026": where an announced day without dates is placed. */
export function formatMonth(day: string, locale: string): string {
  return DateTime.fromISO(day, { zone: "utc" }).setLocale(locale).toLocaleString({ month: "long", year: "numeric" });
}

/** A country's name in the reader's language, from its ISO code. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}
