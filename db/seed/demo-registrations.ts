import type { Kysely } from "kysely";
import { newManageToken } from "~/modules/registrations/links.server";
import type { Database, RegistrationStatus } from "../types";

/** People who registered for the demo events: nicknames, as many attendees choose. */
const demoAttendees: { name: string; email: string; locale: string }[] = [
  { name: "Moth", email: "moth@attendees.example.org", locale: "en" },
  { name: "Camille R.", email: "camille.r@attendees.example.org", locale: "fr" },
  { name: "Kestrel", email: "kestrel@attendees.example.org", locale: "en" },
  { name: "Sasha", email: "sasha@attendees.example.org", locale: "en" },
];

/**
 * Registers the demo attendees on the first published upcoming events that
 * the events seed created (none: nothing to do). Seats and waitlist follow
 * each event's capacity. No e-mail is sent for demo people. Call it after the
 * events seed.
 */
export async function seedDemoRegistrations(db: Kysely<Database>, networkId: string, now: Date) {
  await db
    .updateTable("networks")
    .set({
      privacy_notice:
        "Demo Network keeps your name (a nickname is fine), e-mail address and answers only to run the event you register for, and deletes them 30 days after it ends. Write to privacy@demo.example.org to see or erase what we hold.",
    })
    .where("id", "=", networkId)
    .execute();
  const events = await db
    .selectFrom("events")
    .select(["id", "capacity", "sequence"])
    .where("network_id", "=", networkId)
    .where("status", "=", "published")
    .where("starts_at", ">", now)
    .orderBy("starts_at")
    .limit(3)
    .execute();
  for (const event of events) {
    let seated = 0;
    let rank = 0;
    for (const attendee of demoAttendees) {
      const hasSeat = event.capacity === null || seated < event.capacity;
      const status: RegistrationStatus = hasSeat ? "confirmed" : "waitlisted";
      if (hasSeat) seated++;
      const { id } = await db
        .insertInto("registrations")
        .values({
          network_id: networkId,
          event_id: event.id,
          ...attendee,
          status,
          waitlist_rank: hasSeat ? null : ++rank,
          calendar_sequence: hasSeat ? event.sequence : null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .updateTable("registrations")
        .set({ manage_token_hash: newManageToken(id).hash })
        .where("id", "=", id)
        .execute();
    }
  }
}
