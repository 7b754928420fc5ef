import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OutboxMessage } from "~db/types";
import { createMailTransport, type MailTransport } from "~/modules/mail/transport.server";
import { DomainSlots, Pacer } from "~/modules/mail/pacing";
import { mailTimings } from "~/modules/mail/timing";
import { dispatchMailing } from "~/modules/mailings/dispatch.server";
import { createMailing, saveMailing, sendMailingNow } from "~/modules/mailings/mailings.server";
import { mailingReport } from "~/modules/mailings/report.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";
import { seedContacts, variants, waitForMailing } from "../support/mailings";
import { SmtpSink } from "../support/smtp-sink";
import { spawnWorker } from "../support/spawn-worker";

const englishOnly = [{ language: "en", subject: "Hello {{partner.name}}", body: "Dear {{contact.name}}" }];

async function startMailing(database: TestDatabase, slug: string, contacts: number) {
  const { db } = database;
  const network = await createNetwork(db, slug);
  const organiser = await createUser(db, { email: `org@${slug}.example.org`, networkId: network.id, role: "organiser" });
  const seeded = await seedContacts(db, network.id, contacts);
  const mailingId = await createMailing(db, network, organiser.id, "Resume");
  await saveMailing(db, network.id, mailingId, {
    title: "Resume",
    campaignId: null,
    countries: [],
    languages: [],
    tags: [],
    pledgedCampaignId: null,
    variants: englishOnly,
  });
  expect(await sendMailingNow(db, network, mailingId, organiser.id)).toEqual({ ok: true });
  return { mailingId, seeded };
}

function deliveriesPerAddress(sink: SmtpSink) {
  const counts = new Map<string, number>();
  for (const mail of sink.messages) for (const to of mail.envelopeTo) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

describe.each(testDrivers())("a dispatcher that dies mid-mailing (%s)", (driver) => {
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

  test("is replaced once its lease runs out: nobody lost, the message in flight sent again", async () => {
    sink.messages.length = 0;
    const { db } = database;
    const { mailingId, seeded } = await startMailing(database, `hang-${driver}`, 30);
    const smtp = createMailTransport(sink.url);
    // The first dispatcher delivers ten messages, then hangs inside the eleventh send, as a
    // process frozen or killed there would: it never renews its lease or records the outcome.
    let sent = 0;
    const freezing: MailTransport = {
      mode: "smtp",
      send: (message: OutboxMessage) => (++sent <= 10 ? smtp.send(message) : new Promise(() => {})),
      close: () => undefined,
    };
    const options = {
      appUrl: "https://daymark.test",
      pacer: new Pacer(db, "mailing", 1000),
      slots: new DomainSlots(5),
      retryDelaySeconds: 1,
    };
    void dispatchMailing(db, mailingId, { ...options, timings: { ...mailTimings(30), leaseSeconds: 1 }, transport: freezing });
    await expect.poll(() => sent, { timeout: 20_000 }).toBe(11);

    // While the lease holds, another dispatcher stands back.
    expect(await dispatchMailing(db, mailingId, { ...options, timings: mailTimings(30), transport: smtp })).toBe("busy");
    const frozen = await db.selectFrom("email_outbox").select("status").where("status", "=", "sending").execute();
    expect(frozen).toEqual([{ status: "sending" }]);

    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await dispatchMailing(db, mailingId, { ...options, timings: mailTimings(30), transport: smtp })).toBe("finished");
    smtp.close();

    const counts = deliveriesPerAddress(sink);
    expect(seeded.filter((contact) => counts.get(contact.email) !== 1)).toEqual([]);
    expect(sink.messages).toHaveLength(30);
    expect((await mailingReport(db, mailingId)).counts).toEqual({ queued: 0, sent: 30, failed: 0, unsubscribed: 0 });
  });
});

/**
 * A real `npm run worker` process killed with SIGKILL part-way and started
 * again. It needs PostgreSQL: PGlite is one process's embedded database, so a
 * second process cannot share it (the test above covers the same takeover
 * in-process on both drivers).
 */
describe.runIf(process.env.TEST_DATABASE_URL)("a worker process killed mid-mailing and restarted (postgres)", () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    sink = await new SmtpSink().start();
  });
  afterAll(async () => {
    worker?.kill("SIGKILL");
    await sink?.stop();
    await database?.drop();
  });

  function startWorker(): ChildProcess {
    return spawnWorker("scripts/worker.ts", { DATABASE_URL: database.url! }, sink.url);
  }

  test("resumes: every contact gets the mailing, at most the message in flight twice", { timeout: 180_000 }, async () => {
    const { db } = database;
    const { mailingId, seeded } = await startMailing(database, "killed", 600);
    worker = startWorker();
    await expect.poll(() => sink.messages.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(150);
    worker.kill("SIGKILL");
    await new Promise((resolve) => worker!.once("exit", resolve));
    const atKill = sink.messages.length;
    expect(atKill).toBeLessThan(600);

    worker = startWorker();
    await waitForMailing(db, mailingId, () => sink.messages.length >= 600, 150_000);
    worker.kill("SIGTERM");

    const counts = deliveriesPerAddress(sink);
    expect(seeded.filter((contact) => !counts.has(contact.email))).toEqual([]);
    const twice = [...counts.values()].filter((count) => count > 1);
    expect(twice.length).toBeLessThanOrEqual(1);
    expect(twice.every((count) => count === 2)).toBe(true);
    expect(sink.messages.length).toBe(600 + twice.length);
    expect((await mailingReport(db, mailingId)).counts).toEqual({ queued: 0, sent: 600, failed: 0, unsubscribed: 0 });
  });
});
