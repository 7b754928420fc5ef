import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";

export interface RateLimitRule {
  /** How many hits a key may make per window. */
  limit: number;
  windowSeconds: number;
}

function windowStart(now: Date, rule: RateLimitRule): Date {
  const windowMs = rule.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/**
 * Fixed-window counters kept in the database, so every web process shares them.
 * Keys must not carry personal data in clear: hash e-mail addresses first.
 */
export async function countHit(db: Kysely<Database>, key: string, rule: RateLimitRule, now = new Date()) {
  const start = windowStart(now, rule);
  const row = await db
    .insertInto("rate_limit_counters")
    .values({ key, window_start: start, hits: 1 })
    .onConflict((oc) => oc.columns(["key", "window_start"]).doUpdateSet({ hits: sql`rate_limit_counters.hits + 1` }))
    .returning("hits")
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** Seconds until the key may try again, or 0 when it is under its limit. */
export async function retryAfterSeconds(db: Kysely<Database>, key: string, rule: RateLimitRule, now = new Date()): Promise<number> {
  const start = windowStart(now, rule);
  const row = await db
    .selectFrom("rate_limit_counters")
    .select("hits")
    .where("key", "=", key)
    .where("window_start", "=", start)
    .executeTakeFirst();
  if (!row || row.hits < rule.limit) return 0;
  return Math.ceil((start.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000);
}

export async function resetCounter(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("rate_limit_counters").where("key", "=", key).execute();
}

/** Old windows are useless; the maintenance job removes them. */
export async function deleteExpiredCounters(db: Kysely<Database>, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom("rate_limit_counters").where("window_start", "<", olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}
