import type { Kysely } from "kysely";

/**
 * Rate limits move from fixed-window rows (one per key and window, checked and
 * counted in separate statements) to one row per key that a single upsert
 * counts and checks, with a level that lengthens the window each time a key
 * fills it (growing delays).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limits")
    .addColumn("key", "text", (col) => col.primaryKey())
    .addColumn("window_start", "timestamptz", (col) => col.notNull())
    .addColumn("hits", "integer", (col) => col.notNull())
    .addColumn("level", "integer", (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("rate_limits_window_start_idx").on("rate_limits").column("window_start").execute();
  await db.schema.dropTable("rate_limit_counters").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("rate_limit_counters")
    .addColumn("key", "text", (col) => col.notNull())
    .addColumn("window_start", "timestamptz", (col) => col.notNull())
    .addColumn("hits", "integer", (col) => col.notNull())
    .addPrimaryKeyConstraint("rate_limit_counters_pkey", ["key", "window_start"])
    .execute();
  await db.schema.dropTable("rate_limits").execute();
}
