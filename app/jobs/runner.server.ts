import PgBoss from "pg-boss";
import type { DatabaseHandle } from "~db/connection";
import { sendWeeklyDigests } from "~/modules/campaigns/digest.server";
import { deliverOutboxMessage } from "~/modules/mail/delivery.server";
import { createMailTransport, type MailTransport } from "~/modules/mail/transport.server";
import { sendDueSpeakerReminders } from "~/modules/speakers/reminders.server";
import { sendReminders } from "~/modules/registrations/reminders.server";
import { handleEventChanged } from "./event-changed.server";
import { importQueues, registerImportJobs } from "./imports.server";
import { registerMailingJobs, mailingQueues } from "./mailings.server";
import { runMaintenance } from "./maintenance.server";
import { queues, type JobPayloads } from "./queues";

export interface JobRunnerOptions {
  transport: MailTransport;
  pollSeconds: number;
  emailRetryLimit: number;
  emailRetryDelaySeconds: number;
  /** Cron-scheduled housekeeping; tests that only deliver mail turn it off. */
  schedule: boolean;
  /** Mailing messages handed to the mail server per second (MAILING_RATE_PER_SECOND). */
  mailingRatePerSecond?: number;
}

function bossFor(handle: DatabaseHandle, extra: PgBoss.ConstructorOptions = {}): PgBoss {
  const connection: PgBoss.ConstructorOptions = handle.jobSql
    ? { db: handle.jobSql as PgBoss.Db }
    : { connectionString: handle.connectionString, max: 4 };
  const boss = new PgBoss({ ...connection, ...extra });
  boss.on("error", (error) => console.error("job queue error:", error));
  return boss;
}

/** Creates the queues, or brings their settings up to date (createQueue leaves an existing queue alone). */
async function createQueues(boss: PgBoss, options: Pick<JobRunnerOptions, "emailRetryLimit" | "emailRetryDelaySeconds">) {
  const settings: PgBoss.Queue[] = [
    {
      name: queues.deliverEmail,
      retryLimit: options.emailRetryLimit,
      retryDelay: options.emailRetryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: 300,
    },
    { name: queues.maintenance, retryLimit: 0 },
    { name: queues.eventChanged, retryLimit: 5, retryDelay: 10, retryBackoff: true },
    { name: queues.campaignDigest, retryLimit: 3, retryDelay: 300 },
    { name: queues.speakerReminders, retryLimit: 0 },
    // "short": one waiting job per singleton key, so each event's reminder is scheduled once.
    { name: queues.registrationReminder, policy: "short", retryLimit: 5, retryDelay: 30, retryBackoff: true },
    ...mailingQueues,
    ...importQueues,
  ];
  for (const queue of settings) {
    await boss.createQueue(queue.name, queue);
    await boss.updateQueue(queue.name, queue);
  }
}

/**
 * Creates pg-boss's tables and our queues. Run at start by every process,
 * whether or not it works jobs, because web processes send jobs.
 */
export async function ensureJobSchema(
  handle: DatabaseHandle,
  options: Pick<JobRunnerOptions, "emailRetryLimit" | "emailRetryDelaySeconds">,
) {
  const boss = bossFor(handle, { supervise: false, schedule: false });
  await boss.start();
  await createQueues(boss, options);
  await boss.stop({ graceful: false, close: true, wait: true });
}

export interface JobRunner {
  stop(): Promise<void>;
}

/** Works every queue in this process until stopped. */
export async function startJobRunner(handle: DatabaseHandle, options: JobRunnerOptions): Promise<JobRunner> {
  const boss = bossFor(handle, { schedule: options.schedule, supervise: true });
  await boss.start();
  await createQueues(boss, options);
  const db = handle.db;

  await boss.work<JobPayloads["deliver-email"]>(
    queues.deliverEmail,
    { includeMetadata: true, pollingIntervalSeconds: options.pollSeconds, batchSize: 1 },
    async ([job]) => {
      if (!job) return;
      const outcome = await deliverOutboxMessage(db, job.data.outboxId, options.transport, {
        finalAttempt: job.retryCount >= job.retryLimit,
      });
      // Throwing hands the job back to pg-boss, which retries it with backoff.
      if (outcome === "retry") throw new Error(`temporary failure delivering ${job.data.outboxId}`);
    },
  );

  await boss.work<JobPayloads["event-changed"]>(
    queues.eventChanged,
    { pollingIntervalSeconds: options.pollSeconds, batchSize: 1 },
    async ([job]) => {
      if (job) await handleEventChanged(db, job.data);
    },
  );

  await boss.work<JobPayloads["registration-reminder"]>(
    queues.registrationReminder,
    { pollingIntervalSeconds: options.pollSeconds, batchSize: 1 },
    async ([job]) => {
      if (job) await sendReminders(db, job.data);
    },
  );
  await registerMailingJobs(boss, db, options);
  await registerImportJobs(boss, db, options);

  await boss.work(queues.maintenance, { pollingIntervalSeconds: 30 }, async () => {
    await runMaintenance(db);
  });
  if (options.schedule) await boss.schedule(queues.maintenance, "*/15 * * * *");

  // Safe to run again: each organiser gets one digest per network and week.
  await boss.work(queues.campaignDigest, { pollingIntervalSeconds: 30 }, async () => {
    await sendWeeklyDigests(db);
  });
  if (options.schedule) await boss.schedule(queues.campaignDigest, "0 7 * * 1", {}, { tz: "Europe/Brussels" });
  await boss.work(queues.speakerReminders, { pollingIntervalSeconds: options.pollSeconds }, async () => {
    await sendDueSpeakerReminders(db);
  });
  // Hourly, so a reminder due at 09:00 in any zone leaves within the hour.
  if (options.schedule) await boss.schedule(queues.speakerReminders, "5 * * * *");

  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      options.transport.close();
    },
  };
}

export function jobRunnerOptionsFromEnv(env: {
  smtpUrl: string | undefined;
  jobPollSeconds: number;
  emailRetryLimit: number;
  emailRetryDelaySeconds: number;
  mailingRatePerSecond: number;
}): JobRunnerOptions {
  return {
    transport: createMailTransport(env.smtpUrl),
    pollSeconds: env.jobPollSeconds,
    emailRetryLimit: env.emailRetryLimit,
    emailRetryDelaySeconds: env.emailRetryDelaySeconds,
    schedule: true,
    mailingRatePerSecond: env.mailingRatePerSecond,
  };
}
