import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues, type EventChange } from "~/jobs/queues";
import { getEnv } from "~/utils/env.server";
import type { WebhookKind } from "./webhooks.schema";

/**
 * Puts a webhook delivery for each endpoint of the network that asked for
 * `kind` into `webhook_deliveries`, with its job, in the caller's
 * transaction: a change that rolls back sends nothing, one that commits is
 * always sent (at least once). The body is fixed here, so a retry or a
 * redelivery sends the same bytes. Payloads carry ids, names of events,
 * campaigns and organisations, and counts: never a person.
 */
export async function queueWebhook(trx: Kysely<Database>, input: { networkId: string; kind: WebhookKind; data: object }) {
  const endpoints = await trx
    .selectFrom("webhook_endpoints")
    .select("id")
    .where("network_id", "=", input.networkId)
    .where(sql<boolean>`${input.kind} = any(kinds)`)
    .execute();
  if (endpoints.length === 0) return;
  const network = await trx.selectFrom("networks").select(["id", "slug"]).where("id", "=", input.networkId).executeTakeFirstOrThrow();
  const createdAt = new Date().toISOString();
  for (const endpoint of endpoints) {
    const id = randomUUID();
    const payload = JSON.stringify({ id, type: input.kind, createdAt, network: { id: network.id, slug: network.slug }, data: input.data });
    await trx
      .insertInto("webhook_deliveries")
      .values({ id, endpoint_id: endpoint.id, network_id: network.id, kind: input.kind, payload })
      .execute();
    await enqueueJob(trx, queues.deliverWebhook, { deliveryId: id });
  }
}

const eventKinds: Record<EventChange, WebhookKind> = {
  published: "event.published",
  cancelled: "event.cancelled",
  rescheduled: "event.changed",
  moved: "event.changed",
  details: "event.changed",
};

/** An event was published, changed or cancelled (called by recordEventChange, in its transaction). */
export async function queueEventWebhook(trx: Kysely<Database>, eventId: string, change: EventChange) {
  const event = await trx
    .selectFrom("events")
    .select(["id", "network_id", "title", "status", "visibility", "sequence", "starts_at", "ends_at", "time_zone"])
    .where("id", "=", eventId)
    .executeTakeFirst();
  if (!event) return;
  const network = await trx.selectFrom("networks").select("slug").where("id", "=", event.network_id).executeTakeFirstOrThrow();
  const appUrl = getEnv().appUrl;
  await queueWebhook(trx, {
    networkId: event.network_id,
    kind: eventKinds[change],
    data: {
      event: {
        id: event.id,
        title: event.title,
        status: event.status,
        visibility: event.visibility,
        sequence: event.sequence,
        change,
        start: event.starts_at.toISOString(),
        end: event.ends_at.toISOString(),
        timeZone: event.time_zone,
        url: `${appUrl}/n/${network.slug}/events/${event.id}`,
        apiUrl: `${appUrl}/api/v1/networks/${network.slug}/events/${event.id}`,
      },
    },
  });
}

/** An event's registrations changed: its counts by status, never who. */
export async function queueRegistrationCountsWebhook(trx: Kysely<Database>, eventId: string) {
  const event = await trx
    .selectFrom("events")
    .select(["id", "network_id", "title", "capacity"])
    .where("id", "=", eventId)
    .executeTakeFirst();
  if (!event) return;
  const counts = await trx
    .selectFrom("registrations")
    .select([
      sql<number>`count(*) filter (where status = 'confirmed')`.as("confirmed"),
      sql<number>`count(*) filter (where status = 'attended')`.as("attended"),
      sql<number>`count(*) filter (where status = 'waitlisted')`.as("waitlisted"),
      sql<number>`count(*) filter (where status = 'cancelled')`.as("cancelled"),
    ])
    .where("event_id", "=", eventId)
    .executeTakeFirstOrThrow();
  await queueWebhook(trx, {
    networkId: event.network_id,
    kind: "registrations.counts",
    data: {
      event: { id: event.id, title: event.title, capacity: event.capacity },
      counts: {
        confirmed: Number(counts.confirmed),
        attended: Number(counts.attended),
        waitlisted: Number(counts.waitlisted),
        cancelled: Number(counts.cancelled),
      },
    },
  });
}

/** A mailing finished sending: how many it reached, by outcome; never to whom. */
export async function queueMailingSentWebhook(
  trx: Kysely<Database>,
  mailing: { id: string; network_id: string; title: string; finished_at: Date | null },
) {
  const counts = await trx
    .selectFrom("mailing_recipients")
    .select([
      sql<number>`count(*) filter (where state = 'outboxed')`.as("sent"),
      sql<number>`count(*) filter (where state = 'unsubscribed')`.as("unsubscribed"),
    ])
    .where("mailing_id", "=", mailing.id)
    .executeTakeFirstOrThrow();
  await queueWebhook(trx, {
    networkId: mailing.network_id,
    kind: "mailing.sent",
    data: {
      mailing: { id: mailing.id, title: mailing.title, finishedAt: mailing.finished_at?.toISOString() ?? null },
      counts: { sent: Number(counts.sent), unsubscribed: Number(counts.unsubscribed) },
    },
  });
}
