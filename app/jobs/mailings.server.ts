import type { Kysely } from "kysely";
import type PgBoss from "pg-boss";
import type { Database } from "~db/types";
import { dispatchMailing, wakeMailings } from "~/modules/mailings/dispatch.server";
import { getEnv } from "~/utils/env.server";
import { queues, type JobPayloads } from "./queues";
import type { JobRunnerOptions } from "./runner.server";

export const mailingQueues: PgBoss.Queue[] = [
  // A dispatch job works one slice (a minute) and then hands over; the lease, not
  // pg-boss's expiry, decides when a dead dispatcher's mailing is taken over.
  { name: queues.mailingDispatch, retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 15 * 60 },
  { name: queues.mailingWake, retryLimit: 0 },
];

export async function registerMailingJobs(boss: PgBoss, db: Kysely<Database>, options: JobRunnerOptions) {
  await boss.work<JobPayloads["mailing-dispatch"]>(
    queues.mailingDispatch,
    { pollingIntervalSeconds: options.pollSeconds, batchSize: 1 },
    async ([job]) => {
      if (!job) return;
      await dispatchMailing(db, job.data.mailingId, {
        transport: options.transport,
        appUrl: getEnv().appUrl,
        ratePerSecond: options.mailingRatePerSecond ?? getEnv().mailingRatePerSecond,
        retryDelaySeconds: options.emailRetryDelaySeconds,
      });
    },
  );
  await boss.work(queues.mailingWake, { pollingIntervalSeconds: options.pollSeconds }, async () => {
    await wakeMailings(db);
  });
  if (options.schedule) await boss.schedule(queues.mailingWake, "* * * * *");
  // A worker starting after a crash picks up the mailings it left at once, not at the next minute.
  await wakeMailings(db);
}
