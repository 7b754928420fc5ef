import type { Kysely } from "kysely";
import PgBoss from "pg-boss";
import type { Database } from "~db/types";
import type { DatabaseHandle } from "~db/connection";
import { sendWeeklyDigests } from "~/modules/campaigns/digest.server";
import { pollBounceMailbox } from "~/modules/mail/bounce-mailbox.server";
import { deliverOutboxMessage } from "~/modules/mail/delivery.server";
import { DomainSlots, Pacer } from "~/modules/mail/pacing";
import { sweepUnsentMessages } from "~/modules/mail/sweep.server";
import { mailTimings, type MailTimings } from "~/modules/mail/timing";
import { createMailTransport, type MailTransport } from "~/modules/mail/transport.server";
import { sendDueSpeakerReminders } from "~/modules/speakers/reminders.server";
import { sendReminders } from "~/modules/registrations/reminders.server";
import { isDatabaseUnreachable } from "~/utils/database-outage.server";
import { deliverWebhook, sweepUnsentWebhooks } from "~/modules/webhooks/delivery.server";
import { webhookTimings } from "~/modules/webhooks/timing";
import { getEnv } from "~/utils/env.server";
import { handleEventChanged } from "./event-changed.server";
import { importQueues, registerImportJobs } from "./imports.server";
import { registerMailingJobs, mailingQueues } from "./mailings.server";
import { runMaintenance } from "./maintenance.server";
import { jobWakeChannel } from "./enqueue.server";
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
  /** One-off messages per second (MAIL_RATE_PER_SECOND); 0: as fast as the server answers. */
  mailRatePerSecond?: number;
  /** Conversations at once with one recipient domain (MAIL_DOMAIN_CONCURRENCY). */
  mailDomainConcurrency?: number;
  /** Delivery jobs fetched at once (MAIL_BATCH_SIZE). */
  mailBatchSize?: number;
  /** MAIL_TIMEOUT_SECONDS: every claim, lease and job timeout of mail derives from it (see timing.ts). */
  mailTimeoutSeconds?: number;
  /** BOUNCE_IMAP_URL: the mailbox polled for bounces, complaints and mailto: unsubscribes; unset: none. */
  bounceImapUrl?: string;
  /** WEBHOOK_TIMEOUT_SECONDS, as MAIL_TIMEOUT_SECONDS for webhooks (modules/webhooks/timing.ts). */
  webhookTimeoutSeconds?: number;
  /** Retries of a webhook delivery with exponential backoff: 12 from 30 s span more than a day. */
  webhookRetryLimit?: number;
  webhookRetryDelaySeconds?: number;
}

/** What every mail sender in one process shares: the time limits, one pacer per kind (global), the domain slots. */
export interface MailLanes {
  timings: MailTimings;
  transactional: Pacer;
  mailing: Pacer;
  slots: DomainSlots;
  /** One-off messages this process holds now; the mailing dispatcher gives way to them. */
  inHand: { count: number };
}

export function mailLanes(db: Kysely<Database>, options: JobRunnerOptions): MailLanes {
  return {
    timings: mailTimings(options.mailTimeoutSeconds),
    transactional: new Pacer(db, "transactional", options.mailRatePerSecond ?? 0),
    mailing: new Pacer(db, "mailing", options.mailingRatePerSecond ?? getEnv().mailingRatePerSecond),
    slots: new DomainSlots(options.mailDomainConcurrency ?? 5),
    inHand: { count: 0 },
  };
}

function bossFor(handle: DatabaseHandle, extra: PgBoss.ConstructorOptions = {}): PgBoss {
  const connection: PgBoss.ConstructorOptions = handle.jobSql
    ? { db: handle.jobSql as PgBoss.Db }
    : { connectionString: handle.connectionString, max: 4 };
  const boss = new PgBoss({ ...connection, ...extra });
  boss.on("error", (error) => console.error("job queue error:", error));
  return boss;
}

type QueueSettings = Pick<
  JobRunnerOptions,
  | "emailRetryLimit"
  | "emailRetryDelaySeconds"
  | "mailTimeoutSeconds"
  | "webhookTimeoutSeconds"
  | "webhookRetryLimit"
  | "webhookRetryDelaySeconds"
>;

/** Creates the queues, or brings their settings up to date (createQueue leaves an existing queue alone). */
async function createQueues(boss: PgBoss, options: QueueSettings) {
  const timings = mailTimings(options.mailTimeoutSeconds);
  const settings: PgBoss.Queue[] = [
    {
      name: queues.deliverEmail,
      retryLimit: options.emailRetryLimit,
      retryDelay: options.emailRetryDelaySeconds,
      retryBackoff: true,
      // A job killed with its worker is retried once it expires; by then its claim is stale too.
      expireInSeconds: timings.jobTimeoutSeconds,
    },
    {
      name: queues.deliverWebhook,
      retryLimit: options.webhookRetryLimit ?? 12,
      retryDelay: options.webhookRetryDelaySeconds ?? 30,
      retryBackoff: true,
      expireInSeconds: webhookTimings(options.webhookTimeoutSeconds).jobTimeoutSeconds,
    },
    { name: queues.maintenance, retryLimit: 0 },
    { name: queues.eventChanged, retryLimit: 5, retryDelay: 10, retryBackoff: true },
    { name: queues.campaignDigest, retryLimit: 3, retryDelay: 300 },
    { name: queues.speakerReminders, retryLimit: 0 },
    // A poll that failed (mailbox unreachable) is simply done again at the next one.
    { name: queues.bounceMailbox, policy: "singleton", retryLimit: 0 },
    // "short": one waiting job per singleton key, so each event's reminder is scheduled once.
    { name: queues.registrationReminder, policy: "short", retryLimit: 5, retryDelay: 30, retryBackoff: true },
    ...mailingQueues(timings),
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
export async function ensureJobSchema(handle: DatabaseHandle, options: QueueSettings) {
  const boss = bossFor(handle, { supervise: false, schedule: false });
  await boss.start();
  await createQueues(boss, options);
  await boss.stop({ graceful: false, close: true, wait: true });
}

export interface JobRunner {
  stop(): Promise<void>;
}

let outagesSurvived = false;

/**
 * pg-boss completes and fails a batch of jobs without awaiting it (its
 * manager's onFetch): while the database cannot be reached those promises
 * reject with no one to catch them, and Node would end the process. Such a
 * rejection is logged, and the jobs come back when their leases expire; any
 * other unhandled rejection still ends the process, as by default.
 */
function surviveDatabaseOutages() {
  if (outagesSurvived) return;
  outagesSurvived = true;
  process.on("unhandledRejection", (reason) => {
    if (!isDatabaseUnreachable(reason)) throw reason;
    console.error("job queue: the database cannot be reached:", (reason as Error).message);
  });
}

/** Works every queue in this process until stopped. */
export async function startJobRunner(handle: DatabaseHandle, options: JobRunnerOptions): Promise<JobRunner> {
  surviveDatabaseOutages();
  const lanes = mailLanes(handle.db, options);
  const { timings } = lanes;
  // pg-boss notices expired jobs at its maintenance: as often as we sweep, not every two minutes.
  const boss = bossFor(handle, { schedule: options.schedule, supervise: true, maintenanceIntervalSeconds: timings.sweepSeconds });
  await boss.start();
  await createQueues(boss, options);
  const db = handle.db;

  const batchSize = options.mailBatchSize ?? 50;
  const mailWorker: string = await boss.work<JobPayloads["deliver-email"]>(
    queues.deliverEmail,
    { includeMetadata: true, pollingIntervalSeconds: options.pollSeconds, batchSize },
    async (jobs) => {
      const started = Date.now();
      lanes.inHand.count += jobs.length;
      try {
        await Promise.all(
          jobs.map(async (job) => {
            try {
              // pg-boss fails a whole batch that outlives the job timeout: leave what cannot start in time to a retry.
              if (Date.now() - started > (timings.jobTimeoutSeconds * 1000) / 2) throw new Error("batch ran out of time");
              const outcome = await deliverOutboxMessage(db, job.data.outboxId, options.transport, {
                finalAttempt: job.retryCount >= job.retryLimit,
                timings,
                slots: lanes.slots,
                pacer: job.data.lane === "mailing" ? lanes.mailing : lanes.transactional,
              });
              // pg-boss retries a failed job with backoff; "claimed" comes back until the claim's owner finished or died.
              if (outcome === "retry") throw new Error(`temporary failure delivering ${job.data.outboxId}`);
              if (outcome === "claimed") throw new Error(`${job.data.outboxId} is being sent by another worker`);
            } catch (error) {
              await boss.fail(queues.deliverEmail, job.id, { message: error instanceof Error ? error.message : String(error) });
            } finally {
              lanes.inHand.count -= 1;
            }
          }),
        );
      } finally {
        // A full batch means more may be waiting: fetch again at once instead of after the poll interval.
        if (jobs.length === batchSize) boss.notifyWorker(mailWorker);
      }
    },
  );
  // Woken as soon as a delivery job is committed, from any process.
  await handle.listen(jobWakeChannel, (queue) => {
    if (queue === queues.deliverEmail) boss.notifyWorker(mailWorker);
  });

  const hooks = webhookTimings(options.webhookTimeoutSeconds);
  const webhookWorker: string = await boss.work<JobPayloads["deliver-webhook"]>(
    queues.deliverWebhook,
    { includeMetadata: true, pollingIntervalSeconds: options.pollSeconds, batchSize: 10 },
    async (jobs) => {
      await Promise.all(
        jobs.map(async (job) => {
          try {
            const outcome = await deliverWebhook(db, job.data.deliveryId, {
              finalAttempt: job.retryCount >= job.retryLimit,
              timings: hooks,
            });
            if (outcome === "retry") throw new Error(`webhook ${job.data.deliveryId} not accepted yet`);
            if (outcome === "claimed") throw new Error(`webhook ${job.data.deliveryId} is being sent by another worker`);
          } catch (error) {
            await boss.fail(queues.deliverWebhook, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }),
      );
    },
  );
  await handle.listen(jobWakeChannel, (queue) => {
    if (queue === queues.deliverWebhook) boss.notifyWorker(webhookWorker);
  });

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
  const mailings = await registerMailingJobs(boss, db, options, lanes);
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

  const bounceImapUrl = options.bounceImapUrl;
  if (bounceImapUrl) {
    await boss.work(queues.bounceMailbox, { pollingIntervalSeconds: 30 }, async () => {
      await pollBounceMailbox(db, bounceImapUrl);
    });
    if (options.schedule) await boss.schedule(queues.bounceMailbox, "*/5 * * * *");
  }

  // Not a cron job: cron's minute is too coarse for a short MAIL_TIMEOUT_SECONDS.
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweeper = setInterval(() => {
    sweeping = Promise.all([
      sweepUnsentMessages(db, timings).catch((error) => console.error("mail sweep failed:", error)),
      sweepUnsentWebhooks(db, hooks).catch((error) => console.error("webhook sweep failed:", error)),
    ]);
  }, timings.sweepSeconds * 1000);

  return {
    async stop() {
      clearInterval(sweeper);
      await sweeping;
      mailings.stop();
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
  mailRatePerSecond: number;
  mailDomainConcurrency: number;
  mailBatchSize: number;
  mailTimeoutSeconds: number;
  bounceImapUrl: string | undefined;
  webhookTimeoutSeconds: number;
  webhookRetryLimit: number;
  webhookRetryDelaySeconds: number;
}): JobRunnerOptions {
  return {
    transport: createMailTransport(env.smtpUrl, mailTimings(env.mailTimeoutSeconds).socketTimeoutMs),
    pollSeconds: env.jobPollSeconds,
    emailRetryLimit: env.emailRetryLimit,
    emailRetryDelaySeconds: env.emailRetryDelaySeconds,
    schedule: true,
    mailingRatePerSecond: env.mailingRatePerSecond,
    mailRatePerSecond: env.mailRatePerSecond,
    mailDomainConcurrency: env.mailDomainConcurrency,
    mailBatchSize: env.mailBatchSize,
    mailTimeoutSeconds: env.mailTimeoutSeconds,
    bounceImapUrl: env.bounceImapUrl,
    webhookTimeoutSeconds: env.webhookTimeoutSeconds,
    webhookRetryLimit: env.webhookRetryLimit,
    webhookRetryDelaySeconds: env.webhookRetryDelaySeconds,
  };
}
