import { DateTime } from "luxon";
import { formattedOnce } from "~/i18n/server-texts";

/**
 * What attendees are told about an event (pages, e-mails): plain data, safe to
 * send to the browser. `onlineUrl` is only filled in for people entitled to it.
 */
export interface EventSummary {
  id: string;
  title: string;
  /** The language the title is written in (BCP 47), when known. */
  titleLanguage?: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  startDate: string | null;
  endDate: string | null;
  place: string | null;
  onlineUrl: string | null;
  host: string | null;
  networkName: string;
}

/**
 * The event's date and time in its own zone, with the zone named, e.g.
 * "Saturday, December 5, 2026, 18:00–20:00 (Europe/Amsterdam, CET)".
 */
export const formatEventWhen = formattedOnce("registrations.eventWhen", eventWhenText, (event, locale) => [
  event.timeZone,
  event.startsAt,
  event.endsAt,
  event.allDay,
  event.startDate,
  event.endDate,
  locale,
]);

function eventWhenText(event: EventSummary, locale: string): string {
  if (event.allDay && event.startDate) {
    const first = DateTime.fromISO(event.startDate, { zone: "UTC" }).setLocale(locale);
    const last = DateTime.fromISO(event.endDate ?? event.startDate, { zone: "UTC" }).setLocale(locale);
    const firstText = first.toLocaleString(DateTime.DATE_HUGE);
    return first.hasSame(last, "day") ? firstText : `${firstText} – ${last.toLocaleString(DateTime.DATE_HUGE)}`;
  }
  const start = DateTime.fromISO(event.startsAt, { zone: event.timeZone }).setLocale(locale);
  const end = DateTime.fromISO(event.endsAt, { zone: event.timeZone }).setLocale(locale);
  const zone = `(${event.timeZone}, ${start.toFormat("ZZZZ")})`;
  if (start.hasSame(end, "day")) {
    return `${start.toLocaleString(DateTime.DATE_HUGE)}, ${start.toLocaleString(DateTime.TIME_SIMPLE)}–${end.toLocaleString(DateTime.TIME_SIMPLE)} ${zone}`;
  }
  const full = { ...DateTime.DATE_HUGE, ...DateTime.TIME_SIMPLE };
  return `${start.toLocaleString(full)} – ${end.toLocaleString(full)} ${zone}`;
}
