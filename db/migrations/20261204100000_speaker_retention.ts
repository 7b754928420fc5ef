import type { Kysely } from "kysely";

/**
 * Speakers' personal data follows the network's retention like registrations:
 * an invitation remembers when it was anonymised, and the messages sent to the
 * speaker about it, so that they can be blanked with it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("speaker_invitations").addColumn("anonymised_at", "timestamptz").execute();
  await db.schema
    .createTable("speaker_invitation_emails")
    .addColumn("invitation_id", "uuid", (col) => col.notNull().references("speaker_invitations.id").onDelete("cascade"))
    .addColumn("outbox_id", "uuid", (col) => col.notNull().references("email_outbox.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("speaker_invitation_emails_pkey", ["invitation_id", "outbox_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("speaker_invitation_emails").execute();
  await db.schema.alterTable("speaker_invitations").dropColumn("anonymised_at").execute();
}
