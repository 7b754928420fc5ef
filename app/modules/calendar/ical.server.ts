import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { escape, foldLines, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
import { DateTime } from "luxon";

/**
 * iCalendar (RFC 5545) for Daymark events: feeds, single-event files and the
 * invitations attached to e-mails all come from here, so an event has the same
 * UID and SEQUENCE everywhere and calendar apps recognise it as one entry.
 */
export interface CalendarEvent {
  id: string;
  title: string;
  /** Plain text (see markdownToPlainText). */
  description: string;
  /** IANA zone of the event. */
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  /** All-day events: first and last day, inclusive, 'YYYY-MM-DD'. */
  startDate: string | null;
  endDate: string | null;
  status: "confirmed" | "tentative" | "cancelled";
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
  location?: string | null;
  geo?: { lat: number; lon: number } | null;
  url?: string | null;
  categories?: string[];
  /** The languages SUMMARY and DESCRIPTION are written in (BCP 47), written as their LANGUAGE parameters. */
  languages?: { summary: string; description: string };
}

export interface CalendarOptions {
  /** PUBLISH for feeds and downloads; REQUEST and CANCEL for invitations sent by e-mail. */
  method: "PUBLISH" | "REQUEST" | "CANCEL";
  /** Host name for UIDs (`<event id>@<host>`), taken from APP_URL. */
  host: string;
  organizer: { name: string; email: string };
  /** REQUEST and CANCEL name the person the invitation is for (RFC 5546). */
  attendee?: { name: string; email: string };
  /** X-WR-CALNAME and X-WR-CALDESC. */
  name?: string;
  description?: string;
  /** Feeds: how often subscribers should refresh, in seconds (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
  ttlSeconds?: number;
  /** Feed properties: X-WR-*, REFRESH-INTERVAL and the like, written as given. */
  extraProperties?: [string, string][];
}

/**
 * IANA zones renamed after the VTIMEZONE data was made: the data knows them by
 * their old name. The block is relabelled with the name events use.
 */
const renamedZones: Record<string, string> = {
  "Europe/Kyiv": "Europe/Kiev",
  "America/Nuuk": "America/Godthab",
  "Pacific/Kanton": "Pacific/Enderbury",
  "Asia/Yangon": "Asia/Rangoon",
};

export function vtimezoneFor(zone: string): string | null {
  const direct = getVtimezoneComponent(zone);
  if (direct) return direct;
  const oldName = renamedZones[zone];
  const block = oldName ? getVtimezoneComponent(oldName) : null;
  if (!block) return null;
  return block
    .split(/\r?\n/)
    .filter((line) => !line.startsWith("TZURL:"))
    .map((line) => (line === `TZID:${oldName}` ? `TZID:${zone}` : line === `X-LIC-LOCATION:${oldName}` ? `X-LIC-LOCATION:${zone}` : line))
    .join("\r\n");
}

export function eventUid(eventId: string, host: string): string {
  return `${eventId}@${host}`;
}

export function hostOf(appUrl: string): string {
  return new URL(appUrl).hostname;
}

const statuses = {
  confirmed: ICalEventStatus.CONFIRMED,
  tentative: ICalEventStatus.TENTATIVE,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

function addEvent(calendar: ICalCalendar, event: CalendarEvent, options: CalendarOptions) {
  // luxon DateTimes carry the zone: ical-generator then writes DTSTART;TZID=… in
  // the event's local time (a plain Date would be written as UTC labelled local).
  const timing =
    isAllDay(event) && event.startDate && event.endDate
      ? {
          allDay: true,
          start: DateTime.fromISO(event.startDate, { zone: "UTC" }),
          // DTEND of an all-day event is the day after the last day.
          end: DateTime.fromISO(event.endDate, { zone: "UTC" }).plus({ days: 1 }),
        }
      : {
          start: DateTime.fromJSDate(event.startsAt, { zone: event.timeZone }),
          end: DateTime.fromJSDate(event.endsAt, { zone: event.timeZone }),
          timezone: event.timeZone,
        };
  return calendar.createEvent({
    id: eventUid(event.id, options.host),
    sequence: event.sequence,
    // DTSTAMP follows the event's last change, so an unchanged event gives the same bytes.
    stamp: event.updatedAt,
    created: event.createdAt,
    lastModified: event.updatedAt,
    ...timing,
    summary: event.title,
    description: event.description || null,
    location: event.location ? { title: event.location, ...(event.geo ? { geo: event.geo } : {}) } : event.geo ? { geo: event.geo } : null,
    url: event.url ?? null,
    status: options.method === "CANCEL" ? ICalEventStatus.CANCELLED : statuses[event.status],
    categories: (event.categories ?? []).map((name) => ({ name })),
    organizer: { name: options.organizer.name, email: options.organizer.email },
    attendees: options.attendee ? [{ name: options.attendee.name, email: options.attendee.email, rsvp: false }] : undefined,
  });
}

/**
 * Each event's VEVENT text (folded), remembered by everything it is made of:
 * a feed rebuilt after one edit serialises only that event again. Bounded, so
 * it cannot grow without end.
 */
const eventBlocks = new Map<string, string>();
const EVENT_BLOCK_MEMORY = 100_000;

function eventBlock(scratch: ICalCalendar, event: CalendarEvent, options: CalendarOptions): string {
  const key = JSON.stringify([event, options.method, options.host, options.organizer, options.attendee ?? null]);
  let block = eventBlocks.get(key);
  if (block === undefined) {
    block = `${foldLines(withLanguages(addEvent(scratch, event, options).toString(), event).replace(/\r\n$/, ""))}\r\n`;
    if (eventBlocks.size >= EVENT_BLOCK_MEMORY) eventBlocks.clear();
    eventBlocks.set(key, block);
  }
  return block;
}

/** ical-generator has no LANGUAGE parameter (RFC 5545 3.2.10): it goes onto the unfolded lines here. */
function withLanguages(vevent: string, event: CalendarEvent): string {
  if (!event.languages) return vevent;
  const { summary, description } = event.languages;
  return vevent.replace(/^SUMMARY:/m, `SUMMARY;LANGUAGE=${summary}:`).replace(/^DESCRIPTION:/m, `DESCRIPTION;LANGUAGE=${description}:`);
}

/**
 * A complete VCALENDAR: calendar properties, a VTIMEZONE for every zone its
 * timed events use, then the events. Lines end in CRLF, folded at 75 octets.
 */
export function buildCalendar(events: CalendarEvent[], options: CalendarOptions): string {
  const header = ical({
    prodId: { company: "Daymark", product: "Daymark", language: "EN" },
    method: ICalCalendarMethod[options.method],
    // ical-generator writes the calendar's name and description as given: escape them here.
    name: options.name ? escape(options.name, false) : null,
    description: options.description ? escape(options.description, false) : null,
    ttl: options.ttlSeconds ?? null,
  })
    .toString()
    .replace(/END:VCALENDAR$/, "");
  const extra = (options.extraProperties ?? []).map(([name, value]) => `${name}:${value}\r\n`).join("");
  const zones = new Set(events.filter((event) => !isAllDay(event)).map((event) => event.timeZone));
  const timezones = [...zones]
    .map((zone) => vtimezoneFor(zone))
    .filter((block): block is string => block !== null)
    .map((block) => `${block.replace(/\r?\n/g, "\r\n").trim()}\r\n`)
    .join("");
  // No calendar-wide zone name: DTSTAMP then stays in UTC (with Z) as RFC 5545 requires.
  const scratch = ical({ timezone: { name: null, generator: vtimezoneFor } });
  const body = events.map((event) => eventBlock(scratch, event, options)).join("");
  return `${header}${foldLines(extra)}${timezones}${body}END:VCALENDAR`;
}

function isAllDay(event: CalendarEvent) {
  return event.allDay && event.startDate !== null && event.endDate !== null;
}
