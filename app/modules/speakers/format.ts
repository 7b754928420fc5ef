import { DateTime, Interval } from "luxon";
import { formattedOnce } from "~/i18n/server-texts";

/**
 * How speakers and organisers read an event's or a slot's time: a range in the
 * event's own zone, in the reader's language, with the zone named.
 */
export interface TimeSpan {
  startsAt: Date | string;
  endsAt: Date | string;
  timeZone: string;
  /** All-day events: their first and last day, 'YYYY-MM-DD'. */
  allDay?: { startDate: string; endDate: string } | null;
}

function toDateTime(value: Date | string, zone: string): DateTime {
  return typeof value === "string" ? DateTime.fromISO(value, { zone }) : DateTime.fromJSDate(value, { zone });
}

export const formatTimeSpan = formattedOnce("speakers.timeSpan", timeSpanText, (span, locale) => [
  span.startsAt,
  span.endsAt,
  span.timeZone,
  span.allDay ?? null,
  locale,
]);

function timeSpanText(span: TimeSpan, locale: string): string {
  if (span.allDay) {
    const first = DateTime.fromISO(span.allDay.startDate).setLocale(locale);
    const last = DateTime.fromISO(span.allDay.endDate).setLocale(locale);
    return span.allDay.startDate === span.allDay.endDate
      ? first.toLocaleString(DateTime.DATE_FULL)
      : Interval.fromDateTimes(first, last.plus({ hours: 1 })).toLocaleString(DateTime.DATE_FULL);
  }
  const start = toDateTime(span.startsAt, span.timeZone).setLocale(locale);
  const end = toDateTime(span.endsAt, span.timeZone).setLocale(locale);
  return `${Interval.fromDateTimes(start, end).toLocaleString(DateTime.DATETIME_MED)} (${span.timeZone})`;
}

/** A reply-by day ('YYYY-MM-DD') written out for the reader. */
export const formatDay = formattedOnce("speakers.day", (day: string, locale: string): string =>
  DateTime.fromISO(day).setLocale(locale).toLocaleString(DateTime.DATE_FULL),
);

/** The value of a datetime-local field for an instant, in the event's zone. */
export function toLocalInput(value: Date | string | null, zone: string): string {
  if (!value) return "";
  return toDateTime(value, zone).toFormat("yyyy-LL-dd'T'HH:mm");
}
