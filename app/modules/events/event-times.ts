import { DateTime } from "luxon";
import { formattedOnce } from "~/i18n/server-texts";

/**
 * Event times, for the server and the browser alike. An event is written in
 * its own IANA zone (wall-clock dates and times there) and stored as instants;
 * all-day events also keep their dates. Every computation goes through luxon.
 */

export interface LocalEventTimes {
  allDay?: boolean;
  startDate: string;
  startTime?: string;
  endDate: string;
  endTime?: string;
  timeZone: string;
}

export interface EventInstants {
  startsAt: Date;
  endsAt: Date;
  /** All-day events: first and last day, inclusive. */
  startDate: string | null;
  endDate: string | null;
}

/**
 * The instants of wall-clock times in the event's zone. An all-day event runs
 * from the start of its first day to the start of the day after its last, in
 * its zone. A time that does not exist (skipped by a clock change) moves
 * forward, as luxon does. Undefined when the dates do not exist.
 */
export function eventInstants(times: LocalEventTimes): EventInstants | undefined {
  const zone = times.timeZone;
  if (times.allDay) {
    const first = DateTime.fromISO(times.startDate, { zone });
    const last = DateTime.fromISO(times.endDate, { zone });
    if (!first.isValid || !last.isValid) return undefined;
    return {
      startsAt: first.startOf("day").toJSDate(),
      endsAt: last.plus({ days: 1 }).startOf("day").toJSDate(),
      startDate: times.startDate,
      endDate: times.endDate,
    };
  }
  const start = DateTime.fromISO(`${times.startDate}T${times.startTime}`, { zone });
  const end = DateTime.fromISO(`${times.endDate}T${times.endTime}`, { zone });
  if (!start.isValid || !end.isValid) return undefined;
  return { startsAt: start.toJSDate(), endsAt: end.toJSDate(), startDate: null, endDate: null };
}

/** The instant of a `YYYY-MM-DDTHH:mm` wall-clock time in a zone (registration window). */
export function localDateTimeToInstant(value: string, zone: string): Date | undefined {
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** Back to the form's wall-clock fields, in the event's zone. */
export function localEventTimes(event: {
  startsAt: Date | string;
  endsAt: Date | string;
  allDay: boolean;
  startDate: string | null;
  endDate: string | null;
  timeZone: string;
}): LocalEventTimes {
  if (event.allDay && event.startDate && event.endDate) {
    return { allDay: true, startDate: event.startDate, endDate: event.endDate, timeZone: event.timeZone };
  }
  const start = toZone(event.startsAt, event.timeZone);
  const end = toZone(event.endsAt, event.timeZone);
  return {
    allDay: false,
    startDate: start.toISODate()!,
    startTime: start.toFormat("HH:mm"),
    endDate: end.toISODate()!,
    endTime: end.toFormat("HH:mm"),
    timeZone: event.timeZone,
  };
}

export function instantToLocalInput(value: Date | string, zone: string): string {
  return toZone(value, zone).toFormat("yyyy-MM-dd'T'HH:mm");
}

function toZone(value: Date | string, zone: string): DateTime {
  return (typeof value === "string" ? DateTime.fromISO(value) : DateTime.fromJSDate(value)).setZone(zone);
}

/**
 * The Intl locale for an interface language. English readers here are in
 * Europe: day before month and a 24-hour clock.
 */
export function intlLocale(locale: string): string {
  return locale === "en" ? "en-GB" : locale;
}

export interface EventWhen {
  startsAt: Date | string;
  endsAt: Date | string;
  allDay: boolean;
  startDate: string | null;
  endDate: string | null;
}

const DAY = { weekday: "long", day: "numeric", month: "long", year: "numeric" } as const;
const SHORT_DAY = { weekday: "short", day: "numeric", month: "short", year: "numeric" } as const;
const TIME_24 = { hour: "2-digit", minute: "2-digit" } as const;

/**
 * When an event happens, in words, as seen from `zone`: "Saturday 27 March
 * 2027, 18:00–20:00" for a timed event, the dates alone for an all-day one
 * (its days are the same everywhere).
 */
export const formatEventWhen = formattedOnce("events.when", eventWhenText, (event, locale, zone) => [
  event.startsAt,
  event.endsAt,
  event.allDay,
  event.startDate,
  event.endDate,
  locale,
  zone,
]);

/**
 * The same, in the event's own zone and naming it, for readers who may be
 * elsewhere (registration pages, attendees' e-mails): "Saturday 5 December
 * 2026, 18:00–20:00 (Europe/Amsterdam, CET)". An all-day event's days need no zone.
 */
export const formatEventWhenInZone = formattedOnce(
  "events.whenInZone",
  (event: EventWhen & { timeZone: string }, locale: string): string => {
    const when = eventWhenText(event, locale, event.timeZone);
    if (event.allDay && event.startDate && event.endDate) return when;
    return `${when} (${event.timeZone}, ${toZone(event.startsAt, event.timeZone).setLocale(intlLocale(locale)).toFormat("ZZZZ")})`;
  },
  (event, locale) => [event.startsAt, event.endsAt, event.allDay, event.startDate, event.endDate, event.timeZone, locale],
);

function eventWhenText(event: EventWhen, locale: string, zone: string): string {
  const loc = intlLocale(locale);
  if (event.allDay && event.startDate && event.endDate) {
    const first = DateTime.fromISO(event.startDate, { locale: loc });
    const last = DateTime.fromISO(event.endDate, { locale: loc });
    if (event.startDate === event.endDate) return first.toLocaleString(DAY);
    return `${first.toLocaleString(SHORT_DAY)} – ${last.toLocaleString(SHORT_DAY)}`;
  }
  const start = toZone(event.startsAt, zone).setLocale(loc);
  const end = toZone(event.endsAt, zone).setLocale(loc);
  if (start.hasSame(end, "day")) {
    return `${start.toLocaleString(DAY)}, ${start.toLocaleString(TIME_24)}–${end.toLocaleString(TIME_24)}`;
  }
  return `${start.toLocaleString(SHORT_DAY)}, ${start.toLocaleString(TIME_24)} – ${end.toLocaleString(SHORT_DAY)}, ${end.toLocaleString(TIME_24)}`;
}

/** One instant as a date and a time in a zone: "Sat 27 Mar 2027, 18:00". */
export const formatInstantIn = formattedOnce("events.instant", (value: Date | string, locale: string, zone: string): string => {
  const local = toZone(value, zone).setLocale(intlLocale(locale));
  return `${local.toLocaleString(SHORT_DAY)}, ${local.toLocaleString(TIME_24)}`;
});

/** The event's first day in its own zone ('YYYY-MM-DD'): where the month view lists it. */
export function eventDay(event: EventWhen & { timeZone: string }): string {
  if (event.allDay && event.startDate) return event.startDate;
  return toZone(event.startsAt, event.timeZone).toISODate()!;
}

/** A month as 'YYYY-MM': its first and last day, and its neighbours. */
export function parseMonth(value: string | undefined): { first: DateTime; month: string } | undefined {
  if (!value || !/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) return undefined;
  const first = DateTime.fromISO(`${value}-01`, { zone: "UTC" });
  if (!first.isValid || first.year < 1900 || first.year > 2999) return undefined;
  return { first, month: value };
}

export function shiftMonth(month: string, by: number): string {
  return DateTime.fromISO(`${month}-01`, { zone: "UTC" }).plus({ months: by }).toFormat("yyyy-MM");
}

export const formatMonth = formattedOnce("events.month", (month: string, locale: string): string =>
  DateTime.fromISO(`${month}-01`, { zone: "UTC", locale: intlLocale(locale) }).toLocaleString({ month: "long", year: "numeric" }),
);

export const formatDay = formattedOnce("events.day", (day: string, locale: string): string =>
  DateTime.fromISO(day, { locale: intlLocale(locale) }).toLocaleString(DAY),
);

export function currentMonth(zone: string, now = new Date()): string {
  return DateTime.fromJSDate(now).setZone(zone).toFormat("yyyy-MM");
}

/** The event's last day in its own zone ('YYYY-MM-DD'). */
export function eventLastDay(event: EventWhen & { timeZone: string }): string {
  if (event.allDay && event.endDate) return event.endDate;
  // An event that ends at midnight ends on the day before.
  return toZone(event.endsAt, event.timeZone).minus({ milliseconds: 1 }).toISODate()!;
}

/**
 * A month's events by day, each under the day it starts in its own zone (or
 * under the 1st when it began the month before and still runs).
 */
export function groupByDay<E extends EventWhen & { timeZone: string }>(events: E[], month: string) {
  const first = `${month}-01`;
  const next = `${shiftMonth(month, 1)}-01`;
  const days = new Map<string, E[]>();
  for (const event of events) {
    const start = eventDay(event);
    if (start >= next || eventLastDay(event) < first) continue;
    const day = start < first ? first : start;
    days.set(day, [...(days.get(day) ?? []), event]);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, list]) => ({ day, events: list }));
}
