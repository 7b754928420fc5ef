import { sql, type Kysely } from "kysely";

/**
 * A network's own wording of a global day's name and description in one of
 * its content languages (Ukrainian, Georgian, Kyrgyz…), beside the shared
 * catalogue's five languages. Kept per network: the catalogue is shared by
 * every network, and one network's translation must not change another's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("network_day_translations")
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("global_day_id", "uuid", (col) => col.notNull().references("global_days.id").onDelete("cascade"))
    .addColumn("language", "text", (col) => col.notNull())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("description", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("network_day_translations_pkey", ["network_id", "global_day_id", "language"])
    .execute();
  // Day feeds are named after their day: a new name drops the network's cached feeds.
  await sql`create trigger network_day_translations_feeds_changed after insert or update or delete on network_day_translations
    for each row execute function daymark_feeds_row_changed('network_id')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("network_day_translations").execute();
}
