import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues, type EventChange } from "~/jobs/queues";
import { queueEventWebhook } from "~/modules/webhooks/queue.server";

/**
 * Every change to a published event goes through here, inside the transaction
 * that makes it: the `event-changed` job then tells attendees and speakers
 * (their calendar entries follow), calendar feeds notice the change, and the
 * network's webhooks are told.
 */
export async function recordEventChange(
  trx: Kysely<Database>,
  event: { id: string; sequence: number },
  change: EventChange,
): Promise<void> {
  await enqueueJob(trx, queues.eventChanged, { eventId: event.id, sequence: event.sequence, change });
  await queueEventWebhook(trx, event.id, change);
}
