import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, Event, EventStatus, MembershipRole } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import { recordEventChange } from "./changes.server";
import { eventInstants, instantToLocalInput, localDateTimeToInstant, localEventTimes, type LocalEventTimes } from "./event-times";
import type { EventInput } from "./events.schema";

/**
 * Events: create, edit, publish, postpone and cancel, with the rules on who
 * may do what. Every change to a published event's time, place or status
 * raises its `sequence` and is recorded (recordEventChange) in the same
 * transaction; its id, which is also its iCalendar UID, never changes.
 */

/** Who is looking: their role in the network and, for partner contacts, their organisation. */
export interface EventActor {
  userId: string;
  role: MembershipRole;
  partnerId: string | null;
}

export type FieldErrors = Partial<Record<keyof EventInput, string[]>>;

const TIME_COLUMNS = ["starts_at", "ends_at", "all_day", "start_date", "end_date", "time_zone"] as const;
const PLACE_COLUMNS = ["mode", "venue_name", "address", "city", "country", "online_url"] as const;
/** The texts translations hold (app/modules/translations). */
const TRANSLATED_COLUMNS = ["title", "description", "accessibility_notes"] as const;

type EventColumns = ReturnType<typeof eventColumns>;

/** The database columns of a valid form (EventFormSchema has checked the times). */
export function eventColumns(input: EventInput) {
  const instants = eventInstants(input as LocalEventTimes)!;
  const zone = input.timeZone;
  return {
    title: input.title,
    description: input.description ?? "",
    time_zone: zone,
    starts_at: instants.startsAt,
    ends_at: instants.endsAt,
    all_day: input.allDay ?? false,
    start_date: instants.startDate,
    end_date: instants.endDate,
    mode: input.mode,
    venue_name: input.mode === "online" ? null : (input.venueName ?? null),
    address: input.mode === "online" ? null : (input.address ?? null),
    city: input.mode === "online" ? null : (input.city ?? null),
    country: input.mode === "online" ? null : (input.country ?? null),
    online_url: input.mode === "in_person" ? null : (input.onlineUrl ?? null),
    online_url_public: input.mode === "in_person" ? false : (input.onlineUrlPublic ?? false),
    capacity: input.capacity ?? null,
    registration_opens_at: input.registrationOpens ? (localDateTimeToInstant(input.registrationOpens, zone) ?? null) : null,
    registration_closes_at: input.registrationCloses ? (localDateTimeToInstant(input.registrationCloses, zone) ?? null) : null,
    languages: input.languages ?? [],
    interpretation: input.interpretation ?? "",
    accessibility: input.accessibility ?? [],
    accessibility_notes: input.accessibilityNotes ?? "",
    anonymity_policy: input.anonymityPolicy ?? "",
    campaign_id: input.campaignId ?? null,
    visibility: input.visibility,
  };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

export function describeChange(before: Event, after: EventColumns) {
  return {
    time: TIME_COLUMNS.some((column) => !sameValue(before[column], after[column])),
    place: PLACE_COLUMNS.some((column) => !sameValue(before[column], after[column])),
  };
}

/**
 * Host, co-hosts and campaign must belong to the network; a partner may only
 * submit under a published campaign. Returns the form errors, if any.
 */
export async function checkReferences(
  db: Kysely<Database>,
  networkId: string,
  input: Pick<EventInput, "hostPartnerId" | "cohostIds" | "campaignId">,
  { partnerSubmission }: { partnerSubmission: boolean },
): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  const partnerIds = [...new Set([...(input.hostPartnerId ? [input.hostPartnerId] : []), ...(input.cohostIds ?? [])])];
  if (partnerIds.length > 0) {
    const found = await db
      .selectFrom("partner_organisations")
      .select("id")
      .where("network_id", "=", networkId)
      .where("id", "in", partnerIds)
      .execute();
    const known = new Set(found.map((row) => row.id));
    if (input.hostPartnerId && !known.has(input.hostPartnerId)) errors.hostPartnerId = ["validation.choose"];
    if ((input.cohostIds ?? []).some((id) => !known.has(id))) errors.cohostIds = ["validation.choose"];
  }
  if (input.campaignId) {
    const campaign = await db
      .selectFrom("campaigns")
      .select("status")
      .where("network_id", "=", networkId)
      .where("id", "=", input.campaignId)
      .executeTakeFirst();
    if (!campaign || (partnerSubmission && campaign.status !== "published")) errors.campaignId = ["validation.choose"];
  } else if (partnerSubmission) {
    errors.campaignId = ["events.validation.campaignRequired"];
  }
  return errors;
}

async function replaceCohosts(trx: Kysely<Database>, eventId: string, cohostIds: string[], hostId: string | null) {
  await trx.deleteFrom("event_cohosts").where("event_id", "=", eventId).execute();
  const ids = cohostIds.filter((id) => id !== hostId);
  if (ids.length > 0) {
    await trx
      .insertInto("event_cohosts")
      .values(ids.map((partner_id) => ({ event_id: eventId, partner_id })))
      .execute();
  }
}

/**
 * A new event. Organisers create drafts or publish at once; a partner
 * contact's event is hosted by their organisation and waits for review.
 */
export async function createEvent(
  db: Kysely<Database>,
  input: { networkId: string; actor: EventActor; values: EventInput; publish: boolean },
): Promise<{ id: string; status: EventStatus }> {
  const { actor, values } = input;
  const byPartner = !roleAtLeast(actor.role, "organiser");
  const status: EventStatus = byPartner ? "pending_review" : input.publish ? "published" : "draft";
  const hostPartnerId = byPartner ? actor.partnerId : (values.hostPartnerId ?? null);
  return db.transaction().execute(async (trx) => {
    const event = await trx
      .insertInto("events")
      .values({
        ...eventColumns(values),
        network_id: input.networkId,
        host_partner_id: hostPartnerId,
        submitted_by_partner_id: byPartner ? actor.partnerId : null,
        status,
        created_by: actor.userId,
        // Written in the network's content language: the original its translations are made from.
        content_language: sql<string>`(select content_language from networks where id = ${input.networkId})`,
      })
      .returning(["id", "sequence"])
      .executeTakeFirstOrThrow();
    await replaceCohosts(trx, event.id, values.cohostIds ?? [], hostPartnerId);
    if (status === "published") await recordEventChange(trx, event, "published");
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: actor.userId,
      action: byPartner ? "event.submitted" : status === "published" ? "event.published" : "event.created",
      subjectType: "event",
      subjectId: event.id,
    });
    return { id: event.id, status };
  });
}

/** An event of the network by id (the caller has checked the id is a uuid). */
export async function getEvent(db: Kysely<Database>, networkId: string, eventId: string) {
  return db.selectFrom("events").selectAll().where("network_id", "=", networkId).where("id", "=", eventId).executeTakeFirst();
}

export async function getCohostIds(db: Kysely<Database>, eventId: string): Promise<string[]> {
  const rows = await db.selectFrom("event_cohosts").select("partner_id").where("event_id", "=", eventId).execute();
  return rows.map((row) => row.partner_id);
}

/** Organisers edit every event; a partner contact only those their organisation submitted. */
export function canEditEvent(actor: EventActor, event: Pick<Event, "submitted_by_partner_id">): boolean {
  if (roleAtLeast(actor.role, "organiser")) return true;
  return actor.partnerId !== null && event.submitted_by_partner_id === actor.partnerId;
}

export type UpdateOutcome =
  { ok: true; status: EventStatus; sequence: number; flagged: boolean } | { ok: false; reason: "not-found" | "forbidden" | "cancelled" };

/**
 * Saves an edit. A change to the time or place of a published event raises
 * its sequence and is recorded; made by a partner it is published at once
 * and flagged to organisers. A partner's edit of an event not yet published
 * (or sent back) goes to review again.
 */
export async function updateEvent(
  db: Kysely<Database>,
  input: { networkId: string; eventId: string; actor: EventActor; values: EventInput; publish?: boolean },
): Promise<UpdateOutcome> {
  const { actor, values } = input;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("events")
      .selectAll()
      .where("network_id", "=", input.networkId)
      .where("id", "=", input.eventId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return { ok: false, reason: "not-found" };
    if (!canEditEvent(actor, before)) return { ok: false, reason: "forbidden" };
    if (before.status === "cancelled") return { ok: false, reason: "cancelled" };

    const byPartner = !roleAtLeast(actor.role, "organiser");
    const columns = eventColumns(values);
    const changed = describeChange(before, columns);
    const wasPublished = before.status === "published";
    let status: EventStatus = before.status;
    if (byPartner && !wasPublished) status = "pending_review";
    if (!byPartner && input.publish) status = "published";
    const statusChanged = status !== before.status;
    const bump = statusChanged || (wasPublished && (changed.time || changed.place));
    const flagged = byPartner && wasPublished && (changed.time || changed.place);
    // Translations are made from these texts: a change to one of them makes every translation older.
    const textsChanged = TRANSLATED_COLUMNS.some((column) => before[column] !== columns[column]);

    const after = await trx
      .updateTable("events")
      .set({
        ...columns,
        // A partner keeps their organisation as host.
        host_partner_id: byPartner ? before.host_partner_id : (values.hostPartnerId ?? null),
        status,
        sequence: bump ? sql`sequence + 1` : before.sequence,
        partner_changed_at: flagged ? new Date() : before.partner_changed_at,
        updated_at: new Date(),
        content_updated_at: textsChanged ? new Date() : before.content_updated_at,
      })
      .where("id", "=", before.id)
      .returning(["id", "sequence", "host_partner_id"])
      .executeTakeFirstOrThrow();
    await replaceCohosts(trx, after.id, values.cohostIds ?? [], after.host_partner_id);

    if (statusChanged && status === "published") {
      await recordEventChange(trx, after, "published");
    } else if (wasPublished) {
      const change = changed.time ? "rescheduled" : changed.place ? "moved" : "details";
      await recordEventChange(trx, after, change);
    }
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: actor.userId,
      action: statusChanged && status === "published" ? "event.published" : "event.updated",
      subjectType: "event",
      subjectId: after.id,
      details: { time: changed.time, place: changed.place, flagged },
    });
    return { ok: true, status, sequence: after.sequence, flagged };
  });
}

export type StatusOutcome = { ok: true; sequence: number } | { ok: false; reason: "not-found" | "conflict" };

/**
 * Moves an event from one of `from` to `to` in one conditional UPDATE, so two
 * organisers pressing at once change it once: the second gets a conflict.
 */
async function transition(
  trx: Transaction<Database>,
  input: { networkId: string; eventId: string; from: EventStatus[]; to: EventStatus; extra?: Record<string, unknown> },
) {
  return trx
    .updateTable("events")
    .set({ ...input.extra, status: input.to, sequence: sql`sequence + 1`, updated_at: new Date() })
    .where("network_id", "=", input.networkId)
    .where("id", "=", input.eventId)
    .where("status", "in", input.from)
    .returning(["id", "sequence", "title", "created_by", "submitted_by_partner_id"])
    .executeTakeFirst();
}

export async function publishEvent(
  db: Kysely<Database>,
  input: { networkId: string; eventId: string; actorUserId: string },
): Promise<StatusOutcome> {
  return db.transaction().execute(async (trx) => {
    const event = await transition(trx, { ...input, from: ["draft", "pending_review"], to: "published" });
    if (!event) return { ok: false, reason: (await getEvent(trx, input.networkId, input.eventId)) ? "conflict" : "not-found" };
    await recordEventChange(trx, event, "published");
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "event.published",
      subjectType: "event",
      subjectId: event.id,
    });
    return { ok: true, sequence: event.sequence };
  });
}

/** Cancelled events stay visible, marked cancelled, in the calendar and in feeds. */
export async function cancelEvent(
  db: Kysely<Database>,
  input: { networkId: string; eventId: string; actorUserId: string },
): Promise<StatusOutcome> {
  return db.transaction().execute(async (trx) => {
    const before = await getEvent(trx, input.networkId, input.eventId);
    if (!before) return { ok: false, reason: "not-found" };
    const event = await transition(trx, {
      ...input,
      from: ["draft", "pending_review", "published"],
      to: "cancelled",
      extra: { cancelled_at: new Date() },
    });
    if (!event) return { ok: false, reason: "conflict" };
    if (before.status === "published") await recordEventChange(trx, event, "cancelled");
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "event.cancelled",
      subjectType: "event",
      subjectId: event.id,
    });
    return { ok: true, sequence: event.sequence };
  });
}

/** New dates for an event that is not cancelled; attendees of a published one hear of it. */
export async function postponeEvent(
  db: Kysely<Database>,
  input: { networkId: string; eventId: string; actorUserId: string; times: Omit<LocalEventTimes, "timeZone"> },
): Promise<StatusOutcome | { ok: false; reason: "invalid" }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("events")
      .selectAll()
      .where("network_id", "=", input.networkId)
      .where("id", "=", input.eventId)
      .forUpdate()
      .executeTakeFirst();
    if (!before) return { ok: false, reason: "not-found" };
    if (before.status === "cancelled") return { ok: false, reason: "conflict" };
    const instants = eventInstants({ ...input.times, timeZone: before.time_zone });
    if (!instants || instants.endsAt <= instants.startsAt) return { ok: false, reason: "invalid" };
    const event = await trx
      .updateTable("events")
      .set({
        starts_at: instants.startsAt,
        ends_at: instants.endsAt,
        all_day: input.times.allDay ?? false,
        start_date: instants.startDate,
        end_date: instants.endDate,
        sequence: sql`sequence + 1`,
        updated_at: new Date(),
      })
      .where("id", "=", before.id)
      .returning(["id", "sequence"])
      .executeTakeFirstOrThrow();
    if (before.status === "published") await recordEventChange(trx, event, "rescheduled");
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "event.postponed",
      subjectType: "event",
      subjectId: event.id,
    });
    return { ok: true, sequence: event.sequence };
  });
}

/** Form choices: the network's partner organisations and campaigns (published ones only for partners). */
export async function listEventFormChoices(db: Kysely<Database>, networkId: string, { partner }: { partner: boolean }) {
  const [partners, campaigns] = await Promise.all([
    db.selectFrom("partner_organisations").select(["id", "name"]).where("network_id", "=", networkId).orderBy("name").execute(),
    db
      .selectFrom("campaigns")
      .select(["id", "title", "status"])
      .where("network_id", "=", networkId)
      .$if(partner, (qb) => qb.where("status", "=", "published"))
      .where("status", "<>", "archived")
      .orderBy("starts_on", "desc")
      .orderBy("title")
      .execute(),
  ]);
  return { partners, campaigns };
}

const ZONE_REGIONS = /^(Europe|Africa|America|Asia|Atlantic|Australia|Indian|Pacific)\//;

/** ICU still lists some zones under their old names; people look for the current ones. */
const CURRENT_ZONE_NAMES: Record<string, string> = {
  "Europe/Kiev": "Europe/Kyiv",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
};

/** The zones an event can be in: every region's IANA zones, plus the one already chosen. */
export function eventTimeZones(current?: string): string[] {
  const zones = [
    ...new Set(
      Intl.supportedValuesOf("timeZone")
        .filter((zone) => ZONE_REGIONS.test(zone))
        .map((zone) => CURRENT_ZONE_NAMES[zone] ?? zone),
    ),
  ];
  if (current && !zones.includes(current)) zones.push(current);
  return ["UTC", ...zones.sort()];
}

/** The form's starting values for a new event: tomorrow evening, in the given zone (the partner's, else the network's). */
export function newEventDefaults(timeZone: string) {
  return {
    timeZone,
    mode: "in_person",
    visibility: "public",
    startTime: "18:00",
    endTime: "20:00",
  };
}

/** The form's values for an existing event, in its own zone. */
export function eventFormDefaults(event: Event, cohostIds: string[]) {
  const times = localEventTimes({
    startsAt: event.starts_at,
    endsAt: event.ends_at,
    allDay: event.all_day,
    startDate: event.start_date,
    endDate: event.end_date,
    timeZone: event.time_zone,
  });
  return {
    title: event.title,
    description: event.description,
    timeZone: event.time_zone,
    allDay: event.all_day,
    startDate: times.startDate,
    startTime: times.startTime ?? "",
    endDate: times.endDate,
    endTime: times.endTime ?? "",
    mode: event.mode,
    venueName: event.venue_name ?? "",
    address: event.address ?? "",
    city: event.city ?? "",
    country: event.country ?? "",
    onlineUrl: event.online_url ?? "",
    onlineUrlPublic: event.online_url_public,
    capacity: event.capacity === null ? "" : String(event.capacity),
    registrationOpens: event.registration_opens_at ? instantToLocalInput(event.registration_opens_at, event.time_zone) : "",
    registrationCloses: event.registration_closes_at ? instantToLocalInput(event.registration_closes_at, event.time_zone) : "",
    languages: event.languages.join(", "),
    interpretation: event.interpretation,
    accessibility: event.accessibility,
    accessibilityNotes: event.accessibility_notes,
    anonymityPolicy: event.anonymity_policy,
    hostPartnerId: event.host_partner_id ?? "",
    cohostIds,
    campaignId: event.campaign_id ?? "",
    visibility: event.visibility,
  };
}
