import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { recordAudit } from "~/modules/audit/audit.server";
import { checkDestination, SafeFetchError } from "~/modules/net/safe-fetch.server";
import type { WebhookKind } from "./webhooks.schema";

/**
 * A network's webhook endpoints, managed by its owners. An address that
 * resolves to a private, loopback or link-local address is refused unless
 * the owner allows it for that endpoint (no request forgery into the host's
 * network); every delivery checks the address again (safe-fetch pins it).
 */
export type CreateOutcome = { ok: true; id: string; secret: string } | { ok: false; reason: "private-address" | "unreachable" | "invalid" };

export async function createWebhookEndpoint(
  db: Kysely<Database>,
  input: { networkId: string; userId: string; url: string; kinds: WebhookKind[]; allowPrivate: boolean },
): Promise<CreateOutcome> {
  let url: URL;
  try {
    const host = new URL(input.url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
    url = await checkDestination(input.url, input.allowPrivate ? [host] : []);
  } catch (error) {
    if (error instanceof SafeFetchError && error.code === "private-address") return { ok: false, reason: "private-address" };
    if (error instanceof SafeFetchError && error.code === "dns") return { ok: false, reason: "unreachable" };
    return { ok: false, reason: "invalid" };
  }
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("webhook_endpoints")
      .values({
        network_id: input.networkId,
        url: url.toString(),
        secret,
        kinds: input.kinds,
        allow_private: input.allowPrivate,
        created_by: input.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.userId,
      action: "webhook.created",
      subjectType: "webhook_endpoint",
      subjectId: row.id,
      details: { kinds: input.kinds.join(","), allowPrivate: input.allowPrivate },
    });
    return row.id;
  });
  return { ok: true, id, secret };
}

export async function deleteWebhookEndpoint(db: Kysely<Database>, input: { networkId: string; endpointId: string; userId: string }) {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .deleteFrom("webhook_endpoints")
      .where("id", "=", input.endpointId)
      .where("network_id", "=", input.networkId)
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows) > 0;
    if (deleted) {
      await recordAudit(trx, {
        networkId: input.networkId,
        actorUserId: input.userId,
        action: "webhook.deleted",
        subjectType: "webhook_endpoint",
        subjectId: input.endpointId,
      });
    }
    return deleted;
  });
}

/** The endpoints with their deliveries' tally, for the owners' page. */
export function listWebhookEndpoints(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("webhook_endpoints as e")
    .leftJoin("webhook_deliveries as d", "d.endpoint_id", "e.id")
    .select((eb) => [
      "e.id",
      "e.url",
      "e.kinds",
      "e.allow_private",
      "e.created_at",
      eb.fn.count<number>("d.id").filterWhere("d.status", "=", "delivered").as("delivered"),
      eb.fn.count<number>("d.id").filterWhere("d.status", "in", ["queued", "sending"]).as("pending"),
      eb.fn.count<number>("d.id").filterWhere("d.status", "=", "failed").as("failed"),
    ])
    .where("e.network_id", "=", networkId)
    .groupBy("e.id")
    .orderBy("e.created_at")
    .execute();
}

export function getWebhookEndpoint(db: Kysely<Database>, networkId: string, endpointId: string) {
  return db
    .selectFrom("webhook_endpoints")
    .select(["id", "url", "kinds", "allow_private", "created_at"])
    .where("network_id", "=", networkId)
    .where("id", "=", endpointId)
    .executeTakeFirst();
}

const DELIVERY_LOG_SIZE = 100;

/** An endpoint's latest deliveries, newest first, with the receiver's last answer. */
export function listWebhookDeliveries(db: Kysely<Database>, endpointId: string) {
  return db
    .selectFrom("webhook_deliveries")
    .select(["id", "kind", "status", "attempts", "last_status_code", "last_error", "created_at", "delivered_at", "updated_at"])
    .where("endpoint_id", "=", endpointId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(DELIVERY_LOG_SIZE)
    .execute();
}

/** Sends a delivered or failed delivery again, same body and id, with a fresh round of retries. */
export async function redeliverWebhook(db: Kysely<Database>, input: { networkId: string; endpointId: string; deliveryId: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("webhook_deliveries")
      .set({ status: "queued", updated_at: sql`now()` })
      .where("id", "=", input.deliveryId)
      .where("endpoint_id", "=", input.endpointId)
      .where("network_id", "=", input.networkId)
      .where("status", "in", ["delivered", "failed"])
      .returning("id")
      .executeTakeFirst();
    if (row) await enqueueJob(trx, queues.deliverWebhook, { deliveryId: row.id });
    return Boolean(row);
  });
}
