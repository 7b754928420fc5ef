import { sql, type Kysely } from "kysely";

/**
 * Content in several languages. A network names the languages its content is
 * written in (any BCP 47 tag, not only the interface's) and its default one;
 * an event or a campaign keeps its own columns in its original language and
 * one row per other language. Each translation records the time of the
 * original's content it was made from (`source_updated_at`), so a later edit
 * of the original shows it as older. Registrations remember the language the
 * attendee read the event in, for the messages they receive.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("networks")
    .addColumn("content_language", "text", (col) => col.notNull().defaultTo("en"))
    .addColumn("content_languages", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .execute();
  // The interface's default language is the best first guess of a network's content language.
  await sql`update networks set content_language = default_locale`.execute(db);

  for (const table of ["events", "campaigns"]) {
    await db.schema
      .alterTable(table)
      .addColumn("content_language", "text", (col) => col.notNull().defaultTo("en"))
      .addColumn("content_updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
      .execute();
    await sql`update ${sql.table(table)} t set content_language = n.content_language, content_updated_at = t.updated_at
      from networks n where n.id = t.network_id`.execute(db);
  }

  await db.schema
    .createTable("event_translations")
    .addColumn("event_id", "uuid", (col) => col.notNull().references("events.id").onDelete("cascade"))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("language", "text", (col) => col.notNull())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("accessibility_notes", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("source_updated_at", "timestamptz", (col) => col.notNull())
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("event_translations_pkey", ["event_id", "language"])
    .execute();
  // Search finds an event by a translated title within its network.
  await db.schema.createIndex("event_translations_network_idx").on("event_translations").column("network_id").execute();

  await db.schema
    .createTable("campaign_translations")
    .addColumn("campaign_id", "uuid", (col) => col.notNull().references("campaigns.id").onDelete("cascade"))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("language", "text", (col) => col.notNull())
    .addColumn("title", "text", (col) => col.notNull())
    .addColumn("goals", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("key_messages", "text", (col) => col.notNull().defaultTo(""))
    /** The materials' labels in the campaign's order; an empty one shows the original's. */
    .addColumn("material_labels", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'`))
    .addColumn("source_updated_at", "timestamptz", (col) => col.notNull())
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("campaign_translations_pkey", ["campaign_id", "language"])
    .execute();

  // Feeds show titles in the requested language: a translation's change drops the network's cached feeds.
  for (const table of ["event_translations", "campaign_translations"]) {
    await sql`create trigger ${sql.raw(`${table}_feeds_changed`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function daymark_feeds_row_changed('network_id')`.execute(db);
  }

  await db.schema.alterTable("registrations").addColumn("content_language", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").dropColumn("content_language").execute();
  await db.schema.dropTable("campaign_translations").execute();
  await db.schema.dropTable("event_translations").execute();
  for (const table of ["campaigns", "events"]) {
    await db.schema.alterTable(table).dropColumn("content_updated_at").dropColumn("content_language").execute();
  }
  await db.schema.alterTable("networks").dropColumn("content_languages").dropColumn("content_language").execute();
}
