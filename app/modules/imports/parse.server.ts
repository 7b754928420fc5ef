import ICAL from "ical.js";
import { DateTime } from "luxon";
import { eventInstants } from "~/modules/events/event-times";
import { ianaZoneFor } from "./zones.server";

/**
 * Reads an iCalendar file into the occurrences Daymark imports, with ical.js
 * (parsing, VTIMEZONE rules, RRULE/RDATE/EXDATE expansion, RECURRENCE-ID
 * overrides) and luxon (wall-clock times in IANA zones to instants).
 *
 * Only what happens between `now` and the horizon is read: occurrences that
 * have ended are history, and a series is expanded no further than the
 * horizon. Private and confidential events (CLASS) are never read: a partner's
 * private appointments must not reach a public calendar.
 */

export interface ParsedTime {
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  /** All-day events: first and last day, inclusive. */
  startDate: string | null;
  endDate: string | null;
  timeZone: string;
}

export interface ParsedOccurrence {
  uid: string;
  /** '' for a single event; for an occurrence, the day it was planned for (with its time when a day has several). */
  recurrenceKey: string;
  sequence: number;
  title: string;
  description: string;
  categories: string[];
  time: ParsedTime;
  place: { address: string | null; onlineUrl: string | null };
  status: "confirmed" | "cancelled";
}

export interface ParsedCalendar {
  name: string | null;
  /** REFRESH-INTERVAL (RFC 7986) or X-PUBLISHED-TTL, in seconds. */
  refreshIntervalSeconds: number | null;
  occurrences: ParsedOccurrence[];
}

export interface ParseOptions {
  now: Date;
  horizonEnd: Date;
  /** Where floating times and all-day dates are read. */
  defaultZone: string;
}

export class NotACalendarError extends Error {}

/** A series expands at most this far; beyond it the rest of the series is not read. */
const MAX_ITERATIONS = 20_000;
const MAX_OCCURRENCES_PER_SERIES = 1_000;
const URL_ONLY = /^https?:\/\/\S+$/i;

export function parseCalendar(text: string, options: ParseOptions): ParsedCalendar {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch {
    throw new NotACalendarError();
  }
  if (root.name !== "vcalendar") throw new NotACalendarError();

  const byUid = new Map<string, { master?: ICAL.Component; exceptions: ICAL.Component[] }>();
  for (const component of root.getAllSubcomponents("vevent")) {
    const uid = String(component.getFirstPropertyValue("uid") ?? "").trim();
    if (!uid || !component.hasProperty("dtstart")) continue;
    const entry = byUid.get(uid) ?? { exceptions: [] };
    if (component.hasProperty("recurrence-id")) entry.exceptions.push(component);
    else entry.master = component;
    byUid.set(uid, entry);
  }

  const occurrences: ParsedOccurrence[] = [];
  for (const [uid, { master, exceptions }] of byUid) {
    // One unreadable event (a broken RRULE, an impossible date) is skipped, not the whole calendar.
    try {
      if (master) occurrences.push(...readSeries(uid, master, exceptions, options));
    } catch {
      continue;
    }
    // Overrides whose series is not in the file stand on their own.
    for (const exception of master ? [] : exceptions) {
      const event = new ICAL.Event(exception);
      pushIfInWindow(occurrences, readOne(uid, event, keyOf(event.recurrenceId), options), options);
    }
  }
  return {
    name: textValue(root, "x-wr-calname") || textValue(root, "name") || null,
    refreshIntervalSeconds: refreshInterval(root),
    occurrences,
  };
}

function readSeries(uid: string, master: ICAL.Component, exceptions: ICAL.Component[], options: ParseOptions): ParsedOccurrence[] {
  const event = new ICAL.Event(master, { exceptions, strictExceptions: false });
  const found: ParsedOccurrence[] = [];
  if (!event.isRecurring()) {
    pushIfInWindow(found, readOne(uid, event, "", options), options);
    return found;
  }
  // Wall-clock horizon, a day wide of the instant: zones differ from UTC by less than that.
  const horizon = ICAL.Time.fromJSDate(new Date(options.horizonEnd.getTime() + 86_400_000), true);
  const expansion = event.iterator();
  const keys = new Set<string>();
  for (let iterations = 0, next = expansion.next(); next && iterations < MAX_ITERATIONS; iterations++, next = expansion.next()) {
    if (next.compare(horizon) > 0 || found.length >= MAX_OCCURRENCES_PER_SERIES) break;
    const details = event.getOccurrenceDetails(next);
    let key = keyOf(details.recurrenceId);
    if (keys.has(key)) key = keyOf(details.recurrenceId, true);
    keys.add(key);
    const occurrence = readOne(uid, details.item, key, options, details);
    pushIfInWindow(found, occurrence, options);
  }
  return found;
}

function pushIfInWindow(list: ParsedOccurrence[], occurrence: ParsedOccurrence | undefined, options: ParseOptions) {
  if (!occurrence) return;
  if (occurrence.time.endsAt <= options.now || occurrence.time.startsAt >= options.horizonEnd) return;
  list.push(occurrence);
}

/** The recurrence key: the planned day as written (its own zone's wall clock), or day and time. */
function keyOf(recurrenceId: ICAL.Time, withTime = false): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  const day = `${recurrenceId.year}-${pad(recurrenceId.month)}-${pad(recurrenceId.day)}`;
  if (!withTime || recurrenceId.isDate) return day;
  return `${day}T${pad(recurrenceId.hour)}:${pad(recurrenceId.minute)}:${pad(recurrenceId.second)}`;
}

function readOne(
  uid: string,
  item: ICAL.Event,
  recurrenceKey: string,
  options: ParseOptions,
  details?: { startDate: ICAL.Time; endDate: ICAL.Time },
): ParsedOccurrence | undefined {
  const component = item.component;
  const visibility = String(component.getFirstPropertyValue("class") ?? "PUBLIC").toUpperCase();
  if (visibility === "PRIVATE" || visibility === "CONFIDENTIAL") return undefined;
  const time = readTime(item, details?.startDate ?? item.startDate, details?.endDate, options.defaultZone);
  if (!time) return undefined;
  const location = textValue(component, "location");
  const status = String(component.getFirstPropertyValue("status") ?? "").toUpperCase() === "CANCELLED" ? "cancelled" : "confirmed";
  return {
    uid,
    recurrenceKey,
    sequence: Number(component.getFirstPropertyValue("sequence") ?? 0) || 0,
    title: textValue(component, "summary").slice(0, 200),
    description: plainText(textValue(component, "description")).slice(0, 20_000),
    categories: component.getAllProperties("categories").flatMap((property) => property.getValues().map((value) => String(value).trim())),
    time,
    place: URL_ONLY.test(location)
      ? { address: null, onlineUrl: location.slice(0, 2000) }
      : { address: location ? location.slice(0, 500) : null, onlineUrl: null },
    status,
  };
}

/**
 * Start and end as instants. A timed event without an end lasts an hour
 * (Daymark's events have a length); an all-day one without an end, a day.
 */
function readTime(item: ICAL.Event, start: ICAL.Time, end: ICAL.Time | undefined, defaultZone: string): ParsedTime | undefined {
  const component = item.component;
  const hasEnd = component.hasProperty("dtend") || component.hasProperty("duration");
  if (start.isDate) {
    const first = isoDate(start);
    const exclusiveEnd = hasEnd ? (end ?? item.endDate) : undefined;
    const lastDay = exclusiveEnd && exclusiveEnd.isDate ? DateTime.fromISO(isoDate(exclusiveEnd)).minus({ days: 1 }).toISODate()! : first;
    const last = lastDay < first ? first : lastDay;
    const instants = eventInstants({ allDay: true, startDate: first, endDate: last, timeZone: defaultZone });
    return instants && { ...instants, allDay: true, timeZone: defaultZone };
  }
  const startProperty = component.getFirstProperty("dtstart");
  const from = toInstant(start, startProperty, defaultZone);
  let until = hasEnd
    ? toInstant(end ?? item.endDate, component.getFirstProperty("dtend") ?? startProperty, defaultZone).instant
    : undefined;
  if (!from.instant.isValid) return undefined;
  if (!until?.isValid || until <= from.instant) until = from.instant.plus({ hours: 1 });
  return {
    startsAt: from.instant.toJSDate(),
    endsAt: until.toJSDate(),
    allDay: false,
    startDate: null,
    endDate: null,
    timeZone: from.zone,
  };
}

/**
 * An ICAL.Time as an instant, and the IANA zone to show it in. Times in UTC
 * and floating times are shown in the default zone; a TZID is read as an IANA
 * zone when it names one (directly, as a Windows name or behind a prefix),
 * else through the file's VTIMEZONE.
 */
function toInstant(time: ICAL.Time, property: ICAL.Property | null, defaultZone: string): { instant: DateTime; zone: string } {
  const wall = { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
  const zoneId = time.zone?.tzid;
  if (zoneId === "UTC") return { instant: DateTime.fromObject(wall, { zone: "utc" }), zone: defaultZone };
  const tzid = zoneId && zoneId !== "floating" ? zoneId : (property?.getParameter("tzid") as string | undefined);
  if (tzid) {
    const iana = ianaZoneFor(tzid);
    if (iana) return { instant: DateTime.fromObject(wall, { zone: iana }), zone: iana };
    if (time.zone?.component) return { instant: DateTime.fromSeconds(time.toUnixTime(), { zone: "utc" }), zone: defaultZone };
  }
  return { instant: DateTime.fromObject(wall, { zone: defaultZone }), zone: defaultZone };
}

function isoDate(time: ICAL.Time): string {
  return `${time.year}-${String(time.month).padStart(2, "0")}-${String(time.day).padStart(2, "0")}`;
}

function textValue(component: ICAL.Component, name: string): string {
  const value = component.getFirstPropertyValue(name);
  return typeof value === "string" ? value.trim() : "";
}

function refreshInterval(root: ICAL.Component): number | null {
  for (const name of ["refresh-interval", "x-published-ttl"]) {
    const value = root.getFirstPropertyValue(name);
    if (!value) continue;
    try {
      const seconds = (value instanceof ICAL.Duration ? value : ICAL.Duration.fromString(String(value))).toSeconds();
      if (seconds > 0) return seconds;
    } catch {
      // An unreadable interval is no interval.
    }
  }
  return null;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/**
 * Descriptions in plain text. Google Calendar and WordPress plugins put HTML
 * in DESCRIPTION: line breaks are kept, tags dropped, entities decoded.
 */
function plainText(text: string): string {
  if (!/<\/?[a-z][^>]*>/i.test(text)) return text;
  return text
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h[1-6])>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]+);/gi, (match, entity: string) => {
      if (!entity.startsWith("#")) return ENTITIES[entity.toLowerCase()] ?? match;
      const code = entity[1] === "x" || entity[1] === "X" ? Number.parseInt(entity.slice(2), 16) : Number.parseInt(entity.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    })
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
