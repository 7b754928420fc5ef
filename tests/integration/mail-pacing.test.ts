import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, type DatabaseHandle } from "~db/connection";
import { startJobRunner, type JobRunner } from "~/jobs/runner.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork } from "../support/fixtures";
import { SmtpSink } from "../support/smtp-sink";

const ratePerSecond = 4;
const messages = 12;

describe.each(testDrivers())("one rate for one-off mail across workers on %s", (driver) => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  let sink: SmtpSink;
  const runners: JobRunner[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    // Two workers, each with its own connections where the database is a server, as two processes would have.
    second = database.url ? await openDatabase({ connectionString: database.url }) : database;
    sink = await new SmtpSink().start();
    const network = await createNetwork(database.db, "paced");
    await database.db.transaction().execute(async (trx) => {
      for (let i = 0; i < messages; i++) {
        await queueEmail(trx, {
          to: `person${i}@example.org`,
          locale: "en",
          networkId: network.id,
          kind: "password-reset",
          params: { name: `Person ${i}`, resetUrl: `https://daymark.test/reset-password/${i}`, validMinutes: 30 },
        });
      }
    });
  });
  afterAll(async () => {
    await Promise.all(runners.map((runner) => runner.stop()));
    if (second !== database) await second.close();
    await sink.stop();
    await database.drop();
  });

  test(`two workers together hand over no more than MAIL_RATE_PER_SECOND (${ratePerSecond}) messages a second, and every message arrives`, async () => {
    for (const handle of [database, second]) {
      runners.push(
        await startJobRunner(handle, {
          transport: createMailTransport(sink.url),
          pollSeconds: 0.5,
          emailRetryLimit: 2,
          emailRetryDelaySeconds: 1,
          mailRatePerSecond: ratePerSecond,
          schedule: false,
        }),
      );
    }
    const deadline = Date.now() + 60_000;
    while (sink.messages.length < messages && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(new Set(sink.messages.map((message) => message.envelopeTo[0])).size).toBe(messages);
    // At 4 a second the 12 hand-overs span 2.75 s; two workers pacing alone would send 8 a second (1.4 s).
    // The bound leaves room for the time between a turn and its arrival, which varies on a loaded machine.
    const arrivals = sink.messages.map((message) => message.receivedAt);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThan(((messages - 1) / ratePerSecond) * 1000 - 750);
  });
});
