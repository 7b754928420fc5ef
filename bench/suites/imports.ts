import { PGlite } from "@electric-sql/pglite";
import { DateTime } from "luxon";
import { openDatabase } from "~db/connection";
import { migrateToLatest } from "~db/migrate";
import { typeParsers } from "~db/type-parsers";
import { ensureJobSchema } from "~/jobs/runner.server";
import { addSource, setAllowedHosts } from "~/modules/imports/sources.server";
import { syncSource } from "~/modules/imports/sync.server";
import { startCalendarServer } from "../../tests/support/calendar-server";
import { benchResult, type BenchSuite } from "../lib/result";

const SERIES = 40;
const SINGLES = 200;

/** A busy partner calendar: 40 weekly series for a year (in Berlin time) and 200 single events. */
function busyCalendar(now: DateTime, titleSuffix: string): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Bench//EN"];
  const local = (value: DateTime) => value.toFormat("yyyyMMdd'T'HHmmss");
  for (let i = 0; i < SERIES; i++) {
    const start = now
      .setZone("Europe/Berlin")
      .plus({ days: 1 + (i % 7) })
      .set({ hour: 8 + (i % 10), minute: 0, second: 0, millisecond: 0 });
    lines.push(
      "BEGIN:VEVENT",
      `UID:series-${i}@bench`,
      `DTSTART;TZID=Europe/Berlin:${local(start)}`,
      `DTEND;TZID=Europe/Berlin:${local(start.plus({ hours: 2 }))}`,
      "RRULE:FREQ=WEEKLY;COUNT=52",
      `SUMMARY:Series ${i}${titleSuffix}`,
      "LOCATION:Drop-in centre",
      "END:VEVENT",
    );
  }
  for (let i = 0; i < SINGLES; i++) {
    const start = now.plus({ hours: 30 + i * 37 }).toUTC();
    lines.push(
      "BEGIN:VEVENT",
      `UID:single-${i}@bench`,
      `DTSTART:${local(start)}Z`,
      `DTEND:${local(start.plus({ hours: 1 }))}Z`,
      `SUMMARY:Single ${i}`,
      "END:VEVENT",
    );
  }
  return [...lines, "END:VCALENDAR", ""].join("\r\n");
}

/**
 * Calendar import on the embedded database, from a server that sends no
 * validators, against the first sync that created a busy calendar's 2,280
 * events (lower is better): reading it again within the hour (the same
 * bytes: no parse, no write), a day later (parsed and compared in full, the
 * horizon moved on), and after every series changed its title (2,080 updates).
 */
export const importsSuite: BenchSuite = {
  name: "imports",
  async run() {
    const server = await startCalendarServer();
    const handle = await openDatabase({ pglite: new PGlite({ parsers: typeParsers }) });
    try {
      await migrateToLatest(handle.db);
      await ensureJobSchema(handle, { emailRetryLimit: 2, emailRetryDelaySeconds: 1 });
      const db = handle.db;
      const network = await db
        .insertInto("networks")
        .values({ slug: "bench", name: "Bench", default_locale: "en", time_zone: "Europe/Berlin" })
        .returningAll()
        .executeTakeFirstOrThrow();
      await setAllowedHosts(db, { networkId: network.id, hosts: ["127.0.0.1"], actorUserId: null as never });
      const partner = await db
        .insertInto("partner_organisations")
        .values({ network_id: network.id, name: "Busy partner", country: "DE" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const now = DateTime.utc().startOf("hour");
      // Served without validators, so that every sync downloads and compares the whole calendar.
      server.publish("/busy.ics", busyCalendar(now, ""), { conditional: false });
      const added = await addSource(db, {
        networkId: network.id,
        partnerId: partner.id,
        actorUserId: null as never,
        values: { url: server.url("/busy.ics"), languages: [], mode: "in_person", keywords: [], timeZone: "Europe/Berlin" },
        publishDirectly: false,
      });
      if (!added.ok) throw new Error(added.error);
      const timed = async (at: DateTime) => {
        const started = performance.now();
        const outcome = await syncSource(db, added.id, { now: at.toJSDate(), appUrl: "http://localhost" });
        return { ms: performance.now() - started, outcome };
      };
      const first = await timed(now);
      const sameBytes = await timed(now.plus({ hours: 1 }));
      const dayLater = await timed(now.plus({ days: 1 }));
      server.publish("/busy.ics", busyCalendar(now, " (renamed)"), { conditional: false });
      const renamed = await timed(now.plus({ days: 1, hours: 1 }));
      console.log(
        JSON.stringify({ first: first.outcome, sameBytes: sameBytes.outcome, dayLater: dayLater.outcome, renamed: renamed.outcome }),
      );
      return [
        benchResult({
          name: "calendar re-read within the hour, same bytes (2,280 events) vs first import",
          unit: "ms",
          value: sameBytes.ms,
          baseline: first.ms,
          target: 0.05,
          better: "lower",
        }),
        benchResult({
          name: "calendar re-read a day later, compared in full (2,280 events) vs first import",
          unit: "ms",
          value: dayLater.ms,
          baseline: first.ms,
          target: 0.75,
          better: "lower",
        }),
        benchResult({
          name: "calendar re-read, every series retitled (about 2,080 updates) vs first import",
          unit: "ms",
          value: renamed.ms,
          baseline: first.ms,
          target: 1.5,
          better: "lower",
        }),
      ];
    } finally {
      await handle.close();
      await server.stop();
    }
  },
};
