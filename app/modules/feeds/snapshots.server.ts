import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";

/**
 * Records a feed's content hash and returns its Last-Modified, shared by every
 * process: unchanged content keeps its date; changed content gets now, and at
 * least one second past the previous date, so Last-Modified (whole seconds)
 * never repeats or moves backwards.
 */
export async function recordSnapshot(
  db: Kysely<Database>,
  input: { feedKey: string; networkId: string; contentHash: string },
): Promise<Date> {
  const row = await db
    .insertInto("feed_snapshots")
    .values({
      feed_key: input.feedKey,
      network_id: input.networkId,
      content_hash: input.contentHash,
      last_modified: sql<Date>`date_trunc('second', now())`,
    })
    .onConflict((conflict) =>
      conflict.column("feed_key").doUpdateSet({
        last_modified: sql<Date>`case when feed_snapshots.content_hash = excluded.content_hash
          then feed_snapshots.last_modified
          else greatest(excluded.last_modified, feed_snapshots.last_modified + interval '1 second') end`,
        content_hash: (eb) => eb.ref("excluded.content_hash"),
        network_id: (eb) => eb.ref("excluded.network_id"),
        built_at: sql<Date>`now()`,
      }),
    )
    .returning("last_modified")
    .executeTakeFirstOrThrow();
  return row.last_modified;
}

/** Snapshots of feeds nobody has fetched for a long time (filter combinations, revoked feeds). */
export async function deleteStaleSnapshots(db: Kysely<Database>, before: Date) {
  await db.deleteFrom("feed_snapshots").where("built_at", "<", before).execute();
}
