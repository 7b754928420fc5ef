import { sql, type Kysely } from "kysely";
import { stringify } from "csv-stringify/sync";
import type { Database, RegistrationStatus } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { lockEvent, type RegistrationEvent } from "./events.server";
import { notifyAttendee } from "./notifications.server";
import { promoteFromWaitlist } from "./registrations.server";
import { scheduleReminder } from "./reminders.server";
import type { FormQuestion, QuestionKind } from "./registrations.schema";

export type StatusCounts = Record<RegistrationStatus, number>;

/** How many people are in each list; anonymised registrations still count. */
export async function countRegistrations(db: Kysely<Database>, eventId: string): Promise<StatusCounts> {
  const rows = await db
    .selectFrom("registrations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .where("event_id", "=", eventId)
    .groupBy("status")
    .execute();
  const counts: StatusCounts = { confirmed: 0, waitlisted: 0, cancelled: 0, attended: 0 };
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export interface AttendeeRow {
  id: string;
  name: string;
  email: string;
  locale: string;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  registeredAt: string;
  answers: Record<string, string | string[]>;
}

/**
 * The attendee list: people with a seat first, then the waitlist in order,
 * then the rest. `search` matches the name or the address.
 */
export async function listAttendees(db: Kysely<Database>, eventId: string, search = ""): Promise<AttendeeRow[]> {
  let query = db
    .selectFrom("registrations")
    .select([
      "id",
      "name",
      "email",
      "locale",
      "status",
      "waitlist_rank",
      "created_at",
      "answers",
      sql<number | null>`case when status = 'waitlisted' then row_number() over (partition by status order by waitlist_rank) end`.as(
        "position",
      ),
    ])
    .where("event_id", "=", eventId)
    .where("email", "is not", null);
  const term = search.trim().toLowerCase();
  if (term) {
    const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb(eb.fn("lower", ["name"]), "like", pattern), eb("email", "like", pattern)]));
  }
  const rows = await query
    .orderBy(sql`case status when 'attended' then 0 when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`)
    .orderBy("waitlist_rank")
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name ?? "",
    email: row.email ?? "",
    locale: row.locale,
    status: row.status,
    waitlistPosition: row.position === null ? null : Number(row.position),
    registeredAt: row.created_at.toISOString(),
    answers: row.answers,
  }));
}

export async function listQuestions(db: Kysely<Database>, eventId: string): Promise<FormQuestion[]> {
  const rows = await db
    .selectFrom("registration_questions")
    .select(["id", "label", "kind", "required", "options"])
    .where("event_id", "=", eventId)
    .orderBy("position")
    .orderBy("created_at")
    .execute();
  return rows.map((row) => ({ ...row, kind: row.kind as QuestionKind }));
}

export async function addQuestion(
  db: Kysely<Database>,
  eventId: string,
  question: { label: string; kind: QuestionKind; required: boolean; options: string[] },
) {
  const last = await db
    .selectFrom("registration_questions")
    .select((eb) => eb.fn.max("position").as("position"))
    .where("event_id", "=", eventId)
    .executeTakeFirst();
  await db
    .insertInto("registration_questions")
    .values({
      event_id: eventId,
      position: Number(last?.position ?? 0) + 1,
      label: question.label,
      kind: question.kind,
      required: question.required,
      options: question.kind.endsWith("_choice") ? question.options : [],
    })
    .execute();
}

export async function removeQuestion(db: Kysely<Database>, eventId: string, questionId: string) {
  await db.deleteFrom("registration_questions").where("event_id", "=", eventId).where("id", "=", questionId).execute();
}

/** The list as a spreadsheet: one column per question, answers as written. */
export function attendeesCsv(rows: AttendeeRow[], questions: FormQuestion[], headings: string[]): string {
  const records = rows.map((row) => [
    row.name,
    row.email,
    row.locale,
    row.status,
    row.waitlistPosition ?? "",
    row.registeredAt,
    ...questions.map((question) => {
      const answer = row.answers[question.id];
      return Array.isArray(answer) ? answer.join("; ") : (answer ?? "");
    }),
  ]);
  // Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
  const safe = records.map((record) => record.map((cell) => (typeof cell === "string" && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
  return stringify([[...headings, ...questions.map((q) => q.label)], ...safe]);
}

/** Seats and reminder delay. More seats promote the waitlist at once; a new delay schedules a new reminder. */
export async function updateRegistrationSettings(
  db: Kysely<Database>,
  input: { eventId: string; capacity: number | null; reminderHoursBefore: number | null; actorUserId: string },
  now = new Date(),
) {
  return db.transaction().execute(async (trx) => {
    const before = (await lockEvent(trx, input.eventId))!;
    await trx
      .updateTable("events")
      .set({ capacity: input.capacity, reminder_hours_before: input.reminderHoursBefore })
      .where("id", "=", input.eventId)
      .execute();
    const event: RegistrationEvent = { ...before, capacity: input.capacity, reminderHoursBefore: input.reminderHoursBefore };
    const promoted = event.status === "published" ? await promoteFromWaitlist(trx, event, now) : [];
    if (event.reminderHoursBefore !== before.reminderHoursBefore) await scheduleReminder(trx, event, now);
    await recordAudit(trx, {
      networkId: event.networkId,
      actorUserId: input.actorUserId,
      action: "registrations.settings_changed",
      subjectType: "event",
      subjectId: event.id,
      details: { capacity: input.capacity, reminderHoursBefore: input.reminderHoursBefore, promoted: promoted.length },
    });
    return { promoted: promoted.length };
  });
}

/** A message from the organisers to everyone with a seat, each in the outbox with their own manage link. */
export async function messageAttendees(
  db: Kysely<Database>,
  input: { event: RegistrationEvent; subject: string; message: string; actorUserId: string },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const recipients = await trx
      .selectFrom("registrations")
      .selectAll()
      .where("event_id", "=", input.event.id)
      .where("status", "in", ["confirmed", "attended"])
      .where("email", "is not", null)
      .execute();
    for (const registration of recipients) {
      await notifyAttendee(trx, input.event, registration, {
        kind: "message",
        subject: input.subject,
        message: input.message,
      });
    }
    await recordAudit(trx, {
      networkId: input.event.networkId,
      actorUserId: input.actorUserId,
      action: "registrations.attendees_emailed",
      subjectType: "event",
      subjectId: input.event.id,
      details: { recipients: recipients.length },
    });
    return recipients.length;
  });
}

export async function getNetworkPrivacy(db: Kysely<Database>, networkId: string) {
  return db.selectFrom("networks").select(["privacy_notice", "anonymise_after_days"]).where("id", "=", networkId).executeTakeFirstOrThrow();
}

export async function updateNetworkPrivacy(
  db: Kysely<Database>,
  input: { networkId: string; privacyNotice: string; anonymiseAfterDays: number; actorUserId: string },
) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("networks")
      .set({ privacy_notice: input.privacyNotice, anonymise_after_days: input.anonymiseAfterDays })
      .where("id", "=", input.networkId)
      .execute();
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "registrations.privacy_settings_changed",
      details: { anonymiseAfterDays: input.anonymiseAfterDays },
    });
  });
}
