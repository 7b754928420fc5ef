import { sql, type Kysely } from "kysely";

/**
 * What happens to a message after it is written: a log of states with times
 * per outbox message (and per mailing recipient skipped before a message was
 * written), the VERP return path each message carries, contacts suppressed by
 * bounces or complaints, each network's bounce rules, and mailings that pause
 * themselves.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mail_events")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("outbox_id", "uuid", (col) => col.references("email_outbox.id").onDelete("cascade"))
    .addColumn("recipient_id", "uuid", (col) => col.references("mailing_recipients.id").onDelete("cascade"))
    .addColumn("kind", "text", (col) => col.notNull())
    .addColumn("bounce_class", "text")
    .addColumn("dsn_status", "text")
    .addColumn("diagnostic", "text")
    // The Message-ID of the report (DSN, ARF, mailto) it came from: a report read twice is logged once.
    .addColumn("report_id", "text")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      "mail_events_kind",
      sql`kind in ('queued', 'handed', 'deferred', 'delivered', 'failed', 'bounced', 'complained', 'unsubscribed', 'suppressed')`,
    )
    .addCheckConstraint(
      "mail_events_bounce_class",
      sql`(kind = 'bounced') = (bounce_class is not null) and bounce_class in ('hard', 'soft')`,
    )
    .addCheckConstraint("mail_events_subject", sql`outbox_id is not null or recipient_id is not null`)
    .execute();
  await db.schema.createIndex("mail_events_outbox_idx").on("mail_events").columns(["outbox_id", "created_at"]).execute();
  await db.schema.createIndex("mail_events_recipient_idx").on("mail_events").column("recipient_id").execute();
  await db.schema
    .createIndex("mail_events_report_idx")
    .on("mail_events")
    .columns(["outbox_id", "kind", "report_id"])
    .unique()
    .where(sql.ref("report_id"), "is not", null)
    .execute();

  await db.schema.alterTable("email_outbox").addColumn("return_path", "text").execute();
  // The bounce rules count a contact's bounces across every message sent to the address.
  await db.schema.createIndex("email_outbox_to_idx").on("email_outbox").columns(["network_id", "to_address"]).execute();

  await db.schema
    .alterTable("partner_contacts")
    .addColumn("suppressed_at", "timestamptz")
    .addColumn("suppressed_reason", "text", (col) => col.check(sql`suppressed_reason in ('hard_bounce', 'soft_bounces', 'complaint')`))
    .addColumn("suppressed_detail", "text")
    // Bounces before it do not count again once an organiser lifted a suppression.
    .addColumn("suppression_lifted_at", "timestamptz")
    .execute();

  await db.schema
    .alterTable("networks")
    .addColumn("bounce_hard_limit", "integer", (col) => col.notNull().defaultTo(1))
    .addColumn("bounce_soft_limit", "integer", (col) => col.notNull().defaultTo(3))
    .addColumn("bounce_soft_days", "integer", (col) => col.notNull().defaultTo(30))
    .addColumn("complaint_suppresses", "boolean", (col) => col.notNull().defaultTo(true))
    .execute();

  await db.schema.alterTable("mailings").dropConstraint("mailings_status").execute();
  await db.schema
    .alterTable("mailings")
    .addCheckConstraint("mailings_status", sql`status in ('draft', 'scheduled', 'sending', 'paused', 'sent')`)
    .execute();
  await db.schema
    .alterTable("mailings")
    .addColumn("paused_reason", "text", (col) => col.check(sql`paused_reason in ('hard_bounces', 'complaints')`))
    // Set when an organiser resumes a mailing that paused itself: it does not pause again for the same reason.
    .addColumn("auto_pause_off", "boolean", (col) => col.notNull().defaultTo(false))
    .execute();

  await db.schema.alterTable("mailing_recipients").dropConstraint("mailing_recipients_state").execute();
  await db.schema
    .alterTable("mailing_recipients")
    .addCheckConstraint("mailing_recipients_state", sql`state in ('pending', 'outboxed', 'unsubscribed', 'suppressed')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("mailing_recipients").where("state", "=", "suppressed").execute();
  await db.schema.alterTable("mailing_recipients").dropConstraint("mailing_recipients_state").execute();
  await db.schema
    .alterTable("mailing_recipients")
    .addCheckConstraint("mailing_recipients_state", sql`state in ('pending', 'outboxed', 'unsubscribed')`)
    .execute();
  await db.updateTable("mailings").set({ status: "sent" }).where("status", "=", "paused").execute();
  await db.schema.alterTable("mailings").dropColumn("paused_reason").dropColumn("auto_pause_off").execute();
  await db.schema.alterTable("mailings").dropConstraint("mailings_status").execute();
  await db.schema
    .alterTable("mailings")
    .addCheckConstraint("mailings_status", sql`status in ('draft', 'scheduled', 'sending', 'sent')`)
    .execute();
  await db.schema
    .alterTable("networks")
    .dropColumn("bounce_hard_limit")
    .dropColumn("bounce_soft_limit")
    .dropColumn("bounce_soft_days")
    .dropColumn("complaint_suppresses")
    .execute();
  await db.schema
    .alterTable("partner_contacts")
    .dropColumn("suppressed_at")
    .dropColumn("suppressed_reason")
    .dropColumn("suppressed_detail")
    .dropColumn("suppression_lifted_at")
    .execute();
  await db.schema.dropIndex("email_outbox_to_idx").execute();
  await db.schema.alterTable("email_outbox").dropColumn("return_path").execute();
  await db.schema.dropTable("mail_events").execute();
}
