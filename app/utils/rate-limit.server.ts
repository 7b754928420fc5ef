import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";

export interface RateLimitRule {
  /** How many hits a key may make per window. */
  limit: number;
  windowSeconds: number;
  /**
   * Growing delays: each window a key fills doubles the next one, up to
   * 2^maxLevel times windowSeconds. A quiet window resets it. 0 keeps the window fixed.
   */
  maxLevel?: number;
}

export type RateLimitRefusal = { allowed: false; retryAfterSeconds: number };
export type RateLimitOutcome = { allowed: true } | RateLimitRefusal;
/** One key's hit also says what is left of its window, for APIs that report it (RateLimit headers). */
export type RateLimitHit = { allowed: true; remaining: number; resetSeconds: number } | RateLimitRefusal;

/**
 * Takes one hit for `key`, or refuses it, in a single statement: the row is
 * counted and checked under its own lock, so simultaneous requests can never
 * pass more than `limit` (a read-then-write would let a burst through).
 * Call it before the work it protects. Keys must not carry personal data in
 * clear: hash e-mail addresses first.
 */
export async function takeHit(db: Kysely<Database>, key: string, rule: RateLimitRule, now = new Date()): Promise<RateLimitHit> {
  const maxLevel = rule.maxLevel ?? 0;
  // The window of the stored level, and whether it is over at `now`.
  const windowEnd = sql`rate_limits.window_start + make_interval(secs => ${rule.windowSeconds}::double precision * power(2, rate_limits.level))`;
  const over = sql<boolean>`(${windowEnd} <= ${now})`;
  // A key that filled its window and comes back within the next one climbs a level.
  const nextLevel = sql<number>`case
    when rate_limits.hits >= ${rule.limit}
      and ${now} < rate_limits.window_start + make_interval(secs => ${rule.windowSeconds}::double precision * power(2, rate_limits.level) * 2)
    then least(rate_limits.level + 1, ${maxLevel}::integer)
    else 0 end`;
  const row = await db
    .insertInto("rate_limits")
    .values({ key, window_start: now, hits: 1, level: 0 })
    .onConflict((oc) =>
      oc
        .column("key")
        .doUpdateSet({
          window_start: sql`case when ${over} then ${now}::timestamptz else rate_limits.window_start end`,
          level: sql`case when ${over} then ${nextLevel} else rate_limits.level end`,
          hits: sql`case when ${over} then 1 else rate_limits.hits + 1 end`,
        })
        .where(sql<boolean>`${over} or rate_limits.hits < ${rule.limit}`),
    )
    .returning(["hits", "window_start", "level"])
    .executeTakeFirst();
  if (row) {
    const end = new Date(row.window_start).getTime() + rule.windowSeconds * 1000 * 2 ** row.level;
    return { allowed: true, remaining: rule.limit - row.hits, resetSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) };
  }
  return { allowed: false, retryAfterSeconds: await secondsUntilWindowEnds(db, key, rule, now) };
}

/** Takes a hit from every rule in turn and stops at the first refusal, so a refused request costs the later keys nothing. */
export async function takeHits(
  db: Kysely<Database>,
  limits: readonly { key: string; rule: RateLimitRule }[],
  now = new Date(),
): Promise<RateLimitOutcome> {
  for (const { key, rule } of limits) {
    const outcome = await takeHit(db, key, rule, now);
    if (!outcome.allowed) return outcome;
  }
  return { allowed: true };
}

async function secondsUntilWindowEnds(db: Kysely<Database>, key: string, rule: RateLimitRule, now: Date): Promise<number> {
  const row = await db.selectFrom("rate_limits").select(["window_start", "level"]).where("key", "=", key).executeTakeFirst();
  if (!row) return 1;
  const end = new Date(row.window_start).getTime() + rule.windowSeconds * 1000 * 2 ** row.level;
  return Math.max(1, Math.ceil((end - now.getTime()) / 1000));
}

/** Forgets a key, for example an account's failures once its owner signs in. */
export async function resetCounter(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom("rate_limits").where("key", "=", key).execute();
}

/**
 * Keys idle for a day are useless (every rule's longest window is shorter);
 * the maintenance job removes them.
 */
export async function deleteExpiredCounters(db: Kysely<Database>, olderThan: Date): Promise<number> {
  const result = await db.deleteFrom("rate_limits").where("window_start", "<", olderThan).executeTakeFirst();
  return Number(result.numDeletedRows);
}
