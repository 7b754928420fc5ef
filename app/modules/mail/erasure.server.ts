import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";

/**
 * Blanks everything personal in these outbox messages: address, bodies,
 * attachments (calendar invitations name the person), the captured MIME and
 * the servers' answers in their log.
 * The row stays, so counts of messages sent remain. A message not yet sent is
 * given up rather than sent to nobody.
 */
export async function blankOutboxMessages(trx: Kysely<Database>, outboxIds: string[]) {
  if (outboxIds.length === 0) return 0;
  await trx
    .updateTable("email_outbox")
    .set({ status: "failed", last_error: "erased before delivery" })
    .where("id", "in", outboxIds)
    .where("status", "in", ["queued", "sending"])
    .execute();
  const result = await trx
    .updateTable("email_outbox")
    .set({
      to_address: "",
      text_body: "",
      html_body: "",
      headers: "{}",
      attachments: "[]",
      raw_mime: null,
      updated_at: sql<Date>`now()`,
    })
    .where("id", "in", outboxIds)
    .executeTakeFirst();
  // Servers' answers quote the address ("550 5.1.1 <x@y>: user unknown"); states and times stay.
  await trx.updateTable("mail_events").set({ diagnostic: null }).where("outbox_id", "in", outboxIds).execute();
  return Number(result.numUpdatedRows);
}
