import { DateTime } from "luxon";
import { formattedOnce } from "~/i18n/server-texts";

/** A calendar date ('YYYY-MM-DD') for readers, in their locale: "Tue, 1 Dec 2026". */
export const formatDay = formattedOnce("days.day", (day: string, locale: string): string =>
  DateTime.fromISO(day, { zone: "utc" })
    .setLocale(locale)
    .toLocaleString({ weekday: "short", day: "numeric", month: "short", year: "numeric" }),
);

/** A date range, shortened to one date when it is a single day. */
export function formatDayRange(startsOn: string, endsOn: string, locale: string): string {
  if (startsOn === endsOn) return formatDay(startsOn, locale);
  return `${formatDay(startsOn, locale)} – ${formatDay(endsOn, locale)}`;
}

/** "November 2026": where an announced day without dates is placed. */
export const formatMonth = formattedOnce("days.month", (day: string, locale: string): string =>
  DateTime.fromISO(day, { zone: "utc" }).setLocale(locale).toLocaleString({ month: "long", year: "numeric" }),
);
