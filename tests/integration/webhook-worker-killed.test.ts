import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase, type DatabaseHandle } from "~db/connection";
import { createWebhookEndpoint } from "~/modules/webhooks/endpoints.server";
import { queueWebhook } from "~/modules/webhooks/queue.server";
import { createTestDatabase, createTestDataFolder, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";
import { spawnWorker } from "../support/spawn-worker";
import { WebhookReceiver } from "../support/webhook-receiver";

const DELIVERIES = 30;

/**
 * A real worker process is killed with SIGKILL while a receiver holds one of
 * its webhook requests unanswered; a new worker then delivers every one: at
 * least once each, and none left queued or sending.
 */
describe.each(testDrivers())("a webhook worker killed mid-delivery (%s)", (driver) => {
  let receiver: WebhookReceiver;
  let worker: ChildProcess | undefined;
  let database: TestDatabase;
  let dataDir: string | undefined;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    if (driver === "pglite") ({ dataDir, database } = await createTestDataFolder());
    else database = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    worker?.kill("SIGKILL");
    await receiver?.stop();
    if (driver === "postgres") await database?.drop();
  });

  function startWorker(): ChildProcess {
    return spawnWorker(
      "tests/support/worker-process.ts",
      driver === "postgres" ? { DATABASE_URL: database.url! } : { DATA_DIR: dataDir! },
      // No mail is sent here; the worker needs a mail server address all the same.
      "smtp://127.0.0.1:9",
      { MAIL_TIMEOUT_SECONDS: "4", WEBHOOK_TIMEOUT_SECONDS: "4", WEBHOOK_RETRY_DELAY_SECONDS: "1" },
    );
  }

  const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

  async function reopened(): Promise<DatabaseHandle> {
    return driver === "pglite" ? openDatabase({ dataDir: dataDir! }) : database;
  }

  test("every delivery is made at least once and none stays unsent", { timeout: 240_000 }, async () => {
    const { db } = database;
    const network = await createNetwork(db, `killed-${driver}`);
    const owner = await createUser(db, { email: `owner-${driver}@killed.example.org`, networkId: network.id, role: "owner" });
    const stalled = await createWebhookEndpoint(db, {
      networkId: network.id,
      userId: owner.id,
      url: receiver.url("/stalled"),
      kinds: ["event.changed"],
      allowPrivate: true,
    });
    const steady = await createWebhookEndpoint(db, {
      networkId: network.id,
      userId: owner.id,
      url: receiver.url("/steady"),
      kinds: ["event.changed"],
      allowPrivate: true,
    });
    if (!stalled.ok || !steady.ok) throw new Error("endpoints refused");
    await db.transaction().execute(async (trx) => {
      for (let index = 0; index < DELIVERIES; index += 1) {
        await queueWebhook(trx, { networkId: network.id, kind: "event.changed", data: { index } });
      }
    });
    const ids = (await db.selectFrom("webhook_deliveries").select("id").execute()).map((row) => row.id).sort();
    expect(ids).toHaveLength(2 * DELIVERIES);
    // The embedded folder belongs to one process at a time: the workers have it from here on.
    if (driver === "pglite") await database.close();

    // The receiver takes the stalled endpoint's requests and never answers: the worker waits on them.
    receiver.stall("/stalled");
    worker = startWorker();
    await expect.poll(() => receiver.hanging.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    await expect.poll(() => receiver.to("/steady").length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    worker.kill("SIGKILL");
    await exited(worker);
    const stalledAtKill = receiver.to("/stalled").length;
    expect(stalledAtKill).toBeGreaterThanOrEqual(1);

    // What the killed worker recorded as delivered; anything else (in flight, even answered) is the next worker's.
    const between = await reopened();
    const recorded = (await between.db.selectFrom("webhook_deliveries").select("id").where("status", "=", "delivered").execute()).map(
      (row) => row.id,
    );
    if (driver === "pglite") await between.close();
    const answeredBefore = receiver.answered.map((request) => String(request.headers["daymark-webhook-id"]));
    receiver.answered.length = 0;

    receiver.unstall("/stalled");
    worker = startWorker();
    const left = ids.filter((id) => !recorded.includes(id));
    const seen = () => new Set(receiver.answered.map((request) => String(request.headers["daymark-webhook-id"])));
    await expect.poll(() => left.filter((id) => !seen().has(id)), { timeout: 120_000, interval: 200 }).toEqual([]);
    worker.kill("SIGTERM");
    expect(await exited(worker)).toBe(0);
    worker = undefined;

    // Every delivery was made at least once.
    expect([...new Set([...answeredBefore, ...seen()])].sort()).toEqual(ids);
    expect(recorded.every((id) => answeredBefore.includes(id))).toBe(true);
    const after = await reopened();
    try {
      const rows = await after.db.selectFrom("webhook_deliveries").select(["id", "status", "attempts"]).execute();
      expect(rows.filter((row) => row.status !== "delivered")).toEqual([]);
      // The requests the killed worker left hanging were claimed again once their claims turned stale.
      const retried = rows.filter((row) => row.attempts > 1);
      expect(retried.length).toBeGreaterThanOrEqual(1);
    } finally {
      if (driver === "pglite") await after.close();
    }
  });
});
