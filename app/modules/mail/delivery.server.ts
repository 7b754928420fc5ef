import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { isPermanentFailure, type MailTransport } from "./transport.server";

export type DeliveryOutcome = "sent" | "captured" | "failed" | "retry" | "skipped";

/** A message left "sending" this long was dropped by a process that died: it may be claimed again. */
const STALE_CLAIM_MINUTES = 10;

/**
 * Delivers one outbox message at most once per claim. The claim is a single
 * UPDATE, so two workers given the same message cannot both send it; a worker
 * that dies mid-send leaves the claim to go stale and be taken again.
 */
export async function deliverOutboxMessage(
  db: Kysely<Database>,
  outboxId: string,
  transport: MailTransport,
  { finalAttempt }: { finalAttempt: boolean },
): Promise<DeliveryOutcome> {
  const message = await db
    .updateTable("email_outbox")
    .set({ status: "sending", attempts: sql`attempts + 1`, updated_at: sql`now()` })
    .where("id", "=", outboxId)
    .where((eb) =>
      eb.or([
        eb("status", "=", "queued"),
        eb.and([eb("status", "=", "sending"), eb("updated_at", "<", sql<Date>`now() - make_interval(mins => ${STALE_CLAIM_MINUTES})`)]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  if (!message) return "skipped";

  try {
    const sent = await transport.send(message);
    const status = transport.mode === "capture" ? "captured" : "sent";
    await db
      .updateTable("email_outbox")
      .set({
        status,
        message_id: sent.messageId,
        raw_mime: sent.rawMime,
        last_error: null,
        sent_at: sql`now()`,
        updated_at: sql`now()`,
      })
      .where("id", "=", outboxId)
      .execute();
    return status;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failed = finalAttempt || isPermanentFailure(error);
    await db
      .updateTable("email_outbox")
      .set({ status: failed ? "failed" : "queued", last_error: reason.slice(0, 1000), updated_at: sql`now()` })
      .where("id", "=", outboxId)
      .execute();
    return failed ? "failed" : "retry";
  }
}
