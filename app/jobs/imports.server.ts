import type { Kysely } from "kysely";
import type PgBoss from "pg-boss";
import type { Database } from "~db/types";
import { enqueueDueSources, syncSource } from "~/modules/imports/sync.server";
import { getEnv } from "~/utils/env.server";
import { queues, type JobPayloads } from "./queues";
import type { JobRunnerOptions } from "./runner.server";

export const importQueues: PgBoss.Queue[] = [
  // "short": one waiting sync per source, however often it is asked for. A sync that fails is
  // recorded on the source and retried at its next time, not by pg-boss.
  { name: queues.calendarImport, policy: "short", retryLimit: 0, expireInSeconds: 10 * 60 },
  { name: queues.calendarImportWake, retryLimit: 0 },
];

export async function registerImportJobs(boss: PgBoss, db: Kysely<Database>, options: JobRunnerOptions) {
  await boss.work<JobPayloads["calendar-import"]>(
    queues.calendarImport,
    { pollingIntervalSeconds: options.pollSeconds, batchSize: 1 },
    async ([job]) => {
      if (!job) return;
      const env = getEnv();
      await syncSource(db, job.data.sourceId, { now: new Date(), allowedHosts: env.importAllowedHosts, appUrl: env.appUrl });
    },
  );
  await boss.work(queues.calendarImportWake, { pollingIntervalSeconds: options.pollSeconds }, async () => {
    await enqueueDueSources(db, new Date());
  });
  if (options.schedule) await boss.schedule(queues.calendarImportWake, "*/5 * * * *");
}
