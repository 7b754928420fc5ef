import type { Kysely } from "kysely";
import type { Database, OutboxAttachment, RegistrationStatus } from "~db/types";
import { buildCalendar, hostOf, type CalendarEvent } from "~/modules/calendar/ical.server";
import { onlineLinkFor, type OnlineLinkReader } from "~/modules/events/online-link";
import { getEnv } from "~/utils/env.server";
import { markdownToPlainText } from "~/utils/markdown.server";
import { findEvents, type RegistrationEvent } from "./events.server";

/** The network signs invitations; its address is the app's sender address. */
export function organizerFor(networkName: string): { name: string; email: string } {
  const from = getEnv().mailFrom;
  const email = from.match(/<([^>]+)>/)?.[1] ?? from.trim();
  return { name: networkName, email };
}

export function eventPageUrl(event: Pick<RegistrationEvent, "id" | "networkSlug">): string {
  return `${getEnv().appUrl}/n/${event.networkSlug}/events/${event.id}`;
}

/** The event as an attendee's calendar holds it: the online link only when the attendee is entitled to it. */
export function attendeeCalendarEvent(event: RegistrationEvent, reader: OnlineLinkReader): CalendarEvent {
  const onlineUrl = onlineLinkFor(event, reader);
  const description = [markdownToPlainText(event.description), onlineUrl ?? ""].filter(Boolean).join("\n\n");
  return {
    id: event.id,
    title: event.title,
    description,
    timeZone: event.timeZone,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    allDay: event.allDay,
    startDate: event.startDate,
    endDate: event.endDate,
    status: event.status === "cancelled" ? "cancelled" : "confirmed",
    sequence: event.sequence,
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
    location: event.place ?? onlineUrl,
    geo: event.geo,
    url: eventPageUrl(event),
    languages: { summary: event.textLanguages.title, description: event.textLanguages.description },
  };
}

/** An iMIP invitation (RFC 6047) for one attendee: REQUEST adds or updates the entry, CANCEL removes it. */
export function invitationAttachment(
  event: RegistrationEvent,
  method: "REQUEST" | "CANCEL",
  attendee: { name: string; email: string },
  reader: OnlineLinkReader,
): OutboxAttachment {
  const text = buildCalendar([attendeeCalendarEvent(event, reader)], {
    method,
    host: hostOf(getEnv().appUrl),
    organizer: organizerFor(event.networkName),
    attendee,
  });
  return {
    filename: "invite.ics",
    contentType: `text/calendar; method=${method}; charset=utf-8`,
    contentBase64: Buffer.from(text, "utf8").toString("base64"),
  };
}

/** One event as a file to download (PUBLISH: a plain calendar entry). */
export function eventFile(event: RegistrationEvent, reader: OnlineLinkReader): string {
  return buildCalendar([attendeeCalendarEvent(event, reader)], {
    method: "PUBLISH",
    host: hostOf(getEnv().appUrl),
    organizer: organizerFor(event.networkName),
  });
}

/**
 * The personal feed behind a manage link: every event of the network this
 * address holds a seat for. Anonymised registrations have no address and
 * drop out by themselves.
 */
export async function personalFeed(
  db: Kysely<Database>,
  owner: { networkId: string; networkName: string; email: string },
): Promise<string> {
  const rows = await db
    .selectFrom("registrations")
    .select(["event_id", "status"])
    .where("network_id", "=", owner.networkId)
    .where("email", "=", owner.email)
    .where("status", "in", ["confirmed", "attended"])
    .execute();
  const events = await findEvents(
    db,
    rows.map((row) => row.event_id),
  );
  const statuses = new Map(rows.map((row) => [row.event_id, row.status]));
  return buildCalendar(
    events.map((event) => attendeeCalendarEvent(event, { kind: "attendee", status: statuses.get(event.id)! })),
    { method: "PUBLISH", host: hostOf(getEnv().appUrl), organizer: organizerFor(owner.networkName), name: owner.networkName },
  );
}

/** The .ics behind a manage link: the registration's own event, or every event of the address (the feed). */
export async function calendarForRegistration(
  db: Kysely<Database>,
  registration: { event_id: string; network_id: string; email: string | null; status: RegistrationStatus },
  scope: "event" | "feed",
): Promise<string | undefined> {
  if (!registration.email) return undefined;
  if (scope === "event") {
    const [event] = await findEvents(db, [registration.event_id]);
    return event ? eventFile(event, { kind: "attendee", status: registration.status }) : undefined;
  }
  const network = await db.selectFrom("networks").select("name").where("id", "=", registration.network_id).executeTakeFirstOrThrow();
  return personalFeed(db, { networkId: registration.network_id, networkName: network.name, email: registration.email });
}
