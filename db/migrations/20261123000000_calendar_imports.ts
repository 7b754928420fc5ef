import { sql, type Kysely } from "kysely";

/**
 * Partners' own calendars, imported continuously. A calendar source belongs
 * to a partner organisation and carries the defaults of the events it brings
 * in, its HTTP validators (ETag, Last-Modified) and its sync status. Each
 * imported event is linked to its source by the source's UID and, for an
 * occurrence of a recurring event, a recurrence key; the link keeps the
 * values last imported, field by field, so that an organiser's edit survives
 * until the source changes that same field. Removing a source removes the
 * links only: its events stay as ordinary events.
 * Networks get an owner's list of hosts exempt from the public-address rule
 * (an intranet calendar server, a test server).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("networks")
    .addColumn("import_allowed_hosts", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .execute();

  await db.schema
    .createTable("calendar_sources")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("partner_id", "uuid", (col) => col.notNull().references("partner_organisations.id").onDelete("cascade"))
    .addColumn("url", "text", (col) => col.notNull())
    .addColumn("campaign_id", "uuid", (col) => col.references("campaigns.id").onDelete("set null"))
    .addColumn("languages", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("mode", "text", (col) => col.notNull().defaultTo("in_person"))
    .addColumn("publish_directly", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("keywords", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("time_zone", "text", (col) => col.notNull())
    .addColumn("created_by", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("etag", "text")
    .addColumn("last_modified", "text")
    .addColumn("refresh_interval_seconds", "integer")
    .addColumn("next_sync_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_attempt_at", "timestamptz")
    .addColumn("last_success_at", "timestamptz")
    .addColumn("last_applied_at", "timestamptz")
    .addColumn("content_hash", "text")
    .addColumn("last_error", "text")
    .addColumn("last_error_detail", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("consecutive_failures", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("failure_notified_at", "timestamptz")
    .addColumn("lease_token", "uuid")
    .addColumn("lease_until", "timestamptz")
    .addCheckConstraint("calendar_sources_mode", sql`mode in ('in_person', 'online', 'hybrid')`)
    .addUniqueConstraint("calendar_sources_partner_url", ["partner_id", "url"])
    .execute();
  await db.schema.createIndex("calendar_sources_due_idx").on("calendar_sources").column("next_sync_at").execute();
  await db.schema.createIndex("calendar_sources_network_idx").on("calendar_sources").column("network_id").execute();

  await db.schema
    .createTable("calendar_source_events")
    .addColumn("event_id", "uuid", (col) => col.primaryKey().references("events.id").onDelete("cascade"))
    .addColumn("source_id", "uuid", (col) => col.notNull().references("calendar_sources.id").onDelete("cascade"))
    .addColumn("uid", "text", (col) => col.notNull())
    .addColumn("recurrence_key", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("imported", "jsonb", (col) => col.notNull())
    .addColumn("source_sequence", "integer", (col) => col.notNull().defaultTo(0))
    .addUniqueConstraint("calendar_source_events_key", ["source_id", "uid", "recurrence_key"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("calendar_source_events").execute();
  await db.schema.dropTable("calendar_sources").execute();
  await db.schema.alterTable("networks").dropColumn("import_allowed_hosts").execute();
}
