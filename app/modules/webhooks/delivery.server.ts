import { createHmac } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { safeFetch, SafeFetchError } from "~/modules/net/safe-fetch.server";
import type { WebhookTimings } from "./timing";

/**
 * Sending one webhook delivery, as the mail outbox sends a message
 * (docs/decisions/002): claimed with one UPDATE, so two workers never send it
 * at once; a claim left by a worker that died turns stale after the timeout
 * and the job's retry (or the sweep) takes it again. At least once: only a
 * delivery in flight when its worker died can arrive twice, with the same
 * `Daymark-Webhook-Id`.
 */
export type WebhookOutcome = "delivered" | "failed" | "retry" | "skipped" | "claimed";

const SIGNATURE_HEADER = "Daymark-Webhook-Signature";
const TIMESTAMP_HEADER = "Daymark-Webhook-Timestamp";

/** HMAC-SHA256 of `<timestamp>.<body>` with the endpoint's secret, hex: what receivers recompute. */
function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Refusals no retry can mend: the address is not one Daymark may send to. */
const PERMANENT: SafeFetchError["code"][] = ["invalid-url", "scheme", "credentials", "private-address"];

export async function deliverWebhook(
  db: Kysely<Database>,
  deliveryId: string,
  { finalAttempt, timings }: { finalAttempt: boolean; timings: WebhookTimings },
): Promise<WebhookOutcome> {
  const delivery = await db
    .updateTable("webhook_deliveries")
    .set({ status: "sending", attempts: sql`attempts + 1`, updated_at: sql`now()` })
    .where("id", "=", deliveryId)
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
  if (!delivery) {
    const row = await db.selectFrom("webhook_deliveries").select("status").where("id", "=", deliveryId).executeTakeFirst();
    return row?.status === "sending" || row?.status === "queued" ? "claimed" : "skipped";
  }
  const endpoint = await db
    .selectFrom("webhook_endpoints")
    .select(["url", "secret", "allow_private"])
    .where("id", "=", delivery.endpoint_id)
    .executeTakeFirstOrThrow();
  const ours = (eb: Kysely<Database>) =>
    eb
      .updateTable("webhook_deliveries")
      .where("id", "=", deliveryId)
      .where("status", "=", "sending")
      .where("attempts", "=", delivery.attempts);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await safeFetch(endpoint.url, {
      method: "POST",
      body: Buffer.from(delivery.payload, "utf8"),
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Daymark-Webhooks/1",
        "Daymark-Webhook-Id": delivery.id,
        "Daymark-Webhook-Type": delivery.kind,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: webhookSignature(endpoint.secret, timestamp, delivery.payload),
      },
      // An owner who allows a private receiver allows its host, nothing else.
      allowedHosts: endpoint.allow_private ? [new URL(endpoint.url).hostname.replace(/^\[|\]$/g, "").toLowerCase()] : [],
      maxRedirects: 0,
      maxBytes: 64 * 1024,
      timeoutMs: timings.requestTimeoutMs,
    });
    await ours(db)
      .set({ status: "delivered", last_status_code: response.status, last_error: null, delivered_at: sql`now()`, updated_at: sql`now()` })
      .execute();
    return "delivered";
  } catch (error) {
    const known = error instanceof SafeFetchError ? error : undefined;
    const statusCode = known?.code === "http-status" ? Number(known.detail) : null;
    const failed = finalAttempt || (known !== undefined && PERMANENT.includes(known.code));
    await ours(db)
      .set({
        status: failed ? "failed" : "queued",
        last_status_code: statusCode,
        last_error: (known ? known.message : String(error)).slice(0, 500),
        updated_at: sql`now()`,
      })
      .execute();
    return failed ? "failed" : "retry";
  }
}

/**
 * Gives a job to every delivery still queued or sending, untouched for a
 * whole timeout, that no live job will deliver (its jobs ended while another
 * worker held it, or ran out while a dead worker's claim was still fresh).
 */
export async function sweepUnsentWebhooks(db: Kysely<Database>, timings: WebhookTimings): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('daymark:webhook-sweep')) as locked`.execute(trx);
    if (!lock.rows[0]?.locked) return [];
    const orphans = await trx
      .selectFrom("webhook_deliveries as d")
      .select("d.id")
      .where("d.status", "in", ["queued", "sending"])
      .where("d.updated_at", "<", sql<Date>`now() - make_interval(secs => ${timings.staleClaimSeconds})`)
      .where(
        sql<boolean>`d.id::text not in (
          select data->>'deliveryId' from pgboss.job where name = ${queues.deliverWebhook} and state < 'completed'
        )`,
      )
      .orderBy("d.created_at")
      .limit(1000)
      .execute();
    for (const { id } of orphans) await enqueueJob(trx, queues.deliverWebhook, { deliveryId: id });
    return orphans.map((row) => row.id);
  });
}
