import { sql } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { OutboxMessage } from "~db/types";
import { startJobRunner, type JobRunner } from "~/jobs/runner.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createNetwork } from "../support/fixtures";
import { SmtpSink } from "../support/smtp-sink";

async function waitForStatus(database: TestDatabase, id: string, statuses: string[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await database.db.selectFrom("email_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    if (statuses.includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`message ${id} still ${row.status} (${row.last_error})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const resetParams = (name: string) => ({
  name,
  resetUrl: "https://daymark.test/reset-password/token",
  validMinutes: 60,
});

describe("the outbox delivered through SMTP by pg-boss", () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let runner: JobRunner;
  let networkId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = await new SmtpSink().start();
    networkId = (await createNetwork(database.db, "mail")).id;
    runner = await startJobRunner(database, {
      transport: createMailTransport(sink.url),
      pollSeconds: 0.5,
      emailRetryLimit: 2,
      emailRetryDelaySeconds: 1,
      schedule: false,
    });
  });
  afterAll(async () => {
    await runner.stop();
    await sink.stop();
    await database.drop();
  });
  afterEach(() => {
    sink.messages.length = 0;
  });

  test("a queued message reaches the SMTP server once, with correct headers and both parts", async () => {
    const id = await queueEmail(database.db, {
      kind: "password-reset",
      to: "ana@example.org",
      locale: "fr",
      networkId,
      params: resetParams("Ana"),
      headers: { "List-Unsubscribe": "<https://daymark.test/u/x>\r\nBcc: injected@example.org" },
    });
    const row = await waitForStatus(database, id, ["sent"]);
    const [mail, ...others] = sink.messagesTo("ana@example.org");
    expect(others).toEqual([]);
    expect(mail!.envelopeTo).toEqual(["ana@example.org"]);
    const parsed = mail!.parsed;
    expect(parsed.from?.value).toEqual([{ address: "no-reply@daymark.test", name: "Daymark Test" }]);
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value).toEqual([{ address: "ana@example.org", name: "" }]);
    expect(parsed.subject).toBe("Réinitialisez votre mot de passe Daymark");
    expect(parsed.messageId).toBe(row.message_id);
    expect(parsed.date).toBeInstanceOf(Date);
    const headerLines = mail!.raw.split("\r\n\r\n")[0]!.split("\r\n");
    expect(headerLines).toContain("List-Unsubscribe: <https://daymark.test/u/x> Bcc: injected@example.org");
    expect(headerLines.filter((line) => /^bcc:/i.test(line))).toEqual([]);
    expect(parsed.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    expect(parsed.text).toBe(row.text_body);
    expect(parsed.html).toBe(row.html_body);
    expect(row).toMatchObject({ status: "sent", attempts: 1, last_error: null, raw_mime: null });
    expect(row.sent_at).toBeInstanceOf(Date);
  });

  test("a temporary refusal (451) is retried and then delivered", async () => {
    sink.refuseNext(1, 451);
    const id = await queueEmail(database.db, {
      kind: "password-reset",
      to: "ben@example.org",
      locale: "en",
      networkId,
      params: resetParams("Ben"),
    });
    const row = await waitForStatus(database, id, ["sent", "failed"]);
    expect(row).toMatchObject({ status: "sent", attempts: 2, last_error: null });
    expect(sink.messagesTo("ben@example.org").map((m) => m.parsed.subject)).toEqual(["Reset your Daymark password"]);
  });

  test("a permanent refusal (550) is recorded with its reason and not retried", async () => {
    sink.refuseNext(1, 550);
    const id = await queueEmail(database.db, {
      kind: "password-reset",
      to: "gone@example.org",
      locale: "en",
      networkId,
      params: resetParams("Gone"),
    });
    const row = await waitForStatus(database, id, ["sent", "failed"]);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.last_error).toMatch(/550 Mailbox unavailable/);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await waitForStatus(database, id, ["failed"])).attempts).toBe(1);
  });

  test("temporary refusals past the retry limit end as failed", async () => {
    sink.refuseNext(3, 421);
    const id = await queueEmail(database.db, {
      kind: "password-reset",
      to: "busy@example.org",
      locale: "en",
      networkId,
      params: resetParams("Busy"),
    });
    const row = await waitForStatus(database, id, ["sent", "failed"]);
    expect(row).toMatchObject({ status: "failed", attempts: 3 });
    expect(row.last_error).toMatch(/421 Try again later/);
    expect(sink.messagesTo("busy@example.org")).toEqual([]);
  });

  test("a message queued in a transaction that rolls back is never sent", async () => {
    const jobsBefore = await sql<{ count: number }>`select count(*) as count from pgboss.job`.execute(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await queueEmail(trx, {
          kind: "password-reset",
          to: "rolled-back@example.org",
          locale: "en",
          networkId,
          params: resetParams("Nobody"),
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const jobsAfter = await sql<{ count: number }>`select count(*) as count from pgboss.job`.execute(database.db);
    expect(jobsAfter.rows[0]!.count).toBe(jobsBefore.rows[0]!.count);
    const rows = await database.db.selectFrom("email_outbox").select("id").where("to_address", "=", "rolled-back@example.org").execute();
    expect(rows).toEqual([]);
  });
});

describe("captured mail (no SMTP_URL)", () => {
  let database: TestDatabase;
  let runner: JobRunner;
  beforeAll(async () => {
    database = await createTestDatabase();
    runner = await startJobRunner(database, {
      transport: createMailTransport(undefined),
      pollSeconds: 0.5,
      emailRetryLimit: 2,
      emailRetryDelaySeconds: 1,
      schedule: false,
    });
  });
  afterAll(async () => {
    await runner.stop();
    await database.drop();
  });

  test("keeps the raw MIME message for the dev mailbox", async () => {
    const id = await queueEmail(database.db, {
      kind: "password-reset",
      to: "dev@example.org",
      locale: "en",
      networkId: null,
      params: resetParams("Dev"),
    });
    const row: OutboxMessage = await waitForStatus(database, id, ["captured"]);
    expect(row.attempts).toBe(1);
    expect(row.raw_mime).toContain("Subject: Reset your Daymark password\r\n");
    expect(row.raw_mime).toContain("To: dev@example.org\r\n");
    expect(row.raw_mime).toContain(`Message-ID: ${row.message_id}\r\n`);
    expect(row.raw_mime).toContain("Content-Type: multipart/alternative;");
  });
});
