import { sql, type Kysely } from "kysely";
import type { Database, EventMode, EventStatus, ImportedValues } from "~db/types";
import type { EventChange } from "~/jobs/queues";
import { recordEventChange } from "~/modules/events/changes.server";
import type { ParsedOccurrence } from "./parse.server";

/**
 * Brings a source's occurrences into Daymark's events, in the caller's
 * transaction. Each field group (title, description, time, place, status) is
 * taken from the source only when the source changed it since the last
 * import, so an organiser's edit of another field is kept. A change of time,
 * place or status raises the event's SEQUENCE by one and, for a published
 * event, goes through recordEventChange like any edit (attendees, speakers
 * and feeds follow). Events cancelled in the source, or gone from it before
 * they ended, are cancelled, never deleted.
 */

export interface ImportingSource {
  id: string;
  networkId: string;
  partnerId: string;
  partnerName: string;
  partnerCountry: string;
  campaignId: string | null;
  languages: string[];
  mode: EventMode;
  publishDirectly: boolean;
  keywords: string[];
}

export interface SyncCounts {
  created: number;
  updated: number;
  cancelled: number;
}

type Place = ImportedValues["place"];
type Time = ImportedValues["time"];

/** Only events that mention one of the source's keywords, in title, description or categories. */
export function matchesKeywords(occurrence: ParsedOccurrence, keywords: string[]): boolean {
  if (keywords.length === 0) return true;
  const text = [occurrence.title, occurrence.description, ...occurrence.categories].join("\n").toLowerCase();
  return keywords.some((keyword) => text.includes(keyword));
}

function importedValues(occurrence: ParsedOccurrence, fallbackTitle: string): ImportedValues {
  const { time } = occurrence;
  return {
    title: occurrence.title || fallbackTitle,
    description: occurrence.description,
    time: {
      startsAt: time.startsAt.toISOString(),
      endsAt: time.endsAt.toISOString(),
      allDay: time.allDay,
      startDate: time.startDate,
      endDate: time.endDate,
      timeZone: time.timeZone,
    },
    place: occurrence.place,
    status: occurrence.status,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** An in-person event has no meeting link column to fill, an online one no address. */
function placeFor(place: Place, mode: EventMode): Place {
  return { address: mode === "online" ? null : place.address, onlineUrl: place.onlineUrl };
}

function timeColumns(time: Time) {
  return {
    starts_at: new Date(time.startsAt),
    ends_at: new Date(time.endsAt),
    all_day: time.allDay,
    start_date: time.startDate,
    end_date: time.endDate,
    time_zone: time.timeZone,
  };
}

interface LinkedEvent {
  event_id: string;
  uid: string;
  recurrence_key: string;
  imported: ImportedValues;
  title: string;
  description: string;
  starts_at: Date;
  ends_at: Date;
  all_day: boolean;
  start_date: string | null;
  end_date: string | null;
  time_zone: string;
  mode: EventMode;
  address: string | null;
  online_url: string | null;
  status: EventStatus;
  sequence: number;
}

function currentTime(event: LinkedEvent): Time {
  return {
    startsAt: event.starts_at.toISOString(),
    endsAt: event.ends_at.toISOString(),
    allDay: event.all_day,
    startDate: event.start_date,
    endDate: event.end_date,
    timeZone: event.time_zone,
  };
}

export async function applyOccurrences(
  trx: Kysely<Database>,
  source: ImportingSource,
  occurrences: ParsedOccurrence[],
  now: Date,
): Promise<SyncCounts> {
  const counts: SyncCounts = { created: 0, updated: 0, cancelled: 0 };
  const incoming = new Map<string, ParsedOccurrence>();
  for (const occurrence of occurrences) {
    if (matchesKeywords(occurrence, source.keywords)) incoming.set(`${occurrence.uid}\n${occurrence.recurrenceKey}`, occurrence);
  }

  const linked = (await trx
    .selectFrom("calendar_source_events as l")
    .innerJoin("events as e", "e.id", "l.event_id")
    .select([
      "l.event_id",
      "l.uid",
      "l.recurrence_key",
      "l.imported",
      "e.title",
      "e.description",
      "e.starts_at",
      "e.ends_at",
      "e.all_day",
      "e.start_date",
      "e.end_date",
      "e.time_zone",
      "e.mode",
      "e.address",
      "e.online_url",
      "e.status",
      "e.sequence",
    ])
    .where("l.source_id", "=", source.id)
    .forUpdate()
    .execute()) as LinkedEvent[];
  const byKey = new Map(linked.map((link) => [`${link.uid}\n${link.recurrence_key}`, link]));

  for (const [key, occurrence] of incoming) {
    const values = importedValues(occurrence, source.partnerName);
    const link = byKey.get(key);
    if (link) {
      const outcome = await mergeIntoEvent(trx, source, link, values, occurrence.sequence, now);
      if (outcome) counts[outcome] += 1;
    } else if (values.status !== "cancelled") {
      await createImportedEvent(trx, source, occurrence, values);
      counts.created += 1;
    }
  }

  // Gone from the source (or no longer matching its keywords) before it ended: cancelled.
  for (const [key, link] of byKey) {
    if (incoming.has(key) || link.imported.status === "cancelled" || link.ends_at <= now) continue;
    const outcome = await mergeIntoEvent(trx, source, link, { ...link.imported, status: "cancelled" }, null, now);
    if (outcome) counts[outcome] += 1;
  }
  return counts;
}

async function createImportedEvent(trx: Kysely<Database>, source: ImportingSource, occurrence: ParsedOccurrence, values: ImportedValues) {
  const status: EventStatus = source.publishDirectly ? "published" : "pending_review";
  const place = placeFor(values.place, source.mode);
  const event = await trx
    .insertInto("events")
    .values({
      network_id: source.networkId,
      campaign_id: source.campaignId,
      host_partner_id: source.partnerId,
      submitted_by_partner_id: source.partnerId,
      title: values.title,
      description: values.description,
      ...timeColumns(values.time),
      mode: source.mode,
      address: place.address,
      country: source.mode === "online" ? null : source.partnerCountry,
      online_url: place.onlineUrl,
      languages: source.languages,
      status,
      created_by: null,
    })
    .returning(["id", "sequence"])
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("calendar_source_events")
    .values({
      event_id: event.id,
      source_id: source.id,
      uid: occurrence.uid,
      recurrence_key: occurrence.recurrenceKey,
      imported: JSON.stringify(values),
      source_sequence: occurrence.sequence,
    })
    .execute();
  if (status === "published") await recordEventChange(trx, event, "published");
}

/** What the event becomes: each field group from the source if the source changed it, else as it is now. */
async function mergeIntoEvent(
  trx: Kysely<Database>,
  source: ImportingSource,
  link: LinkedEvent,
  values: ImportedValues,
  sourceSequence: number | null,
  now: Date,
): Promise<"updated" | "cancelled" | undefined> {
  const previous = link.imported;
  const title = values.title !== previous.title ? values.title : link.title;
  const description = values.description !== previous.description ? values.description : link.description;
  const time = same(values.time, previous.time) ? currentTime(link) : values.time;
  const place = same(values.place, previous.place)
    ? { address: link.address, onlineUrl: link.online_url }
    : placeFor(values.place, link.mode);
  let status = link.status;
  if (values.status !== previous.status) {
    if (values.status === "cancelled") status = "cancelled";
    else if (link.status === "cancelled") status = source.publishDirectly ? "published" : "pending_review";
  }

  const changed = {
    time: !same(time, currentTime(link)),
    place: !same(place, { address: link.address, onlineUrl: link.online_url }),
    status: status !== link.status,
    details: title !== link.title || description !== link.description,
  };
  if (!changed.time && !changed.place && !changed.status && !changed.details) {
    if (!same(values, previous)) await saveImported(trx, link.event_id, values, sourceSequence);
    return undefined;
  }

  const bump = changed.time || changed.place || changed.status;
  const event = await trx
    .updateTable("events")
    .set({
      title,
      description,
      ...timeColumns(time),
      address: place.address,
      online_url: place.onlineUrl,
      status,
      cancelled_at: status === "cancelled" ? (link.status === "cancelled" ? sql`cancelled_at` : now) : null,
      sequence: bump ? sql`sequence + 1` : link.sequence,
      updated_at: now,
    })
    .where("id", "=", link.event_id)
    .returning(["id", "sequence"])
    .executeTakeFirstOrThrow();
  await saveImported(trx, link.event_id, values, sourceSequence);

  const change = eventChange(link.status, status, changed);
  if (change) await recordEventChange(trx, event, change);
  return changed.status && status === "cancelled" ? "cancelled" : "updated";
}

/** What people who have the event in their calendars are told; nothing while it is not published. */
function eventChange(
  before: EventStatus,
  after: EventStatus,
  changed: { time: boolean; place: boolean; details: boolean },
): EventChange | undefined {
  if (after === "cancelled") return before === "published" ? "cancelled" : undefined;
  if (after !== "published") return undefined;
  if (before !== "published") return "published";
  if (changed.time) return "rescheduled";
  if (changed.place) return "moved";
  return changed.details ? "details" : undefined;
}

async function saveImported(trx: Kysely<Database>, eventId: string, values: ImportedValues, sourceSequence: number | null) {
  await trx
    .updateTable("calendar_source_events")
    .set({
      imported: JSON.stringify(values),
      ...(sourceSequence === null ? {} : { source_sequence: sourceSequence }),
    })
    .where("event_id", "=", eventId)
    .execute();
}
