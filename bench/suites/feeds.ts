import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import pg from "pg";
import { openDatabase } from "~db/connection";
import { migrateToLatest } from "~db/migrate";
import type { Database } from "~db/types";
import { markdownToPlainText } from "~/utils/markdown.server";
import { benchResult, type BenchResult, type BenchSuite } from "../lib/result";
import { assertWrkInstalled, wrkRequestsPerSecond } from "../lib/wrk";

const root = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const sizes = [1_000, 10_000] as const;
const label = (size: number) => `${size / 1000}k`;

/**
 * Calendar feeds (issue 9), on PostgreSQL (BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL, else the local server) with the built app (server.mjs):
 *  (a) warm gzip feed, req/s, against a raw node:http server sending the same bytes;
 *  (b) conditional request answered 304, req/s, against the raw server's 304;
 *  (c) cold build after an edit (query + generation, one identity GET), ms,
 *      against ical-generator alone on the same events already in memory.
 */
export const feedsSuite: BenchSuite = {
  name: "feeds",
  async run() {
    await assertWrkInstalled();
    console.log("building the app…");
    await run("npx", ["remix", "vite:build"], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
    const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const name = `daymark_bench_${randomBytes(4).toString("hex")}`;
    await admin(adminUrl, `create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ connectionString: url.toString() });
    const scratch = mkdtempSync(path.join(tmpdir(), "daymark-bench-"));
    let app: ChildProcess | undefined;
    let raw: ChildProcess | undefined;
    try {
      await migrateToLatest(handle.db);
      const networks = new Map<number, string>();
      for (const size of sizes) networks.set(size, await seedNetwork(handle.db, size));
      const started = await startApp(url.toString());
      app = started.child;
      const results: BenchResult[] = [];
      for (const size of sizes) {
        const feedUrl = `${started.base}/n/bench-${label(size)}/calendar.ics`;
        const warm = await fetchRaw(feedUrl, { "Accept-Encoding": "gzip" });
        const bodyFile = path.join(scratch, `feed-${size}.gz`);
        writeFileSync(bodyFile, warm.body);
        const rawServer = await startRawServer(bodyFile, warm.headers.etag!, warm.headers["last-modified"]!);
        raw = rawServer.child;
        const gzip = { "Accept-Encoding": "gzip" };
        const conditional = { "Accept-Encoding": "gzip", "If-None-Match": warm.headers.etag! };
        const rawGzip = await wrkRequestsPerSecond(`${rawServer.base}/feed.ics`, { headers: gzip });
        const appGzip = await wrkRequestsPerSecond(feedUrl, { headers: gzip });
        const raw304 = await wrkRequestsPerSecond(`${rawServer.base}/feed.ics`, { headers: conditional });
        const app304 = await wrkRequestsPerSecond(feedUrl, { headers: conditional });
        rawServer.child.kill();
        raw = undefined;
        results.push(
          benchResult({
            name: `feed ${label(size)} warm gzip req/s (vs raw node:http, same bytes)`,
            unit: "req/s",
            value: appGzip,
            baseline: rawGzip,
            target: 0.25,
            better: "higher",
          }),
          benchResult({
            name: `feed ${label(size)} conditional 304 req/s (vs raw node:http 304)`,
            unit: "req/s",
            value: app304,
            baseline: raw304,
            target: 0.25,
            better: "higher",
          }),
        );

        const cold = await coldBuildMs(handle.db, networks.get(size)!, feedUrl);
        const alone = await icalGeneratorAloneMs(handle.db, networks.get(size)!);
        results.push(
          benchResult({
            name: `feed ${label(size)} cold build after an edit, query + generation (vs ical-generator alone in memory)`,
            unit: "ms",
            value: cold,
            baseline: alone,
            target: 1.5,
            better: "lower",
          }),
        );
      }
      return results;
    } finally {
      raw?.kill();
      app?.kill();
      await handle.close();
      await admin(adminUrl, `drop database if exists ${name} with (force)`);
      rmSync(scratch, { recursive: true, force: true });
    }
  },
};

async function admin(connectionString: string, statement: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const zones = ["Europe/Lisbon", "Europe/Kyiv", "America/New_York", "Europe/Amsterdam"];
const languages = [["en"], ["pt", "en"], ["uk"], ["fr", "en"]];

/** A network with `size` published events, one every 61 minutes from tomorrow on, in four zones, one in ten all-day. */
async function seedNetwork(db: Kysely<Database>, size: number): Promise<string> {
  const network = await db
    .insertInto("networks")
    .values({ slug: `bench-${label(size)}`, name: `Bench network ${label(size)}`, default_locale: "en", time_zone: "Europe/Lisbon" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const campaign = await db
    .insertInto("campaigns")
    .values({ network_id: network.id, slug: "wad", title: "World AIDS Day", status: "published" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const start = DateTime.utc().startOf("day").plus({ days: 1, hours: 9 }).toMillis();
  for (let offset = 0; offset < size; offset += 1000) {
    const rows = Array.from({ length: Math.min(1000, size - offset) }, (_, index) => {
      const i = offset + index;
      const startsAt = new Date(start + i * 61 * 60 * 1000);
      const allDay = i % 10 === 0;
      const day = DateTime.fromJSDate(startsAt, { zone: zones[i % 4] }).toISODate()!;
      return {
        network_id: network.id,
        campaign_id: i % 3 === 0 ? campaign.id : null,
        title: `Peer-led event ${i}: naloxone, testing; "harm reduction"`,
        description: `Join us for **event ${i}**.\n\nWe talk about [harm reduction](https://example.org/hr/${i}) and drug checking.`,
        time_zone: zones[i % 4]!,
        starts_at: startsAt,
        ends_at: new Date(startsAt.getTime() + 2 * 60 * 60 * 1000),
        all_day: allDay,
        start_date: allDay ? day : null,
        end_date: allDay ? day : null,
        mode: (["in_person", "online", "hybrid"] as const)[i % 3],
        venue_name: `Community centre ${i % 50}`,
        city: "Lisbon",
        country: "PT",
        latitude: 38.7 + (i % 100) / 1000,
        longitude: -9.1,
        languages: languages[i % 4]!,
        status: "published" as const,
        visibility: "public" as const,
        sequence: i % 3,
      };
    });
    await db.insertInto("events").values(rows).execute();
  }
  return network.id;
}

async function startApp(databaseUrl: string): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      PORT: "0",
      HOST: "127.0.0.1",
      APP_URL: "http://localhost:3000",
      DATABASE_URL: databaseUrl,
      SESSION_SECRET: "bench-session-secret-long-enough-0123456789abcdef",
      LINK_TOKEN_KEYS: "bench-link-token-key-long-enough-0123456789abcdef",
      SEED_DEMO: "false",
      RUN_JOBS: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { base: `http://127.0.0.1:${await portFrom(child, /listening on port (\d+)/)}`, child };
}

async function startRawServer(bodyFile: string, etag: string, lastModified: string) {
  const child = spawn(process.execPath, [path.join(root, "bench/lib/raw-feed-server.mjs")], {
    env: { PATH: process.env.PATH, NODE_ENV: "production", BODY_FILE: bodyFile, ETAG: etag, LAST_MODIFIED: lastModified },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { base: `http://127.0.0.1:${await portFrom(child, /listening (\d+)/)}`, child };
}

function portFrom(child: ChildProcess, pattern: RegExp): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = pattern.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", () => reject(new Error(`exited before listening:\n${output}`)));
  });
}

function fetchRaw(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ status: res.statusCode!, headers: res.headers as Record<string, string | undefined>, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const ROUNDS = 7;

/** An edit commits, then one plain GET: the app reads the events and serialises them again. */
async function coldBuildMs(db: Kysely<Database>, networkId: string, feedUrl: string) {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    await db
      .updateTable("events")
      .set({ title: `Edited title, round ${round}`, updated_at: new Date() })
      .where("id", "=", db.selectFrom("events").select("id").where("network_id", "=", networkId).orderBy("starts_at").limit(1))
      .execute();
    const started = performance.now();
    const reply = await fetchRaw(feedUrl);
    times.push(performance.now() - started);
    if (reply.status !== 200 || !reply.body.includes(`Edited title\\, round ${round}`)) {
      throw new Error(`the feed did not show the edit of round ${round}`);
    }
  }
  return median(times);
}

/** The same events, already in memory in ical-generator's own terms; only generation is timed. */
async function icalGeneratorAloneMs(db: Kysely<Database>, networkId: string) {
  const rows = await db.selectFrom("events").selectAll().where("network_id", "=", networkId).orderBy("starts_at").execute();
  const events = rows.map((row) => ({
    id: `${row.id}@localhost`,
    sequence: row.sequence,
    stamp: row.updated_at,
    created: row.created_at,
    lastModified: row.updated_at,
    ...(row.all_day
      ? {
          allDay: true,
          start: DateTime.fromISO(row.start_date!, { zone: "UTC" }),
          end: DateTime.fromISO(row.end_date!, { zone: "UTC" }).plus({ days: 1 }),
        }
      : {
          start: DateTime.fromJSDate(row.starts_at, { zone: row.time_zone }),
          end: DateTime.fromJSDate(row.ends_at, { zone: row.time_zone }),
          timezone: row.time_zone,
        }),
    summary: row.title,
    description: markdownToPlainText(row.description),
    location: { title: `${row.venue_name}, ${row.city}, Portugal`, geo: { lat: row.latitude!, lon: row.longitude! } },
    url: `http://localhost:3000/n/bench/events/${row.id}`,
    status: ICalEventStatus.CONFIRMED,
    categories: row.languages.map((name) => ({ name })),
    organizer: { name: "Bench network", email: "no-reply@daymark.localhost" },
  }));
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const calendar = ical({
      prodId: { company: "Daymark", product: "Daymark", language: "EN" },
      method: ICalCalendarMethod.PUBLISH,
      name: "Bench network",
      description: "Events of Bench network.",
      ttl: 3600,
      timezone: { name: null, generator: getVtimezoneComponent },
    });
    for (const event of events) calendar.createEvent(event);
    const text = calendar.toString();
    times.push(performance.now() - started);
    if (text.length < events.length * 100) throw new Error("ical-generator produced too little");
  }
  return median(times);
}
