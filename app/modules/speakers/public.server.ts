import type { Kysely } from "kysely";
import type { Database, MembershipRole } from "~db/types";
import { roleAtLeast } from "~/modules/networks/networks.schema";

/**
 * The public speakers of an event: accepted speakers who agreed to be listed,
 * with only their public profile. Nothing else (no e-mail, no legal name, no
 * needs) leaves here. The caller decides whether the event itself is public.
 */
export async function listPublicSpeakers(db: Kysely<Database>, eventId: string) {
  const rows = await db
    .selectFrom("speaker_invitations")
    .select([
      "id",
      "display_name",
      "pronouns",
      "organisation",
      "bio",
      "role",
      "session_title",
      "slot_starts_at",
      "slot_ends_at",
      "consent_photos",
      "consent_recording",
    ])
    .where("event_id", "=", eventId)
    .where("status", "=", "accepted")
    .where("consent_list_name", "=", true)
    .orderBy("slot_starts_at", (ob) => ob.asc().nullsLast())
    .orderBy("display_name")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    displayName: row.display_name,
    pronouns: row.pronouns,
    organisation: row.organisation,
    bio: row.bio,
    role: row.role,
    sessionTitle: row.session_title,
    slotStartsAt: row.slot_starts_at?.toISOString() ?? null,
    slotEndsAt: row.slot_ends_at?.toISOString() ?? null,
    photosAllowed: row.consent_photos,
    recordingAllowed: row.consent_recording,
  }));
}
export type PublicSpeaker = Awaited<ReturnType<typeof listPublicSpeakers>>[number];

/** An event of the network anyone may read: published (or cancelled, still shown) and not partners-only. */
export async function findPublicEvent(db: Kysely<Database>, networkId: string, eventId: string) {
  return db
    .selectFrom("events")
    .select(["id", "title", "time_zone", "starts_at", "ends_at", "all_day", "start_date", "end_date", "status", "visibility"])
    .where("id", "=", eventId)
    .where("network_id", "=", networkId)
    .executeTakeFirst();
}

/** Who may read an event's public speakers: anyone for a published public or unlisted event, members otherwise. */
export function mayReadEvent(event: { status: string; visibility: string }, role: MembershipRole | null): boolean {
  if (event.status === "published" || event.status === "cancelled") {
    return event.visibility !== "partners" || (role !== null && roleAtLeast(role, "partner"));
  }
  return role !== null && roleAtLeast(role, "organiser");
}
