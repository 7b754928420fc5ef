// Registrations per second under 50 concurrent clients, against a raw
// transaction that does the least any registration must do (lock the event
// row, count its seats, insert one row) on the same database. PostgreSQL when
// BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set, else embedded PGlite.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import type { BenchSuite } from "../lib/result";
import { benchResult } from "../lib/result";

process.env.APP_URL ??= "http://localhost:3000";
process.env.SESSION_SECRET ??= "bench-session-secret-that-is-long-enough-0123456789";
process.env.DATA_DIR ??= mkdtempSync(path.join(tmpdir(), "daymark-bench-"));

const clients = 50;
const registrations = 1000;
/**
 * A registration writes four rows (the registration, its message with the
 * calendar invitation, the delivery job, the link between them) and renders
 * the message and the invitation, where the baseline writes one row: it may
 * cost up to about 6.5 times as much, no more.
 */
const target = 0.15;

export async function openBenchDatabase() {
  const { openDatabase } = await import("~db/connection");
  const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!admin) return { handle: await openDatabase({ dataDir: path.join(process.env.DATA_DIR!, "pglite") }), drop: async () => {} };
  const name = `daymark_bench_${randomBytes(4).toString("hex")}`;
  const run = async (text: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(text).finally(() => client.end());
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ connectionString: url.toString(), poolSize: 20 });
  return {
    handle,
    drop: async () => {
      await handle.close();
      await run(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Runs `total` tasks with `concurrency` in flight; returns the rate per second. */
export async function ratePerSecond(total: number, concurrency: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await task(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

export async function newEvent(db: Kysely<any>, networkId: string) {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const row = await db
    .insertInto("events")
    .values({
      network_id: networkId,
      title: "Bench event",
      time_zone: "Europe/Amsterdam",
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + 7_200_000),
      capacity: registrations / 2,
      status: "published",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id as string;
}

/** A migrated bench database with pg-boss's tables and one network, "bench". */
export async function benchNetwork(handle: Awaited<ReturnType<typeof openBenchDatabase>>["handle"]) {
  const { migrateToLatest } = await import("~db/migrate");
  const { ensureJobSchema } = await import("~/jobs/runner.server");
  await migrateToLatest(handle.db);
  await ensureJobSchema(handle, { emailRetryLimit: 1, emailRetryDelaySeconds: 1 });
  return handle.db
    .insertInto("networks")
    .values({ slug: "bench", name: "Bench", default_locale: "en", time_zone: "Europe/Amsterdam" })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/**
 * The baseline: the least any registration must do (lock the event row, count
 * its seats, insert one row), `registrations` times from `clients` at once.
 */
export async function rawLockedRegistrationsPerSecond(db: Kysely<any>, networkId: string) {
  await sql`create table bench_raw (event_id uuid not null, email text not null, seated boolean not null)`.execute(db);
  const rawEvent = await newEvent(db, networkId);
  return ratePerSecond(registrations, clients, (i) =>
    db.transaction().execute(async (trx) => {
      await trx.selectFrom("events").select("id").where("id", "=", rawEvent).forUpdate().execute();
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from bench_raw where event_id = ${rawEvent}`.execute(trx);
      await sql`insert into bench_raw values (${rawEvent}, ${`raw${i}@example.org`}, ${rows[0]!.n < registrations / 2})`.execute(trx);
    }),
  );
}

export const registrationsSuite: BenchSuite = {
  name: "registrations",
  async run() {
    const { registerAttendee } = await import("~/modules/registrations/registrations.server");
    const { handle, drop } = await openBenchDatabase();
    try {
      const db = handle.db;
      const network = await benchNetwork(handle);
      const raw = await rawLockedRegistrationsPerSecond(db, network.id);

      const eventId = await newEvent(db, network.id);
      const full = await ratePerSecond(registrations, clients, (i) =>
        registerAttendee(db, {
          networkId: network.id,
          eventId,
          name: `Bench ${i}`,
          email: `bench${i}@example.org`,
          locale: "en",
          answers: {},
        }),
      );
      return [
        benchResult({
          name: `registrations per second, ${clients} concurrent clients (${handle.driver})`,
          unit: "registrations/s",
          value: full,
          baseline: raw,
          target,
          better: "higher",
        }),
      ];
    } finally {
      await drop();
    }
  },
};
