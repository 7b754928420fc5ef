// Registrations per second through the public form, posted by 50 concurrent
// clients to two web processes of the built app on one PostgreSQL database
// (as a deployment behind a balancer would run), against the same raw locked
// transaction as the in-process benchmark. PostgreSQL only: it needs
// BENCH_DATABASE_URL or TEST_DATABASE_URL.
import { spawnBuiltApp } from "../../scripts/lib/run-app";
import { benchResult, type BenchSuite } from "../lib/result";
import { newEvent, openBenchDatabase, ratePerSecond, rawLockedRegistrationsPerSecond, benchNetwork } from "./registrations";

const clients = 50;
const registrations = 1000;
/**
 * Over the in-process benchmark's 0.15, each registration here is also an
 * HTTP request, a form to parse and two rate-limit upserts; two processes
 * let that work overlap with the database's.
 */
const target = 0.35;

export const registrationsHttpSuite: BenchSuite = {
  name: "registrations-http",
  async run() {
    if (!process.env.BENCH_DATABASE_URL && !process.env.TEST_DATABASE_URL) {
      console.log("  skipped: needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL)");
      return [];
    }
    const { handle, drop } = await openBenchDatabase();
    const apps: Awaited<ReturnType<typeof spawnBuiltApp>>[] = [];
    try {
      const db = handle.db;
      const network = await benchNetwork(handle);
      const raw = await rawLockedRegistrationsPerSecond(db, network.id);

      // Web processes only: the confirmations are a worker's work (the confirmations benchmark measures it).
      const env = {
        DATABASE_URL: handle.connectionString!,
        SESSION_SECRET: "bench-session-secret-long-enough-0123456789abcdef",
        LINK_TOKEN_KEYS: "bench-link-token-key-long-enough-0123456789abcdef",
        SEED_DEMO: "false",
        RUN_JOBS: "false",
        TRUST_PROXY: "1",
      };
      apps.push(await spawnBuiltApp(env), await spawnBuiltApp(env));
      const eventId = await newEvent(db, network.id);
      const register = async (i: number) => {
        const app = apps[i % apps.length]!;
        const response = await fetch(`${app.url}/n/bench/events/${eventId}/register`, {
          method: "POST",
          headers: {
            "Content-Type": "application/x-www-form-urlencoded",
            // A crowd: every registration from its own address, so the per-address limit never answers instead.
            "X-Forwarded-For": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          },
          body: new URLSearchParams({ name: `Bench ${i}`, email: `bench${i}@example.org`, locale: "en", consent: "on" }),
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`registration ${i} answered ${response.status}`);
      };
      for (let i = 0; i < 20; i++) await register(registrations + i);
      const full = await ratePerSecond(registrations, clients, register);
      const seated = await db
        .selectFrom("registrations")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("event_id", "=", eventId)
        .executeTakeFirstOrThrow();
      if (Number(seated.n) !== registrations + 20) throw new Error(`expected ${registrations + 20} registrations, found ${seated.n}`);
      return [
        benchResult({
          name: `registrations per second, ${clients} clients, PostgreSQL, two web processes (vs a raw locked transaction)`,
          unit: "registrations/s",
          value: full,
          baseline: raw,
          target,
          better: "higher",
        }),
      ];
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
      await drop();
    }
  },
};
