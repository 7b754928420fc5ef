import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startJobRunner } from "~/jobs/runner.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { sweepUnsentMessages } from "~/modules/mail/sweep.server";
import { mailTimings } from "~/modules/mail/timing";
import { createMailTransport } from "~/modules/mail/transport.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { SmtpSink } from "../support/smtp-sink";

const queue = (database: TestDatabase, to: string) =>
  queueEmail(database.db, {
    kind: "password-reset",
    to,
    locale: "en",
    networkId: null,
    params: { name: to, resetUrl: "https://daymark.test/reset-password/token", validMinutes: 60 },
  });

/** As if pg-boss had dropped the message's jobs (retries used up and archived, or expired and deleted). */
const loseJobs = (database: TestDatabase, outboxId: string) =>
  sql`delete from pgboss.job where data->>'outboxId' = ${outboxId}`.execute(database.db);

describe.each(testDrivers())("the sweep for unsent messages (%s)", (driver) => {
  let database: TestDatabase;
  let sink: SmtpSink;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    sink = await new SmtpSink().start();
  });
  afterAll(async () => {
    await sink?.stop();
    await database?.drop();
  });

  test("gives a job to each unsent message no job will deliver, once; then all arrive once", async () => {
    const { db } = database;
    const timings = mailTimings(2);
    const withJob = await queue(database, "with-job@example.org");
    const lost = await queue(database, "lost@example.org");
    await loseJobs(database, lost);
    const deadClaim = await queue(database, "dead-claim@example.org");
    await loseJobs(database, deadClaim);
    await db.updateTable("email_outbox").set({ status: "sending", attempts: 1 }).where("id", "=", deadClaim).execute();
    const sent = await queue(database, "sent@example.org");
    await loseJobs(database, sent);
    await db.updateTable("email_outbox").set({ status: "sent", sent_at: new Date() }).where("id", "=", sent).execute();

    // Touched within the timeout: a live sender may still be at work.
    expect(await sweepUnsentMessages(db, timings)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect(await sweepUnsentMessages(db, timings)).toEqual([lost, deadClaim]);
    expect(await sweepUnsentMessages(db, timings)).toEqual([]);

    const runner = await startJobRunner(database, {
      transport: createMailTransport(sink.url),
      pollSeconds: 0.5,
      emailRetryLimit: 2,
      emailRetryDelaySeconds: 1,
      schedule: false,
      mailTimeoutSeconds: 2,
    });
    try {
      const rows = () => db.selectFrom("email_outbox").select(["id", "status", "attempts"]).orderBy("created_at").execute();
      await expect.poll(rows, { timeout: 20_000 }).toEqual([
        { id: withJob, status: "sent", attempts: 1 },
        { id: lost, status: "sent", attempts: 1 },
        { id: deadClaim, status: "sent", attempts: 2 },
        { id: sent, status: "sent", attempts: 0 },
      ]);
      expect(sink.messages.map((mail) => mail.envelopeTo[0]).sort()).toEqual([
        "dead-claim@example.org",
        "lost@example.org",
        "with-job@example.org",
      ]);
    } finally {
      await runner.stop();
    }
  });
});
