import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import type { MailTimings } from "./timing";

/**
 * Finds unsent messages that no job will deliver and gives each a delivery
 * job: a message whose jobs all ended while it was still claimed elsewhere, or
 * whose retries ran out before a dead sender's claim turned stale. Messages a
 * mailing dispatcher still owns (not handed off) are left to it: its lease
 * decides who sends them. Workers run it in turn; an advisory lock keeps two
 * from sweeping at once. Returns the ids given a job.
 */
export async function sweepUnsentMessages(db: Kysely<Database>, timings: MailTimings): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('daymark:mail-sweep')) as locked`.execute(trx);
    if (!lock.rows[0]?.locked) return [];
    const orphans = await trx
      .selectFrom("email_outbox as o")
      .select("o.id")
      .where("o.status", "in", ["queued", "sending"])
      // Untouched for a whole timeout: a live sender would have finished or released it by now.
      .where("o.updated_at", "<", sql<Date>`now() - make_interval(secs => ${timings.staleClaimSeconds})`)
      .where(
        sql<boolean>`o.id::text not in (
        select data->>'outboxId' from pgboss.job where name = ${queues.deliverEmail} and state < 'completed'
      )`,
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("mailing_recipients as r").select("r.id").whereRef("r.outbox_id", "=", "o.id").where("r.handed_off", "=", false),
          ),
        ),
      )
      .orderBy("o.created_at")
      .limit(1000)
      .execute();
    for (const { id } of orphans) await enqueueJob(trx, queues.deliverEmail, { outboxId: id });
    return orphans.map((row) => row.id);
  });
}
