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
