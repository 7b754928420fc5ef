import type { Kysely } from "kysely";
import type { Database, EventStatus, EventVisibility } from "~db/types";
import { onlineLinkFor, type OnlineLinkReader } from "~/modules/events/online-link";
import { eventsInLanguage } from "~/modules/translations/event-translations.server";
import type { EventSummary } from "./event-summary";

/** An event with what registration needs from its network and host. */
export interface RegistrationEvent {
  id: string;
  networkId: string;
  networkSlug: string;
  networkName: string;
  privacyNotice: string;
  title: string;
  description: string;
  /** The language title and description are written in (BCP 47): the original's, or a translation's. */
  textLanguages: { title: string; description: string };
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  startDate: string | null;
  endDate: string | null;
  place: string | null;
  geo: { lat: number; lon: number } | null;
  onlineUrl: string | null;
  onlineUrlPublic: boolean;
  host: string | null;
  capacity: number | null;
  registrationOpensAt: Date | null;
  registrationClosesAt: Date | null;
  status: EventStatus;
  visibility: EventVisibility;
  sequence: number;
  reminderHoursBefore: number | null;
  anonymisedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom("events as e")
    .innerJoin("networks as n", "n.id", "e.network_id")
    .leftJoin("partner_organisations as p", "p.id", "e.host_partner_id")
    .select([
      "e.id",
      "e.network_id",
      "n.slug as network_slug",
      "n.name as network_name",
      "n.privacy_notice",
      "e.title",
      "e.description",
      "e.content_language",
      "e.time_zone",
      "e.starts_at",
      "e.ends_at",
      "e.all_day",
      "e.start_date",
      "e.end_date",
      "e.venue_name",
      "e.address",
      "e.city",
      "e.latitude",
      "e.longitude",
      "e.online_url",
      "e.online_url_public",
      "p.name as host_name",
      "e.capacity",
      "e.registration_opens_at",
      "e.registration_closes_at",
      "e.status",
      "e.visibility",
      "e.sequence",
      "e.reminder_hours_before",
      "e.registrations_anonymised_at",
      "e.created_at",
      "e.updated_at",
    ]);
}

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof baseQuery>["executeTakeFirst"]>>>;

function toEvent(row: Row): RegistrationEvent {
  const place = [row.venue_name, row.address, row.city].filter((part) => part && part.trim()).join(", ");
  return {
    id: row.id,
    networkId: row.network_id,
    networkSlug: row.network_slug,
    networkName: row.network_name,
    privacyNotice: row.privacy_notice,
    title: row.title,
    description: row.description,
    textLanguages: { title: row.content_language, description: row.content_language },
    timeZone: row.time_zone,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    allDay: row.all_day,
    startDate: row.start_date,
    endDate: row.end_date,
    place: place || null,
    geo: row.latitude !== null && row.longitude !== null ? { lat: row.latitude, lon: row.longitude } : null,
    onlineUrl: row.online_url,
    onlineUrlPublic: row.online_url_public,
    host: row.host_name,
    capacity: row.capacity,
    registrationOpensAt: row.registration_opens_at,
    registrationClosesAt: row.registration_closes_at,
    status: row.status,
    visibility: row.visibility,
    sequence: row.sequence,
    reminderHoursBefore: row.reminder_hours_before,
    anonymisedAt: row.registrations_anonymised_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** An event of a network, or undefined (also for another network's event). */
export async function findNetworkEvent(db: Kysely<Database>, networkId: string, eventId: string) {
  const row = await baseQuery(db).where("e.id", "=", eventId).where("e.network_id", "=", networkId).executeTakeFirst();
  return row ? toEvent(row) : undefined;
}

export async function findEvent(db: Kysely<Database>, eventId: string) {
  const row = await baseQuery(db).where("e.id", "=", eventId).executeTakeFirst();
  return row ? toEvent(row) : undefined;
}

/**
 * Takes the event's row lock for the rest of the transaction: every change to
 * its seats goes through here, so they happen one after the other, in the
 * order the transactions obtained the lock.
 */
export async function lockEvent(trx: Kysely<Database>, eventId: string) {
  const row = await baseQuery(trx).where("e.id", "=", eventId).forUpdate("e").executeTakeFirst();
  return row ? toEvent(row) : undefined;
}

export async function findEvents(db: Kysely<Database>, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  const rows = await baseQuery(db).where("e.id", "in", eventIds).orderBy("e.starts_at").execute();
  return rows.map(toEvent);
}

/**
 * The event in the first of `preferences` it is written in (else the first of
 * `fallbacks`, else its original): a translation's title and description.
 */
export async function eventInLanguage(
  db: Kysely<Database>,
  event: RegistrationEvent,
  preferences: readonly string[],
  fallbacks: readonly string[] = [],
): Promise<RegistrationEvent> {
  if (preferences.length === 0 && fallbacks.length === 0) return event;
  const original = {
    id: event.id,
    title: event.title,
    description: event.description,
    accessibility_notes: "",
    content_language: event.textLanguages.title,
  };
  const shown = (await eventsInLanguage(db, [original], preferences, fallbacks)).get(event.id)!;
  return {
    ...event,
    title: shown.title.text,
    description: shown.description.text,
    textLanguages: { title: shown.title.language, description: shown.description.language },
  };
}

/** What the reader may see; the online link only when public or the reader is entitled to it. */
export function summarise(event: RegistrationEvent, reader: OnlineLinkReader): EventSummary {
  return {
    id: event.id,
    title: event.title,
    titleLanguage: event.textLanguages.title,
    timeZone: event.timeZone,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    allDay: event.allDay,
    startDate: event.startDate,
    endDate: event.endDate,
    place: event.place,
    onlineUrl: onlineLinkFor(event, reader),
    host: event.host,
    networkName: event.networkName,
  };
}

export type RegistrationWindow = "open" | "not-published" | "not-yet-open" | "closed";

/** Whether people may register now: published, inside its window, and not yet started. */
export function registrationWindow(event: RegistrationEvent, now: Date): RegistrationWindow {
  if (event.status !== "published" || event.anonymisedAt) return "not-published";
  if (event.registrationOpensAt && now < event.registrationOpensAt) return "not-yet-open";
  const closesAt = event.registrationClosesAt ?? event.startsAt;
  if (now >= closesAt || now >= event.startsAt) return "closed";
  return "open";
}
