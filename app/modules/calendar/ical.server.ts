import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from "ical-generator";
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
    event.allDay && event.startDate && event.endDate
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
  calendar.createEvent({
    id: eventUid(event.id, options.host),
    sequence: event.sequence,
    // DTSTAMP follows the event's last change, so an unchanged event gives the same bytes.
    stamp: event.updatedAt,
    created: event.createdAt,
    lastModified: event.updatedAt,
    ...timing,
    summary: event.title,
    description: event.description || null,
    location: event.location
      ? { title: event.location, ...(event.geo ? { geo: event.geo } : {}) }
      : event.geo
        ? { geo: event.geo }
        : null,
    url: event.url ?? null,
    status: options.method === "CANCEL" ? ICalEventStatus.CANCELLED : statuses[event.status],
    categories: (event.categories ?? []).map((name) => ({ name })),
    organizer: { name: options.organizer.name, email: options.organizer.email },
    attendees: options.attendee
      ? [{ name: options.attendee.name, email: options.attendee.email, rsvp: false }]
      : undefined,
  });
}

/** A complete VCALENDAR with a VTIMEZONE for every zone its events use. */
export function buildCalendar(events: CalendarEvent[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: "Daymark", product: "Daymark", language: "EN" },
    method: ICalCalendarMethod[options.method],
    name: options.name ?? null,
    description: options.description ?? null,
    ttl: options.ttlSeconds ?? null,
    // No calendar-wide zone name: DTSTAMP then stays in UTC (with Z) as RFC 5545 requires.
    timezone: { name: null, generator: vtimezoneFor },
  });
  for (const event of events) addEvent(calendar, event, options);
  let text = calendar.toString();
  if (options.extraProperties?.length) {
    const lines = options.extraProperties.map(([name, value]) => `${name}:${value}`).join("\r\n");
    text = text.replace(/\r\nBEGIN:(VTIMEZONE|VEVENT)|\r\nEND:VCALENDAR/, (match) => `\r\n${lines}${match}`);
  }
  return text;
}
