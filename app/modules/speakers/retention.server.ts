import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { blankOutboxMessages } from "~/modules/mail/erasure.server";

/**
 * Speakers follow the network's retention like registrations: once an event
 * ended more than `anonymise_after_days` ago, its invitations lose the
 * speaker's name, address, profile, consents, notes and needs, their private
 * links stop working, and the messages about them are blanked. Status, role,
 * session title and slot stay, for the programme's history and the counts.
 * Run by the maintenance job, with the registrations' anonymisation.
 */
export async function anonymiseEndedSpeakers(db: Kysely<Database>, now = new Date()) {
  const due = await db
    .selectFrom("speaker_invitations as s")
    .innerJoin("events as e", "e.id", "s.event_id")
    .innerJoin("networks as n", "n.id", "s.network_id")
    .select(["s.event_id", "s.network_id"])
    .distinct()
    .where("s.anonymised_at", "is", null)
    .where(sql<boolean>`e.ends_at + make_interval(days => n.anonymise_after_days) <= ${now}`)
    .execute();
  let invitations = 0;
  for (const event of due) {
    await db.transaction().execute(async (trx) => {
      const ids = (
        await trx
          .selectFrom("speaker_invitations")
          .select("id")
          .where("event_id", "=", event.event_id)
          .where("anonymised_at", "is", null)
          .orderBy("id")
          .forUpdate()
          .execute()
      ).map((row) => row.id);
      if (ids.length === 0) return;
      const messages = await trx.selectFrom("speaker_invitation_emails").select("outbox_id").where("invitation_id", "in", ids).execute();
      const blanked = await blankOutboxMessages(
        trx,
        messages.map((m) => m.outbox_id),
      );
      await trx.deleteFrom("speaker_invitation_links").where("invitation_id", "in", ids).execute();
      await trx
        .updateTable("speaker_invitations")
        .set({
          name: "",
          email: "",
          display_name: "",
          pronouns: "",
          organisation: "",
          bio: "",
          message: "",
          response_note: "",
          needs_travel: "",
          needs_accessibility: "",
          needs_interpretation: "",
          consent_list_name: false,
          consent_photos: false,
          consent_recording: false,
          anonymised_at: now,
          updated_at: now,
        })
        .where("id", "in", ids)
        .execute();
      await recordAudit(trx, {
        networkId: event.network_id,
        action: "speakers.anonymised",
        subjectType: "event",
        subjectId: event.event_id,
        details: { invitations: ids.length, messages: blanked },
      });
      invitations += ids.length;
    });
  }
  return { events: due.length, invitations };
}
