import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { recordAudit } from "~/modules/audit/audit.server";

import { recipientStatuses, type RecipientStatus } from "./mailings.schema";

/** A recipient's status, from their row and their message in the outbox. */
const statusExpression = sql<RecipientStatus>`case
  when r.state = 'unsubscribed' then 'unsubscribed'
  when o.status in ('sent', 'captured') then 'sent'
  when o.status = 'failed' then 'failed'
  else 'queued' end`;

function recipientsOf(db: Kysely<Database>, mailingId: string) {
  return db
    .selectFrom("mailing_recipients as r")
    .leftJoin("email_outbox as o", "o.id", "r.outbox_id")
    .where("r.mailing_id", "=", mailingId);
}

export async function mailingReport(db: Kysely<Database>, mailingId: string) {
  const rows = await recipientsOf(db, mailingId)
    .select([statusExpression.as("status"), (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy(statusExpression)
    .execute();
  const counts = Object.fromEntries(recipientStatuses.map((status) => [status, 0])) as Record<RecipientStatus, number>;
  for (const row of rows) counts[row.status] = row.count;
  const failed = await recipientsOf(db, mailingId)
    .select(["r.id", "r.email", "r.contact_name", "r.partner_name", "r.language", "o.last_error", "o.attempts"])
    .where("o.status", "=", "failed")
    .where("r.state", "=", "outboxed")
    .orderBy("r.position")
    .execute();
  return { counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0), failed };
}

/**
 * Puts failed messages back on the deliver-email queue, except for people who
 * unsubscribed since. Returns how many go out again.
 */
export async function retryFailedRecipients(db: Kysely<Database>, networkId: string, mailingId: string, actorUserId: string) {
  return db.transaction().execute(async (trx) => {
    const failed = await recipientsOf(trx, mailingId)
      .innerJoin("mailings as m", "m.id", "r.mailing_id")
      .leftJoin("partner_contacts as c", "c.id", "r.contact_id")
      .select(["r.id", "r.outbox_id", "c.subscribed"])
      .where("m.network_id", "=", networkId)
      .where("o.status", "=", "failed")
      .where("r.state", "=", "outboxed")
      .execute();
    let retried = 0;
    for (const recipient of failed) {
      if (!recipient.subscribed) {
        await trx.updateTable("mailing_recipients").set({ state: "unsubscribed" }).where("id", "=", recipient.id).execute();
        continue;
      }
      await trx
        .updateTable("email_outbox")
        .set({ status: "queued", last_error: null, updated_at: sql`now()` })
        .where("id", "=", recipient.outbox_id!)
        .execute();
      await trx.updateTable("mailing_recipients").set({ handed_off: true }).where("id", "=", recipient.id).execute();
      await enqueueJob(trx, queues.deliverEmail, { outboxId: recipient.outbox_id! });
      retried += 1;
    }
    await recordAudit(trx, {
      networkId,
      actorUserId,
      action: "mailing.retried",
      subjectType: "mailing",
      subjectId: mailingId,
      details: { retried },
    });
    return retried;
  });
}
