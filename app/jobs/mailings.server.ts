import type { Kysely } from "kysely";
import type PgBoss from "pg-boss";
import type { Database } from "~db/types";
import type { MailTimings } from "~/modules/mail/timing";
import { dispatchMailing, wakeMailings } from "~/modules/mailings/dispatch.server";
import { getEnv } from "~/utils/env.server";
import { queues, type JobPayloads } from "./queues";
import type { JobRunnerOptions, MailLanes } from "./runner.server";

export function mailingQueues(timings: MailTimings): PgBoss.Queue[] {
  return [
    // A dispatch job works one slice and then hands over; the lease, not pg-boss's
    // expiry, decides when a dead dispatcher's mailing is taken over.
    {
      name: queues.mailingDispatch,
      retryLimit: 10,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: timings.dispatchTimeoutSeconds,
    },
    { name: queues.mailingWake, retryLimit: 0 },
  ];
}

/** Works the mailing queues; `stop()` makes running dispatchers hand their mailing over at once. */
export async function registerMailingJobs(boss: PgBoss, db: Kysely<Database>, options: JobRunnerOptions, lanes: MailLanes) {
  const stopping = new AbortController();
  await boss.work<JobPayloads["mailing-dispatch"]>(
    queues.mailingDispatch,
    { pollingIntervalSeconds: options.pollSeconds, batchSize: 1 },
    async ([job]) => {
      if (!job || stopping.signal.aborted) return;
      await dispatchMailing(db, job.data.mailingId, {
        transport: options.transport,
        appUrl: getEnv().appUrl,
        bounceDomain: getEnv().bounceDomain,
        pacer: lanes.mailing,
        slots: lanes.slots,
        timings: lanes.timings,
        retryDelaySeconds: options.emailRetryDelaySeconds,
        giveWay: () => lanes.inHand.count > 0,
        signal: stopping.signal,
      });
    },
  );
  await boss.work(queues.mailingWake, { pollingIntervalSeconds: options.pollSeconds }, async () => {
    await wakeMailings(db);
  });
  if (options.schedule) await boss.schedule(queues.mailingWake, "* * * * *");
  // A worker starting after a crash picks up the mailings it left at once, not at the next minute.
  await wakeMailings(db);
  return { stop: () => stopping.abort() };
}
