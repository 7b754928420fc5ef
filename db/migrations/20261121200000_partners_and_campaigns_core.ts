import { sql, type Kysely } from "kysely";

/**
 * The shared core that several features build on: partner organisations with
 * their contacts, and campaigns. Campaign planning (global days, actions,
 * pledges) and the partner directory extend these tables in later migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("partner_organisations")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("country", "text", (col) => col.notNull())
    .addColumn("city", "text")
    .addColumn("languages", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("website", "text")
    .addColumn("tags", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("notes", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("partner_organisations_country_iso", sql`country ~ '^[A-Z]{2}$'`)
    .addUniqueConstraint("partner_organisations_network_name", ["network_id", "name"])
    .execute();

  await db.schema
    .createTable("partner_contacts")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("partner_id", "uuid", (col) => col.notNull().references("partner_organisations.id").onDelete("cascade"))
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("email", "text", (col) => col.notNull())
    .addColumn("locale", "text")
    .addColumn("role_title", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("subscribed", "boolean", (col) => col.notNull().defaultTo(true))
    .addColumn("unsubscribed_at", "timestamptz")
    // The contact's account, once they have signed in to the partner portal.
    .addColumn("user_id", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("partner_contacts_email_lower_case", sql`email = lower(email)`)
    .addUniqueConstraint("partner_contacts_network_email", ["network_id", "email"])
    .execute();
  await db.schema.createIndex("partner_contacts_partner_idx").on("partner_contacts").column("partner_id").execute();
  await db.schema.createIndex("partner_contacts_user_idx").on("partner_contacts").column("user_id").execute();

  await db.schema
    .createTable("campaigns")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("slug", "text", (col) => col.notNull())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("status", "text", (col) => col.notNull().defaultTo("draft"))
    .addColumn("starts_on", "date")
    .addColumn("ends_on", "date")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("campaigns_status", sql`status in ('draft', 'published', 'archived')`)
    .addCheckConstraint("campaigns_dates_in_order", sql`ends_on is null or starts_on is null or ends_on >= starts_on`)
    .addUniqueConstraint("campaigns_network_slug", ["network_id", "slug"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("campaigns").execute();
  await db.schema.dropTable("partner_contacts").execute();
  await db.schema.dropTable("partner_organisations").execute();
}
