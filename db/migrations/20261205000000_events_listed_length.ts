import { sql, type Kysely } from "kysely";

/**
 * The upcoming list wants events that have not ended, in start order. An
 * index on start alone makes it walk past every event already over; knowing
 * the network's longest listed event bounds the walk: nothing that started
 * longer ago than that can still be going on. This index finds that length
 * without reading the events.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("events_listed_length_idx")
    .on("events")
    .expression(sql`network_id, (ends_at - starts_at)`)
    .where(sql<boolean>`status in ('published', 'cancelled') and visibility <> 'unlisted'`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("events_listed_length_idx").execute();
}
