import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Kysely } from "kysely";
import { openDatabase, type DatabaseHandle } from "~db/connection";
import type { Database } from "~db/types";
import { queueEmail } from "~/modules/mail/outbox.server";
import { createMailing, saveMailing, sendMailingNow } from "~/modules/mailings/mailings.server";
import { mailingReport } from "~/modules/mailings/report.server";
import { createTestDatabase, createTestDataFolder, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";
import { seedContacts } from "../support/mailings";
import { SmtpSink } from "../support/smtp-sink";
import { spawnWorker } from "../support/spawn-worker";

const CONTACTS = 120;
const ONE_OFF = "promoted@waitlist.example.net";

/**
 * A real worker process is killed with SIGKILL while it waits on the mail
 * server for a one-off message and while it sends a mailing; a new worker
 * then delivers everything. PGlite runs here too: each worker in turn owns the
 * embedded data folder, as the web process does on the embedded default.
 */
describe.each(testDrivers())("a worker killed mid-send (%s)", (driver) => {
  let sink: SmtpSink;
  let worker: ChildProcess | undefined;
  let database: TestDatabase;
  let dataDir: string | undefined;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    if (driver === "pglite") ({ dataDir, database } = await createTestDataFolder());
    else database = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    worker?.kill("SIGKILL");
    await sink?.stop();
    if (driver === "postgres") await database?.drop();
  });

  function startWorker(): ChildProcess {
    return spawnWorker(
      "tests/support/worker-process.ts",
      driver === "postgres" ? { DATABASE_URL: database.url! } : { DATA_DIR: dataDir! },
      sink.url,
      {
        EMAIL_RETRY_DELAY_SECONDS: "1",
        MAIL_TIMEOUT_SECONDS: "8",
      },
    );
  }

  const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

  async function startMailing(db: Kysely<Database>, slug: string, contacts: number) {
    const network = await createNetwork(db, `${slug}-${driver}`);
    const organiser = await createUser(db, { email: `org-${driver}@${slug}.example.org`, networkId: network.id, role: "organiser" });
    const seeded = await seedContacts(db, network.id, contacts);
    const mailingId = await createMailing(db, network, organiser.id, slug);
    await saveMailing(db, network.id, mailingId, {
      title: slug,
      campaignId: null,
      countries: [],
      languages: [],
      tags: [],
      pledgedCampaignId: null,
      variants: [{ language: "en", subject: "Hello {{partner.name}}", body: "Dear {{contact.name}}" }],
    });
    expect(await sendMailingNow(db, network, mailingId, organiser.id)).toEqual({ ok: true });
    return { mailingId, contacts: seeded };
  }

  /** The database after the workers are done: PGlite's folder is the test's again. */
  async function reopened(): Promise<DatabaseHandle> {
    return driver === "pglite" ? openDatabase({ dataDir: dataDir! }) : database;
  }

  test("every message is delivered, none stays sending, only what was in flight twice", { timeout: 180_000 }, async () => {
    const { db } = database;
    const { mailingId, contacts } = await startMailing(db, "killed", CONTACTS);
    const oneOffId = await queueEmail(db, {
      kind: "password-reset",
      to: ONE_OFF,
      locale: "en",
      networkId: null,
      params: { name: "Promoted", resetUrl: "https://daymark.test/reset-password/token", validMinutes: 60 },
    });
    // The embedded folder belongs to one process at a time: the workers have it from here on.
    if (driver === "pglite") await database.close();

    // The mail server takes the one-off message's data and never answers: the worker waits on it.
    sink.stall(ONE_OFF);
    worker = startWorker();
    await expect.poll(() => sink.stalledMessages.length, { timeout: 60_000, interval: 50 }).toBe(1);
    await expect.poll(() => sink.messages.length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(30);
    worker.kill("SIGKILL");
    await exited(worker);
    const deliveredAtKill = sink.messages.length;
    // Each conversation the server left hanging was one claim (the worker may have timed one out and retried).
    const attemptsAtKill = sink.stalledMessages.length;
    expect(deliveredAtKill).toBeLessThan(CONTACTS);
    expect(sink.messagesTo(ONE_OFF)).toEqual([]);

    sink.unstall(ONE_OFF);
    worker = startWorker();
    await expect
      .poll(() => sink.messagesTo(ONE_OFF).length + sink.messages.length, { timeout: 120_000, interval: 100 })
      .toBeGreaterThanOrEqual(CONTACTS + 2);
    // Long enough for a duplicate to show if one were coming: a stale claim, a sweep and a retry.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    worker.kill("SIGTERM");
    expect(await exited(worker)).toBe(0);
    worker = undefined;

    const counts = new Map<string, number>();
    for (const mail of sink.messages) for (const to of mail.envelopeTo) counts.set(to, (counts.get(to) ?? 0) + 1);
    expect(counts.get(ONE_OFF)).toBe(1);
    expect(contacts.filter((contact) => !counts.has(contact.email))).toEqual([]);
    // The dispatcher sends one message at a time: at most the one in flight at the kill arrives twice.
    const twice = contacts.filter((contact) => counts.get(contact.email)! > 1);
    expect(twice.length).toBeLessThanOrEqual(1);
    expect(sink.messages.length).toBe(CONTACTS + 1 + twice.length);

    const after = await reopened();
    try {
      const statuses = await after.db.selectFrom("email_outbox").select(["status", "to_address"]).execute();
      expect(statuses.filter((row) => row.status !== "sent")).toEqual([]);
      expect(statuses).toHaveLength(CONTACTS + 1);
      const oneOff = await after.db
        .selectFrom("email_outbox")
        .select(["status", "attempts"])
        .where("id", "=", oneOffId)
        .executeTakeFirstOrThrow();
      // Claimed again after the kill (more than once if a first try there timed out on a loaded machine).
      expect(oneOff.status).toBe("sent");
      expect(oneOff.attempts).toBeGreaterThan(attemptsAtKill);
      expect((await mailingReport(after.db, mailingId)).counts).toEqual({
        queued: 0,
        deferred: 0,
        sent: CONTACTS,
        bounced: 0,
        complained: 0,
        unsubscribed: 0,
        suppressed: 0,
        failed: 0,
      });
    } finally {
      if (driver === "pglite") await after.close();
    }
  });
  test("a worker stopped with SIGTERM mid-mailing hands the mailing over at once: nobody twice", { timeout: 180_000 }, async () => {
    sink.messages.length = 0;
    const seeding = await reopened();
    const { mailingId, contacts } = await startMailing(seeding.db, "stopped", 80);
    if (driver === "pglite") await seeding.close();

    worker = startWorker();
    await expect.poll(() => sink.messages.length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(20);
    worker.kill("SIGTERM");
    expect(await exited(worker)).toBe(0);
    const atStop = sink.messages.length;
    expect(atStop).toBeLessThan(80);

    const stopped = await reopened();
    try {
      const mailing = await stopped.db
        .selectFrom("mailings")
        .select(["status", "lease_owner", "lease_until"])
        .where("id", "=", mailingId)
        .executeTakeFirstOrThrow();
      expect(mailing).toEqual({ status: "sending", lease_owner: null, lease_until: null });
      const inFlight = await stopped.db.selectFrom("email_outbox").select("id").where("status", "=", "sending").execute();
      expect(inFlight).toEqual([]);
    } finally {
      if (driver === "pglite") await stopped.close();
    }

    worker = startWorker();
    await expect.poll(() => sink.messages.length, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(80);
    worker.kill("SIGTERM");
    expect(await exited(worker)).toBe(0);
    worker = undefined;
    const received = sink.messages.map((mail) => mail.envelopeTo[0]).sort();
    expect(received).toEqual(contacts.map((contact) => contact.email).sort());
  });
});
