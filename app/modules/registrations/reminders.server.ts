import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues, type JobPayloads } from "~/jobs/queues";
import { lockEvent, type RegistrationEvent } from "./events.server";
import { notifyAttendee } from "./notifications.server";

/**
 * When the reminder goes out: a fixed number of hours of real time before the
 * start, computed on instants, so a daylight-saving change between the two
 * neither shifts nor skips it. Null when the event has no reminder.
 */
export function reminderTime(event: Pick<RegistrationEvent, "startsAt" | "reminderHoursBefore">): Date | null {
  if (event.reminderHoursBefore === null) return null;
  return DateTime.fromJSDate(event.startsAt, { zone: "UTC" }).minus({ hours: event.reminderHoursBefore }).toJSDate();
}

/**
 * Schedules the event's reminder job at its absolute time. The singleton key
 * names the start and the delay, so many registrations schedule one job, and
 * a new time or delay schedules a new one (the old one finds itself stale).
 */
export async function scheduleReminder(trx: Kysely<Database>, event: RegistrationEvent, now = new Date()) {
  const at = reminderTime(event);
  if (!at || at <= now || event.status !== "published") return null;
  const payload: JobPayloads["registration-reminder"] = {
    eventId: event.id,
    startsAt: event.startsAt.toISOString(),
    hoursBefore: event.reminderHoursBefore!,
  };
  return enqueueJob(trx, queues.registrationReminder, payload, {
    startAfter: at,
    singletonKey: `${payload.eventId}:${payload.startsAt}:${payload.hoursBefore}`,
  });
}

/**
 * Sends the reminder to everyone with a seat who has not had it: each person
 * once, never to cancelled or waitlisted people, and nothing when the job no
 * longer matches the event's time or delay, or runs early.
 */
export async function sendReminders(db: Kysely<Database>, job: JobPayloads["registration-reminder"], now = new Date()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, job.eventId);
    if (!event || event.status !== "published" || event.anonymisedAt) return 0;
    if (event.startsAt.toISOString() !== job.startsAt || event.reminderHoursBefore !== job.hoursBefore) return 0;
    const at = reminderTime(event)!;
    if (now < at || now >= event.startsAt) return 0;
    const due = await trx
      .updateTable("registrations")
      .set({ reminder_sent_at: now })
      .where("event_id", "=", event.id)
      .where("status", "=", "confirmed")
      .where("reminder_sent_at", "is", null)
      .where("email", "is not", null)
      .returningAll()
      .execute();
    for (const registration of due) await notifyAttendee(trx, event, registration, { kind: "reminder" });
    return due.length;
  });
}
