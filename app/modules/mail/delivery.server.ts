import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import type { DomainSlots, Pacer } from "./pacing";
import type { MailTimings } from "./timing";
import { isPermanentFailure, type MailTransport } from "./transport.server";

/**
 * "skipped": the message is already delivered or failed, nothing to do.
 * "claimed": another sender holds a live claim on it; the caller must come back
 * later, because that sender may die before recording the outcome.
 */
export type DeliveryOutcome = "sent" | "captured" | "failed" | "retry" | "skipped" | "claimed";

/**
 * Delivers one outbox message at most once per claim. The claim is a single
 * UPDATE, so two senders given the same message cannot both send it; a sender
 * that dies mid-send leaves a claim that turns stale after the job timeout,
 * and the next attempt (a retry, the dispatcher, or the sweeper's job) takes it.
 */
export async function deliverOutboxMessage(
  db: Kysely<Database>,
  outboxId: string,
  transport: MailTransport,
  {
    finalAttempt,
    timings,
    slots,
    pacer,
  }: { finalAttempt: boolean; timings: Pick<MailTimings, "staleClaimSeconds">; slots: DomainSlots; pacer?: Pacer },
): Promise<DeliveryOutcome> {
  const target = await db.selectFrom("email_outbox").select(["to_address", "status"]).where("id", "=", outboxId).executeTakeFirst();
  if (!target || !["queued", "sending"].includes(target.status)) return "skipped";
  // The turn and then the claim are taken once a slot is free, so waiting for the domain never ages the claim,
  // and the message goes to the server right after its turn: what the rate spaces is the hand-over itself.
  return slots.run(target.to_address, async () => {
    await pacer?.turn();
    return claimAndSend(db, outboxId, transport, finalAttempt, timings);
  });
}

async function claimAndSend(
  db: Kysely<Database>,
  outboxId: string,
  transport: MailTransport,
  finalAttempt: boolean,
  timings: Pick<MailTimings, "staleClaimSeconds">,
): Promise<DeliveryOutcome> {
  const message = await db
    .updateTable("email_outbox")
    .set({ status: "sending", attempts: sql`attempts + 1`, updated_at: sql`now()` })
    .where("id", "=", outboxId)
    .where((eb) =>
      eb.or([
        eb("status", "=", "queued"),
        eb.and([
          eb("status", "=", "sending"),
          eb("updated_at", "<", sql<Date>`now() - make_interval(secs => ${timings.staleClaimSeconds})`),
        ]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
  if (!message) {
    const row = await db.selectFrom("email_outbox").select("status").where("id", "=", outboxId).executeTakeFirst();
    return row?.status === "sending" || row?.status === "queued" ? "claimed" : "skipped";
  }

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
      .where("attempts", "=", message.attempts)
      .execute();
    return status;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failed = finalAttempt || isPermanentFailure(error);
    await db
      .updateTable("email_outbox")
      .set({ status: failed ? "failed" : "queued", last_error: reason.slice(0, 1000), updated_at: sql`now()` })
      .where("id", "=", outboxId)
      // Only while the claim is still ours: a sender that outlived it must not undo the next one's result.
      .where("status", "=", "sending")
      .where("attempts", "=", message.attempts)
      .execute();
    return failed ? "failed" : "retry";
  }
}
