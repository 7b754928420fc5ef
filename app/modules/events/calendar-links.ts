import { DateTime } from "luxon";

/**
 * "Add to calendar" links for Google Calendar and Outlook. They carry the
 * event's own details only (title, times, place, a short text, the page's
 * address): no private link, no tracking parameter.
 */
export interface CalendarLinkEvent {
  title: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  startDate: string | null;
  endDate: string | null;
  timeZone: string;
  location: string;
  details: string;
}

const utc = (value: Date) => DateTime.fromJSDate(value, { zone: "UTC" });

export function googleCalendarUrl(event: CalendarLinkEvent): string {
  const dates =
    event.allDay && event.startDate && event.endDate
      ? `${event.startDate.replaceAll("-", "")}/${DateTime.fromISO(event.endDate).plus({ days: 1 }).toFormat("yyyyMMdd")}`
      : `${utc(event.startsAt).toFormat("yyyyMMdd'T'HHmmss'Z'")}/${utc(event.endsAt).toFormat("yyyyMMdd'T'HHmmss'Z'")}`;
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates,
    ctz: event.timeZone,
    details: event.details,
    location: event.location,
  });
  return `https://calendar.google.com/calendar/render?${params}`;
}

export function outlookCalendarUrl(event: CalendarLinkEvent): string {
  const allDay = event.allDay && event.startDate && event.endDate;
  const params = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: allDay ? event.startDate! : utc(event.startsAt).toISO({ suppressMilliseconds: true })!,
    enddt: allDay
      ? DateTime.fromISO(event.endDate!).plus({ days: 1 }).toISODate()!
      : utc(event.endsAt).toISO({ suppressMilliseconds: true })!,
    allday: allDay ? "true" : "false",
    body: event.details,
    location: event.location,
  });
  return `https://outlook.live.com/calendar/0/action/compose?${params}`;
}
