import { sql, type Kysely } from "kysely";

/**
 * The partner portal's magic links, and mailings: their language variants and
 * the recipient list fixed when sending starts. Each recipient's message lives
 * in email_outbox; the recipient row points at it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("partner_sign_in_tokens")
    .addColumn("token_hash", "text", (col) => col.primaryKey())
    .addColumn("contact_id", "uuid", (col) => col.notNull().references("partner_contacts.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (col) => col.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("partner_sign_in_tokens_contact_idx").on("partner_sign_in_tokens").column("contact_id").execute();

  await db.schema
    .createTable("mailings")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("campaign_id", "uuid", (col) => col.references("campaigns.id").onDelete("set null"))
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("segment_countries", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("segment_languages", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("segment_tags", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("status", "text", (col) => col.notNull().defaultTo("draft"))
    .addColumn("scheduled_at", "timestamptz")
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    // Only the dispatcher holding an unexpired lease sends this mailing's messages.
    .addColumn("lease_owner", "text")
    .addColumn("lease_until", "timestamptz")
    .addColumn("created_by", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("mailings_status", sql`status in ('draft', 'scheduled', 'sending', 'sent')`)
    .addCheckConstraint("mailings_scheduled_has_time", sql`status <> 'scheduled' or scheduled_at is not null`)
    .execute();
  await db.schema.createIndex("mailings_network_idx").on("mailings").columns(["network_id", "created_at"]).execute();
  await db.schema.createIndex("mailings_status_idx").on("mailings").column("status").execute();

  await db.schema
    .createTable("mailing_variants")
    .addColumn("mailing_id", "uuid", (col) => col.notNull().references("mailings.id").onDelete("cascade"))
    .addColumn("language", "text", (col) => col.notNull())
    .addColumn("subject", "text", (col) => col.notNull())
    .addColumn("body", "text", (col) => col.notNull())
    .addPrimaryKeyConstraint("mailing_variants_pkey", ["mailing_id", "language"])
    .execute();

  await db.schema
    .createTable("mailing_recipients")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("mailing_id", "uuid", (col) => col.notNull().references("mailings.id").onDelete("cascade"))
    .addColumn("position", "integer", (col) => col.notNull())
    .addColumn("contact_id", "uuid", (col) => col.references("partner_contacts.id").onDelete("set null"))
    .addColumn("email", "text", (col) => col.notNull())
    .addColumn("contact_name", "text", (col) => col.notNull())
    .addColumn("partner_name", "text", (col) => col.notNull())
    .addColumn("language", "text", (col) => col.notNull())
    // pending: not written yet; outboxed: its message is in email_outbox; unsubscribed: skipped.
    .addColumn("state", "text", (col) => col.notNull().defaultTo("pending"))
    .addColumn("outbox_id", "uuid", (col) => col.references("email_outbox.id").onDelete("set null"))
    // Set when a temporary failure hands the message to the deliver-email queue's retries.
    .addColumn("handed_off", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("unsubscribe_token_hash", "text", (col) => col.unique())
    .addCheckConstraint("mailing_recipients_state", sql`state in ('pending', 'outboxed', 'unsubscribed')`)
    .addUniqueConstraint("mailing_recipients_mailing_position", ["mailing_id", "position"])
    .addUniqueConstraint("mailing_recipients_mailing_email", ["mailing_id", "email"])
    .execute();
  await db.schema
    .createIndex("mailing_recipients_state_idx")
    .on("mailing_recipients")
    .columns(["mailing_id", "state", "position"])
    .execute();
  await db.schema.createIndex("mailing_recipients_outbox_idx").on("mailing_recipients").column("outbox_id").execute();
  await db.schema.createIndex("mailing_recipients_contact_idx").on("mailing_recipients").column("contact_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mailing_recipients").execute();
  await db.schema.dropTable("mailing_variants").execute();
  await db.schema.dropTable("mailings").execute();
  await db.schema.dropTable("partner_sign_in_tokens").execute();
}
