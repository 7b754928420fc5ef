import { sql, type Kysely } from "kysely";

/**
 * Speaker invitations: who is asked to speak at an event, their answer, the
 * public profile they agreed to show, and what only the organisers may read.
 * Each e-mail carries a link of its own (speaker_invitation_links), stored as a
 * hash, so every link the speaker received keeps working until withdrawal.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("speaker_invitations")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("event_id", "uuid", (col) => col.notNull().references("events.id").onDelete("cascade"))
    .addColumn("invited_by", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("email", "text", (col) => col.notNull())
    .addColumn("role", "text", (col) => col.notNull())
    .addColumn("session_title", "text", (col) => col.notNull())
    .addColumn("slot_starts_at", "timestamptz")
    .addColumn("slot_ends_at", "timestamptz")
    .addColumn("message", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("locale", "text", (col) => col.notNull())
    .addColumn("reply_by", "date", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull().defaultTo("invited"))
    .addColumn("response_note", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("responded_at", "timestamptz")
    .addColumn("invited_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_contact_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("reminder_count", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("withdrawn_at", "timestamptz")
    // Public profile, shown only under consent_list_name.
    .addColumn("display_name", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("bio", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("pronouns", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("organisation", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("consent_list_name", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("consent_photos", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("consent_recording", "boolean", (col) => col.notNull().defaultTo(false))
    // Private needs, for the organisers only.
    .addColumn("needs_travel", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("needs_accessibility", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("needs_interpretation", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("needs_handled_at", "timestamptz")
    // The speaker's calendar entry (UID speaker-<id>@host): whether it is in their
    // calendar, its SEQUENCE, and the event sequence it was last brought up to.
    .addColumn("calendar_active", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("calendar_sequence", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("calendar_updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("synced_event_sequence", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("speaker_invitations_email_lower_case", sql`email = lower(email)`)
    .addCheckConstraint("speaker_invitations_role", sql`role in ('speaker', 'moderator', 'panellist', 'trainer', 'performer')`)
    .addCheckConstraint("speaker_invitations_status", sql`status in ('invited', 'accepted', 'declined', 'tentative', 'withdrawn')`)
    .addCheckConstraint(
      "speaker_invitations_slot",
      sql`(slot_starts_at is null and slot_ends_at is null) or (slot_starts_at is not null and slot_ends_at > slot_starts_at)`,
    )
    .execute();
  await db.schema.createIndex("speaker_invitations_event_idx").on("speaker_invitations").column("event_id").execute();
  await db.schema.createIndex("speaker_invitations_network_email_idx").on("speaker_invitations").columns(["network_id", "email"]).execute();
  await db.schema
    .createIndex("speaker_invitations_pending_idx")
    .on("speaker_invitations")
    .column("invited_at")
    .where(sql.ref("status"), "=", "invited")
    .execute();

  await db.schema
    .createTable("speaker_invitation_links")
    .addColumn("token_hash", "text", (col) => col.primaryKey())
    .addColumn("invitation_id", "uuid", (col) => col.notNull().references("speaker_invitations.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("speaker_invitation_links_invitation_idx").on("speaker_invitation_links").column("invitation_id").execute();

  // One row per reminder kind and invitation: the primary key is what makes
  // "never twice" hold even when two workers run the reminder job at once.
  await db.schema
    .createTable("speaker_reminders")
    .addColumn("invitation_id", "uuid", (col) => col.notNull().references("speaker_invitations.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("sent_at", "timestamptz", (col) => col.notNull())
    .addPrimaryKeyConstraint("speaker_reminders_pkey", ["invitation_id", "kind"])
    .addCheckConstraint("speaker_reminders_kind", sql`kind in ('after-3-days', 'after-7-days', 'before-reply-by')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("speaker_reminders").execute();
  await db.schema.dropTable("speaker_invitation_links").execute();
  await db.schema.dropTable("speaker_invitations").execute();
}
