import { sql, type Kysely } from "kysely";

/**
 * Events, shared by the calendar, registrations, speaker invitations and
 * feeds. Times are instants (timestamptz) plus the event's IANA zone; an
 * all-day event also keeps its dates, which are what calendars show.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("campaign_id", "uuid", (col) => col.references("campaigns.id").onDelete("set null"))
    .addColumn("host_partner_id", "uuid", (col) => col.references("partner_organisations.id").onDelete("set null"))
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("time_zone", "text", (col) => col.notNull())
    .addColumn("starts_at", "timestamptz", (col) => col.notNull())
    .addColumn("ends_at", "timestamptz", (col) => col.notNull())
    .addColumn("all_day", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("start_date", "date")
    .addColumn("end_date", "date")
    .addColumn("mode", "text", (col) => col.notNull().defaultTo("in_person"))
    .addColumn("venue_name", "text")
    .addColumn("address", "text")
    .addColumn("city", "text")
    .addColumn("country", "text")
    .addColumn("latitude", "double precision")
    .addColumn("longitude", "double precision")
    .addColumn("online_url", "text")
    .addColumn("online_url_public", "boolean", (col) => col.notNull().defaultTo(false))
    .addColumn("capacity", "integer")
    .addColumn("registration_opens_at", "timestamptz")
    .addColumn("registration_closes_at", "timestamptz")
    .addColumn("languages", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("interpretation", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("accessibility", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("accessibility_notes", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("anonymity_policy", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("visibility", "text", (col) => col.notNull().defaultTo("public"))
    .addColumn("status", "text", (col) => col.notNull().defaultTo("draft"))
    .addColumn("sequence", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("cancelled_at", "timestamptz")
    .addColumn("created_by", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("events_mode", sql`mode in ('in_person', 'online', 'hybrid')`)
    .addCheckConstraint("events_visibility", sql`visibility in ('public', 'partners', 'unlisted')`)
    .addCheckConstraint("events_status", sql`status in ('draft', 'pending_review', 'published', 'cancelled')`)
    .addCheckConstraint("events_ends_after_start", sql`ends_at > starts_at`)
    .addCheckConstraint("events_all_day_dates", sql`not all_day or (start_date is not null and end_date >= start_date)`)
    .addCheckConstraint("events_capacity_positive", sql`capacity is null or capacity > 0`)
    .execute();
  await db.schema.createIndex("events_network_starts_idx").on("events").columns(["network_id", "starts_at"]).execute();
  await db.schema.createIndex("events_campaign_idx").on("events").column("campaign_id").execute();
  await db.schema.createIndex("events_host_idx").on("events").column("host_partner_id").execute();

  await db.schema
    .createTable("event_cohosts")
    .addColumn("event_id", "uuid", (col) => col.notNull().references("events.id").onDelete("cascade"))
    .addColumn("partner_id", "uuid", (col) => col.notNull().references("partner_organisations.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("event_cohosts_pkey", ["event_id", "partner_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("event_cohosts").execute();
  await db.schema.dropTable("events").execute();
}
