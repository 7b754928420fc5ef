import type { Insertable, Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database, SpeakerInvitationsTable } from "../types";

/**
 * A few speaker invitations on the demo network's first published upcoming
 * events (seeded by demo-events), in the states organisers meet: accepted
 * under a pseudonym, maybe with needs, and still waiting. Nothing is seeded
 * when there are no such events. No e-mail is sent: "Resend" on the speakers
 * page puts a working link in the demo mailbox.
 */
export async function seedDemoSpeakers(db: Kysely<Database>, networkId: string, now: Date) {
  const events = await db
    .selectFrom("events")
    .select(["id", "time_zone", "starts_at", "ends_at"])
    .where("network_id", "=", networkId)
    .where("status", "=", "published")
    .where("starts_at", ">", now)
    .orderBy("starts_at")
    .limit(2)
    .execute();
  const organiser = await db.selectFrom("users").select("id").where("email", "=", "organiser@demo.example.org").executeTakeFirst();
  for (const [index, event] of events.entries()) {
    const eventDay = DateTime.fromJSDate(event.starts_at, { zone: event.time_zone });
    const replyBy = DateTime.min(eventDay, DateTime.fromJSDate(now, { zone: event.time_zone }).plus({ days: 10 })).toISODate()!;
    const base = {
      network_id: networkId,
      event_id: event.id,
      invited_by: organiser?.id ?? null,
      locale: "en",
      reply_by: replyBy,
      invited_at: now,
      last_contact_at: now,
    } satisfies Partial<Insertable<SpeakerInvitationsTable>>;
    const invitations: Insertable<SpeakerInvitationsTable>[] = [
      {
        ...base,
        name: "Rosa Demo",
        email: `rosa+${index}@speakers.example.org`,
        role: "speaker",
        session_title: "What peer-run naloxone programmes taught us",
        status: "accepted",
        responded_at: now,
        display_name: "Rosa R.",
        pronouns: "she/her",
        organisation: "Lisbon Harm Reduction Collective",
        bio: "Peer worker and trainer for ten years.",
        consent_list_name: true,
        consent_photos: true,
      },
      {
        ...base,
        name: "Jonas Demo",
        email: `jonas+${index}@speakers.example.org`,
        role: "panellist",
        session_title: "Drug checking across borders",
        status: "tentative",
        responded_at: now,
        response_note: "Waiting to hear about travel funding.",
        needs_travel: "Train from Berlin, one night's stay.",
      },
      {
        ...base,
        name: "Mira Demo",
        email: `mira+${index}@speakers.example.org`,
        role: "moderator",
        session_title: "Closing discussion",
      },
    ];
    await db.insertInto("speaker_invitations").values(invitations).execute();
  }
}
