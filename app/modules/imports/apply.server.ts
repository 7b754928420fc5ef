import { randomUUID } from "node:crypto";
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

const CREATE_BATCH = 500;
const WRITE_BATCH = 500;

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
  cancelled_at: Date | null;
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
      "e.cancelled_at",
    ])
    .where("l.source_id", "=", source.id)
    .forUpdate()
    .execute()) as LinkedEvent[];
  const byKey = new Map(linked.map((link) => [`${link.uid}\n${link.recurrence_key}`, link]));

  const created: { occurrence: ParsedOccurrence; values: ImportedValues }[] = [];
  const updates: PlannedUpdate[] = [];
  const plan = (update: PlannedUpdate | undefined) => {
    if (!update) return;
    updates.push(update);
    if (update.outcome) counts[update.outcome] += 1;
  };
  for (const [key, occurrence] of incoming) {
    const values = importedValues(occurrence, source.partnerName);
    const link = byKey.get(key);
    if (link) plan(planMerge(source, link, values, occurrence.sequence, now));
    else if (values.status !== "cancelled") created.push({ occurrence, values });
  }

  // Gone from the source (or no longer matching its keywords) before it ended: cancelled.
  for (const [key, link] of byKey) {
    if (incoming.has(key) || link.imported.status === "cancelled" || link.ends_at <= now) continue;
    plan(planMerge(source, link, { ...link.imported, status: "cancelled" }, null, now));
  }
  await createImportedEvents(trx, source, created);
  await writeUpdates(trx, updates, now);
  return { ...counts, created: created.length };
}

/** New events, a few hundred rows per statement: a first import of a busy calendar is thousands of them. */
async function createImportedEvents(
  trx: Kysely<Database>,
  source: ImportingSource,
  created: { occurrence: ParsedOccurrence; values: ImportedValues }[],
) {
  const status: EventStatus = source.publishDirectly ? "published" : "pending_review";
  // Partners' calendars are taken to be written in the network's content language.
  const network = await trx.selectFrom("networks").select("content_language").where("id", "=", source.networkId).executeTakeFirstOrThrow();
  for (let start = 0; start < created.length; start += CREATE_BATCH) {
    const rows = created.slice(start, start + CREATE_BATCH).map(({ occurrence, values }) => {
      const place = placeFor(values.place, source.mode);
      const id = randomUUID();
      return {
        event: {
          id,
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
          content_language: network.content_language,
        },
        link: {
          event_id: id,
          source_id: source.id,
          uid: occurrence.uid,
          recurrence_key: occurrence.recurrenceKey,
          imported: JSON.stringify(values),
          source_sequence: occurrence.sequence,
        },
      };
    });
    await trx
      .insertInto("events")
      .values(rows.map((row) => row.event))
      .execute();
    await trx
      .insertInto("calendar_source_events")
      .values(rows.map((row) => row.link))
      .execute();
    if (status === "published") {
      for (const row of rows) await recordEventChange(trx, { id: row.event.id, sequence: 0 }, "published");
    }
  }
}

interface PlannedUpdate {
  eventId: string;
  /** The event's new columns; absent when only the imported values move on. */
  event?: {
    title: string;
    description: string;
    time: Time;
    place: Place;
    status: EventStatus;
    /** The cancellation's moment: kept when it was cancelled already, cleared when it is restored. */
    cancelledAt: string | null;
    bump: number;
  };
  imported: ImportedValues;
  sourceSequence: number | null;
  change: EventChange | undefined;
  outcome: "updated" | "cancelled" | undefined;
}

/** What the event becomes: each field group from the source if the source changed it, else as it is now. */
function planMerge(
  source: ImportingSource,
  link: LinkedEvent,
  values: ImportedValues,
  sourceSequence: number | null,
  now: Date,
): PlannedUpdate | undefined {
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
  const base = { eventId: link.event_id, imported: values, sourceSequence };
  if (!changed.time && !changed.place && !changed.status && !changed.details) {
    return same(values, previous) ? undefined : { ...base, change: undefined, outcome: undefined };
  }
  return {
    ...base,
    event: {
      title,
      description,
      time,
      place,
      status,
      cancelledAt:
        status !== "cancelled"
          ? null
          : link.status === "cancelled" && link.cancelled_at
            ? link.cancelled_at.toISOString()
            : now.toISOString(),
      bump: changed.time || changed.place || changed.status ? 1 : 0,
    },
    change: eventChange(link.status, status, changed),
    outcome: changed.status && status === "cancelled" ? "cancelled" : "updated",
  };
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

/**
 * The planned changes, a few hundred events per statement (a series moved to
 * another hour changes every occurrence), then the changes people hear of.
 */
async function writeUpdates(trx: Kysely<Database>, updates: PlannedUpdate[], now: Date) {
  for (let start = 0; start < updates.length; start += WRITE_BATCH) {
    const batch = updates.slice(start, start + WRITE_BATCH);
    const events = batch.flatMap((update) =>
      update.event
        ? [
            {
              id: update.eventId,
              title: update.event.title,
              description: update.event.description,
              ...timeColumns(update.event.time),
              address: update.event.place.address,
              online_url: update.event.place.onlineUrl,
              status: update.event.status,
              cancelled_at: update.event.cancelledAt,
              bump: update.event.bump,
            },
          ]
        : [],
    );
    const sequences = new Map<string, number>();
    if (events.length > 0) {
      const result = await sql<{ id: string; sequence: number }>`
        update events e set
          title = r.title, description = r.description,
          starts_at = r.starts_at, ends_at = r.ends_at, all_day = r.all_day,
          start_date = r.start_date, end_date = r.end_date, time_zone = r.time_zone,
          address = r.address, online_url = r.online_url,
          status = r.status, cancelled_at = r.cancelled_at,
          sequence = e.sequence + r.bump, updated_at = ${now},
          -- A new title or description from the source makes the event's translations older.
          content_updated_at = case when (e.title, e.description) is distinct from (r.title, r.description)
            then ${now} else e.content_updated_at end
        from jsonb_to_recordset(${JSON.stringify(events)}::jsonb) as r(
          id uuid, title text, description text, starts_at timestamptz, ends_at timestamptz, all_day boolean,
          start_date date, end_date date, time_zone text, address text, online_url text,
          status text, cancelled_at timestamptz, bump integer)
        where e.id = r.id
        returning e.id, e.sequence`.execute(trx);
      for (const row of result.rows) sequences.set(row.id, row.sequence);
    }
    const links = batch.map((update) => ({ event_id: update.eventId, imported: update.imported, source_sequence: update.sourceSequence }));
    await sql`
      update calendar_source_events l set
        imported = r.imported,
        source_sequence = coalesce(r.source_sequence, l.source_sequence)
      from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as r(event_id uuid, imported jsonb, source_sequence integer)
      where l.event_id = r.event_id`.execute(trx);
    for (const update of batch) {
      if (update.change) await recordEventChange(trx, { id: update.eventId, sequence: sequences.get(update.eventId)! }, update.change);
    }
  }
}
