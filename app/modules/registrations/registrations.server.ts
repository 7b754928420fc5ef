import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database, Registration, RegistrationAnswers, RegistrationStatus } from "~db/types";
import { hashToken, looksLikeToken } from "~/utils/tokens.server";
import { lockEvent, registrationWindow, type RegistrationEvent, type RegistrationWindow } from "./events.server";
import { isManageToken, newManageToken } from "./links.server";
import { notifyAttendee } from "./notifications.server";
import { scheduleReminder } from "./reminders.server";
import { queueRegistrationCountsWebhook } from "~/modules/webhooks/queue.server";

export interface RegisterInput {
  networkId: string;
  eventId: string;
  name: string;
  /** Lower-cased by the form schema. */
  email: string;
  locale: string;
  /** The language the attendee read the event in; their messages give its texts in it. */
  contentLanguage?: string | null;
  answers: RegistrationAnswers;
  /** Organisers may add people outside the registration window. */
  addedByOrganiser?: boolean;
  now?: Date;
}

export type RegisterResult =
  | { ok: true; outcome: "created" | "existing"; registrationId: string; status: RegistrationStatus; position: number | null }
  | { ok: false; reason: Exclude<RegistrationWindow, "open"> | "not-found" };

const seatHolding: RegistrationStatus[] = ["confirmed", "attended"];

async function seatsTaken(trx: Kysely<Database>, eventId: string): Promise<number> {
  return (await listStats(trx, eventId)).seated;
}

/** Seats taken, people waiting and the last waitlist rank, in one query. */
async function listStats(trx: Kysely<Database>, eventId: string) {
  const row = await trx
    .selectFrom("registrations")
    .select([
      sql<number>`count(*) filter (where status in ('confirmed', 'attended'))`.as("seated"),
      sql<number>`count(*) filter (where status = 'waitlisted')`.as("waiting"),
      sql<number | null>`max(waitlist_rank)`.as("last_rank"),
    ])
    .where("event_id", "=", eventId)
    .executeTakeFirstOrThrow();
  return { seated: Number(row.seated), waiting: Number(row.waiting), lastRank: Number(row.last_rank ?? 0) };
}

async function nextWaitlistRank(trx: Kysely<Database>, eventId: string): Promise<number> {
  return (await listStats(trx, eventId)).lastRank + 1;
}

/** 1 for the first person on the waitlist; null for anyone not on it. */
export async function waitlistPosition(
  db: Kysely<Database>,
  registration: Pick<Registration, "event_id" | "status" | "waitlist_rank">,
): Promise<number | null> {
  if (registration.status !== "waitlisted" || registration.waitlist_rank === null) return null;
  const row = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("event_id", "=", registration.event_id)
    .where("status", "=", "waitlisted")
    .where("waitlist_rank", "<=", registration.waitlist_rank)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/**
 * Registers someone for an event, with a seat while there are seats and on
 * the waitlist after that. Runs under the event's row lock, so concurrent
 * registrations take seats and waitlist places in the order they got the
 * lock. The same address twice finds its registration and has its message
 * sent again: never a second seat.
 */
export async function registerAttendee(db: Kysely<Database>, input: RegisterInput): Promise<RegisterResult> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, input.eventId);
    if (!event || event.networkId !== input.networkId) return { ok: false, reason: "not-found" };
    const window = registrationWindow(event, now);
    const organiserMayAdd = input.addedByOrganiser && event.status === "published" && !event.anonymisedAt;
    if (window !== "open" && !organiserMayAdd) return { ok: false, reason: window };

    const existing = await trx
      .selectFrom("registrations")
      .selectAll()
      .where("event_id", "=", event.id)
      .where("email", "=", input.email)
      .executeTakeFirst();
    if (existing && existing.status !== "cancelled") {
      const position = await waitlistPosition(trx, existing);
      await notifyAttendee(
        trx,
        event,
        existing,
        position !== null ? { kind: "waitlisted", position } : { kind: "confirmed", promoted: false },
      );
      return { ok: true, outcome: "existing", registrationId: existing.id, status: existing.status, position };
    }

    const stats = await listStats(trx, event.id);
    const hasSeat = event.capacity === null || stats.seated < event.capacity;
    const status: RegistrationStatus = hasSeat ? "confirmed" : "waitlisted";
    const fields = {
      name: input.name,
      locale: input.locale,
      content_language: input.contentLanguage ?? null,
      answers: JSON.stringify(input.answers),
      status,
      waitlist_rank: hasSeat ? null : stats.lastRank + 1,
      calendar_sequence: hasSeat ? event.sequence : null,
      cancelled_at: null,
      updated_at: now,
    };
    let registration: Registration;
    if (existing) {
      // Someone who cancelled and comes back: the same registration, the same link.
      registration = await trx
        .updateTable("registrations")
        .set({ ...fields, reminder_sent_at: null })
        .where("id", "=", existing.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      const id = randomUUID();
      registration = await trx
        .insertInto("registrations")
        .values({
          ...fields,
          id,
          network_id: event.networkId,
          event_id: event.id,
          email: input.email,
          manage_token_hash: newManageToken(id).hash,
          // The moment the seat or waitlist place was decided: arrival order, under the lock.
          created_at: sql<Date>`clock_timestamp()`,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    // A new place is last on the waitlist.
    const position = hasSeat ? null : stats.waiting + 1;
    if (position === null) {
      await notifyAttendee(trx, event, registration, { kind: "confirmed", promoted: false });
      // The first seat schedules the event's reminder; later ones would only find it already there.
      if (stats.seated === 0) await scheduleReminder(trx, event, now);
    } else {
      await notifyAttendee(trx, event, registration, { kind: "waitlisted", position });
    }
    await queueRegistrationCountsWebhook(trx, event.id);
    return { ok: true, outcome: "created", registrationId: registration.id, status, position };
  });
}

/**
 * Gives free seats to the first people on the waitlist, in order, and tells
 * each of them. Call it with the event locked (lockEvent) in the transaction
 * that freed the seats.
 */
export async function promoteFromWaitlist(trx: Kysely<Database>, event: RegistrationEvent, now = new Date()) {
  let free: number | undefined;
  if (event.capacity !== null) {
    free = event.capacity - (await seatsTaken(trx, event.id));
    if (free <= 0) return [];
  }
  let query = trx
    .selectFrom("registrations")
    .select("id")
    .where("event_id", "=", event.id)
    .where("status", "=", "waitlisted")
    .orderBy("waitlist_rank");
  if (free !== undefined) query = query.limit(free);
  const next = await query.execute();
  const promoted: string[] = [];
  for (const { id } of next) {
    const registration = await trx
      .updateTable("registrations")
      .set({ status: "confirmed", waitlist_rank: null, calendar_sequence: event.sequence, updated_at: now })
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await notifyAttendee(trx, event, registration, { kind: "confirmed", promoted: true });
    promoted.push(id);
  }
  if (promoted.length > 0) await scheduleReminder(trx, event, now);
  return promoted;
}

/** A registration by its manage link's token: a link whose key was removed from LINK_TOKEN_KEYS opens nothing. */
export async function findRegistrationByToken(db: Kysely<Database>, token: string | undefined) {
  if (!looksLikeToken(token)) return undefined;
  const registration = await db
    .selectFrom("registrations")
    .selectAll()
    .where("manage_token_hash", "=", hashToken(token))
    .executeTakeFirst();
  return registration && isManageToken(registration.id, token) ? registration : undefined;
}

/**
 * Cancels a registration (by the attendee or an organiser), tells the person
 * (their calendar entry is removed) and, if a seat was freed, promotes the
 * next person on the waitlist.
 */
export async function cancelRegistration(db: Kysely<Database>, registrationId: string, now = new Date()) {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom("registrations").select("event_id").where("id", "=", registrationId).executeTakeFirst();
    if (!current) return { cancelled: false, promoted: [] as string[] };
    const event = (await lockEvent(trx, current.event_id))!;
    return moveRegistration(trx, event, registrationId, "cancelled", now);
  });
}

/**
 * Moves a registration between lists with the event locked: a freed seat goes
 * to the waitlist's first person; someone moved to the waitlist joins its end.
 */
export async function moveRegistration(
  trx: Kysely<Database>,
  event: RegistrationEvent,
  registrationId: string,
  status: RegistrationStatus,
  now = new Date(),
) {
  const before = await trx
    .selectFrom("registrations")
    .selectAll()
    .where("id", "=", registrationId)
    .where("event_id", "=", event.id)
    .where("email", "is not", null)
    .executeTakeFirst();
  if (!before || before.status === status) return { cancelled: false, promoted: [] as string[] };
  const after = await trx
    .updateTable("registrations")
    .set({
      status,
      waitlist_rank: status === "waitlisted" ? await nextWaitlistRank(trx, event.id) : null,
      cancelled_at: status === "cancelled" ? now : null,
      // Undoing a check-in (back to confirmed) forgets the arrival time.
      attended_at: status === "attended" ? now : status === "confirmed" ? null : before.attended_at,
      calendar_sequence: status === "confirmed" ? event.sequence : before.calendar_sequence,
      updated_at: now,
    })
    .where("id", "=", registrationId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const wasSeated = seatHolding.includes(before.status);
  if (status === "cancelled") await notifyAttendee(trx, event, after, { kind: "cancelled" });
  if (status === "confirmed" && !wasSeated) {
    await notifyAttendee(trx, event, after, { kind: "confirmed", promoted: before.status === "waitlisted" });
    await scheduleReminder(trx, event, now);
  }
  if (status === "waitlisted") {
    const position = (await waitlistPosition(trx, after))!;
    await notifyAttendee(trx, event, after, { kind: "waitlisted", position });
  }
  const promoted = wasSeated && !seatHolding.includes(status) ? await promoteFromWaitlist(trx, event, now) : [];
  await queueRegistrationCountsWebhook(trx, event.id);
  return { cancelled: status === "cancelled", promoted };
}

/** An organiser moves someone between lists (check-in marks them attended; undoing it, confirmed again). */
export async function moveAttendee(
  db: Kysely<Database>,
  input: { eventId: string; registrationId: string; status: RegistrationStatus },
  now = new Date(),
) {
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, input.eventId);
    if (!event) return { moved: false };
    const before = await trx
      .selectFrom("registrations")
      .select("status")
      .where("id", "=", input.registrationId)
      .where("event_id", "=", event.id)
      .where("email", "is not", null)
      .executeTakeFirst();
    if (!before) return { moved: false };
    await moveRegistration(trx, event, input.registrationId, input.status, now);
    return { moved: true };
  });
}

/** The attendee changes the name they go by or their language. */
export async function updateAttendeeDetails(db: Kysely<Database>, registrationId: string, details: { name: string; locale: string }) {
  await db
    .updateTable("registrations")
    .set({ name: details.name, locale: details.locale, updated_at: sql<Date>`now()` })
    .where("id", "=", registrationId)
    .where("email", "is not", null)
    .execute();
}
