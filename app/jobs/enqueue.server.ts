import { CompiledQuery, sql, type Kysely } from "kysely";
import PgBoss from "pg-boss";
import type { Database } from "~db/types";
import type { JobPayloads, QueueName } from "./queues";

/**
 * Only used to build pg-boss's insert; every send passes the caller's own
 * connection, so a job is created in the same transaction as the change that
 * needs it and vanishes with it on rollback.
 */
const sender = new PgBoss({
  db: {
    executeSql: () => Promise.reject(new Error("pg-boss sender used without a connection")),
  },
});

export function sqlExecutorFor(db: Kysely<any>): PgBoss.Db {
  return {
    async executeSql(text, values) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as any[] };
    },
  };
}

/** Workers LISTEN here: the payload names a queue that was just given a job. */
export const jobWakeChannel = "daymark_jobs";

/**
 * Sends a job through the caller's connection and wakes the workers of its
 * queue; NOTIFY is transactional too, so they wake when the job is committed.
 */
export async function enqueueJob<Q extends QueueName>(
  db: Kysely<Database>,
  queue: Q,
  payload: JobPayloads[Q],
  options: Omit<PgBoss.SendOptions, "db"> = {},
): Promise<string | null> {
  const id = await sender.send(queue, payload as object, { ...options, db: sqlExecutorFor(db) });
  await sql`select pg_notify(${jobWakeChannel}, ${queue})`.execute(db);
  return id;
}
