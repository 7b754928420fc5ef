import { sql, type Kysely } from "kysely";

/**
 * Attendee registrations: the network's privacy notice and how long personal
 * data is kept, each event's reminder delay and questions, the registrations
 * themselves, and which outbox messages went to each registration (so that
 * anonymising an event can blank them).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("networks")
    .addColumn("privacy_notice", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("anonymise_after_days", "integer", (col) => col.notNull().defaultTo(30))
    .execute();
  await sql`alter table networks add constraint networks_anonymise_after_days check (anonymise_after_days between 1 and 3650)`.execute(db);

  await db.schema
    .alterTable("events")
    // null: no reminder.
    .addColumn("reminder_hours_before", "integer", (col) => col.defaultTo(24))
    .addColumn("registrations_anonymised_at", "timestamptz")
    .execute();
  await sql`alter table events add constraint events_reminder_hours check (reminder_hours_before between 1 and 720)`.execute(db);

  await db.schema
    .createTable("registration_questions")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("event_id", "uuid", (col) => col.notNull().references("events.id").onDelete("cascade"))
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("label", "text", (col) => col.notNull())
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("required", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("options", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("registration_questions_kind", sql`kind in ('short_text', 'long_text', 'single_choice', 'multiple_choice')`)
    .execute();
  await db.schema.createIndex("registration_questions_event_idx").on("registration_questions").columns(["event_id", "position"]).execute();

  await db.schema
    .createTable("registrations")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("event_id", "uuid", (col) => col.notNull().references("events.id").onDelete("cascade"))
    // Personal data: null once anonymised.
    .addColumn("email", "text")
    .addColumn("name", "text")
    .addColumn("answers", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("manage_token_hash", "text", (col) => col.unique())
    .addColumn("locale", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull())
    // Order on the waitlist: set when joining it, under the event's row lock.
    .addColumn("waitlist_rank", "integer")
    // The event SEQUENCE of the last calendar invitation sent to this person.
    .addColumn("calendar_sequence", "integer")
    .addColumn("reminder_sent_at", "timestamptz")
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("attended_at", "timestamptz")
    .addColumn("anonymised_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("registrations_status", sql`status in ('confirmed', 'waitlisted', 'cancelled', 'attended')`)
    .addCheckConstraint("registrations_waitlist_rank", sql`(status = 'waitlisted') = (waitlist_rank is not null)`)
    .execute();
  // One registration per address and event: a second attempt finds the first.
  await sql`create unique index registrations_event_email_idx on registrations (event_id, email) where email is not null`.execute(db);
  await db.schema
    .createIndex("registrations_event_status_idx")
    .on("registrations")
    .columns(["event_id", "status", "waitlist_rank"])
    .execute();
  await db.schema.createIndex("registrations_network_email_idx").on("registrations").columns(["network_id", "email"]).execute();

  await db.schema
    .createTable("registration_emails")
    .addColumn("registration_id", "uuid", (col) => col.notNull().references("registrations.id").onDelete("cascade"))
    .addColumn("outbox_id", "uuid", (col) => col.notNull().references("email_outbox.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("registration_emails_pkey", ["registration_id", "outbox_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("registration_emails").execute();
  await db.schema.dropTable("registrations").execute();
  await db.schema.dropTable("registration_questions").execute();
  await db.schema.alterTable("events").dropConstraint("events_reminder_hours").execute();
  await db.schema.alterTable("events").dropColumn("reminder_hours_before").dropColumn("registrations_anonymised_at").execute();
  await db.schema.alterTable("networks").dropConstraint("networks_anonymise_after_days").execute();
  await db.schema.alterTable("networks").dropColumn("privacy_notice").dropColumn("anonymise_after_days").execute();
}
