import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import type { JobPayloads } from "~/jobs/queues";
import { lockEvent } from "./events.server";
import { notifyAttendee } from "./notifications.server";
import { promoteFromWaitlist } from "./registrations.server";
import { scheduleReminder } from "./reminders.server";

/**
 * The attendees' step of the `event-changed` job. When the time or place
 * changes, people with a seat get a REQUEST with the event's new SEQUENCE;
 * when it is cancelled, a CANCEL (waitlisted people get the news without an
 * invitation). Someone checked in early, or by mistake, still holds the seat
 * and the calendar entry, so they get both too. Each registration remembers the sequence it was last sent,
 * so a job that runs again sends nothing twice. Any change may also have
 * raised the capacity: the waitlist moves up.
 */
export async function updateAttendeesAfterChange(
  db: Kysely<Database>,
  job: JobPayloads["event-changed"],
  now = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, job.eventId);
    if (!event || event.anonymisedAt) return 0;
    const change = event.status === "cancelled" ? "cancelled" : job.change;
    let notified = 0;
    if (change === "rescheduled" || change === "moved" || change === "cancelled") {
      const recipients = await trx
        .selectFrom("registrations")
        .selectAll()
        .where("event_id", "=", event.id)
        .where("status", "in", ["confirmed", "attended", "waitlisted"])
        .where("email", "is not", null)
        .where((eb) => eb.or([eb("calendar_sequence", "is", null), eb("calendar_sequence", "<", event.sequence)]))
        .orderBy("created_at")
        .execute();
      for (const registration of recipients) {
        await trx
          .updateTable("registrations")
          .set({
            calendar_sequence: event.sequence,
            // A new time deserves a new reminder.
            ...(change === "rescheduled" ? { reminder_sent_at: null } : {}),
          })
          .where("id", "=", registration.id)
          .execute();
        await notifyAttendee(trx, event, registration, { kind: "update", change });
        notified++;
      }
    }
    if (event.status === "published") {
      await promoteFromWaitlist(trx, event, now);
      if (change === "rescheduled") await scheduleReminder(trx, event, now);
    }
    return notified;
  });
}
