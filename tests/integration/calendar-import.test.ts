import { parseWithZod } from "@conform-to/zod/v4";
import { sql } from "kysely";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { EventFormSchema } from "~/modules/events/events.schema";
import { eventFormDefaults, getCohostIds, getEvent, updateEvent } from "~/modules/events/events.server";
import { addSource, removeSource, setAllowedHosts } from "~/modules/imports/sources.server";
import { syncSource, type SyncOptions } from "~/modules/imports/sync.server";
import { useDatabase } from "~/utils/db.server";
import { fixtureDays, vendorCalendars } from "../support/calendar-fixtures";
import { startCalendarServer, type CalendarServer } from "../support/calendar-server";
import { testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";

const appUrl = "http://localhost:3000";
/** The first sync, in the second week of January: every fixture event is ahead. */
const firstSync = DateTime.utc(testYear, 1, 10, 12).toJSDate();
const secondSync = DateTime.utc(testYear, 1, 10, 18).toJSDate();
const thirdSync = DateTime.utc(testYear, 1, 11, 0).toJSDate();

/**
 * The instant of a wall-clock time at a UTC offset the test states itself
 * (Berlin is +1 before the last Sunday of March and +2 after, New York −5 then
 * −4 after the second Sunday of March, Sydney +11 then +10 after the first
 * Sunday of April, Lisbon +1 in summer): no time zone database involved.
 */
function at(date: string, time: string, offsetHours: number): string {
  return DateTime.fromISO(`${date}T${time}`, { zone: "utc" }).minus({ hours: offsetHours }).toISO({ suppressMilliseconds: true })!;
}

interface Row {
  key: string;
  title: string;
  startsAt: string;
  endsAt: string;
  allDay: boolean;
  startDate: string | null;
  endDate: string | null;
  timeZone: string;
  status: string;
  sequence: number;
  address: string | null;
  onlineUrl: string | null;
}

async function importedEvents(database: TestDatabase, sourceId: string): Promise<Row[]> {
  const rows = await database.db
    .selectFrom("calendar_source_events as l")
    .innerJoin("events as e", "e.id", "l.event_id")
    .select([
      "l.uid",
      "l.recurrence_key",
      "e.title",
      "e.starts_at",
      "e.ends_at",
      "e.all_day",
      "e.start_date",
      "e.end_date",
      "e.time_zone",
      "e.status",
      "e.sequence",
      "e.address",
      "e.online_url",
    ])
    .where("l.source_id", "=", sourceId)
    .orderBy("e.starts_at")
    .execute();
  return rows.map((row) => ({
    key: row.recurrence_key ? `${row.uid} ${row.recurrence_key}` : row.uid,
    title: row.title,
    startsAt: DateTime.fromJSDate(row.starts_at).toUTC().toISO({ suppressMilliseconds: true })!,
    endsAt: DateTime.fromJSDate(row.ends_at).toUTC().toISO({ suppressMilliseconds: true })!,
    allDay: row.all_day,
    startDate: row.start_date,
    endDate: row.end_date,
    timeZone: row.time_zone,
    status: row.status,
    sequence: row.sequence,
    address: row.address,
    onlineUrl: row.online_url,
  }));
}

const timed = (startsAt: string, endsAt: string, timeZone: string) => ({
  startsAt,
  endsAt,
  allDay: false,
  startDate: null,
  endDate: null,
  timeZone,
});

async function eventChangedJobs(database: TestDatabase): Promise<string[]> {
  const result = await sql<{ data: { eventId: string; sequence: number; change: string } }>`
    select data from pgboss.job where name = 'event-changed' order by created_on, id`.execute(database.db);
  return result.rows.map((row) => `${row.data.change}@${row.data.sequence}`);
}

describe.each(testDrivers())("calendar import on %s", (driver) => {
  let database: TestDatabase;
  let server: CalendarServer;
  let networkId: string;
  let organiserId: string;
  const sources: Record<"google" | "outlook" | "nextcloud" | "apple" | "wordpress", string> = {} as never;
  const days = fixtureDays(testYear);
  const y = testYear;

  function syncOptions(now: Date, extra: Partial<SyncOptions> = {}): SyncOptions {
    return { now, appUrl, ...extra };
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    server = await startCalendarServer();
    const db = database.db;
    const network = await createNetwork(db, "imports", "Import Network");
    networkId = network.id;
    organiserId = (await createUser(db, { email: "organiser@example.org", networkId, role: "organiser" })).id;
    // The owner's exemption: the test server is on this machine.
    await setAllowedHosts(db, { networkId, hosts: ["127.0.0.1"], actorUserId: organiserId });
    const partners = await db
      .insertInto("partner_organisations")
      .values([
        { network_id: networkId, name: "Porto Peer Support", country: "PT", languages: ["pt"] },
        { network_id: networkId, name: "Berlin Board", country: "DE" },
        { network_id: networkId, name: "New York Outreach", country: "US" },
        { network_id: networkId, name: "Sydney Peers", country: "AU" },
        { network_id: networkId, name: "Lisbon Harm Reduction", country: "PT" },
      ])
      .returning(["id", "name"])
      .execute();
    const partner = (name: string) => partners.find((row) => row.name === name)!.id;
    const calendars = vendorCalendars(testYear, 1);
    const add = async (
      key: keyof typeof sources,
      partnerName: string,
      values: { timeZone: string; mode?: "in_person" | "online"; keywords?: string[]; publish?: boolean },
    ) => {
      server.publish(`/${key}.ics`, calendars[key]);
      const added = await addSource(db, {
        networkId,
        partnerId: partner(partnerName),
        actorUserId: organiserId,
        values: {
          url: key === "google" ? server.url(`/${key}.ics`).replace("http://", "webcal://") : server.url(`/${key}.ics`),
          languages: ["en"],
          mode: values.mode ?? "in_person",
          keywords: values.keywords ?? [],
          timeZone: values.timeZone,
        },
        publishDirectly: values.publish ?? false,
      });
      if (!added.ok) throw new Error(added.error);
      sources[key] = added.id;
    };
    await add("google", "Porto Peer Support", { timeZone: "Europe/Lisbon" });
    await add("outlook", "Berlin Board", { timeZone: "Europe/Berlin" });
    await add("nextcloud", "New York Outreach", { timeZone: "America/New_York" });
    await add("apple", "Sydney Peers", { timeZone: "Australia/Sydney", mode: "online" });
    await add("wordpress", "Lisbon Harm Reduction", { timeZone: "Europe/Lisbon", keywords: ["naloxone"], publish: true });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  test("a webcal:// address is kept as https://", async () => {
    const source = await database.db
      .selectFrom("calendar_sources")
      .select("url")
      .where("id", "=", sources.google)
      .executeTakeFirstOrThrow();
    expect(source.url).toBe(server.url("/google.ics").replace("http://", "https://"));
    // The test server speaks plain http.
    await database.db
      .updateTable("calendar_sources")
      .set({ url: server.url("/google.ics") })
      .where("id", "=", sources.google)
      .execute();
  });

  test("the first sync reads every shape: series with exceptions, zones across clock changes, all-day and multi-day events", async () => {
    const outcomes = [];
    for (const key of ["google", "outlook", "nextcloud", "apple", "wordpress"] as const) {
      outcomes.push(await syncSource(database.db, sources[key], syncOptions(firstSync)));
    }
    expect(outcomes).toEqual([
      { kind: "synced", created: 5, updated: 0, cancelled: 0 },
      { kind: "synced", created: 2, updated: 0, cancelled: 0 },
      { kind: "synced", created: 6, updated: 0, cancelled: 0 },
      { kind: "synced", created: 6, updated: 0, cancelled: 0 },
      { kind: "synced", created: 2, updated: 0, cancelled: 0 },
    ]);

    const tue = days.googleTuesdays;
    const porto = "Drop-in centre, Rua Alegre 12, Porto";
    const pending = { status: "pending_review", sequence: 0, onlineUrl: null };
    // Tuesday 1 is an EXDATE, Tuesday 4 a cancelled override (never imported), Tuesday 3 an override moved an hour later.
    expect(await importedEvents(database, sources.google)).toEqual([
      {
        key: `peer-evening@google.com ${tue[0]}`,
        title: "Peer support evening",
        ...timed(at(tue[0]!, "18:00", 1), at(tue[0]!, "20:00", 1), "Europe/Berlin"),
        ...pending,
        address: porto,
      },
      {
        key: `peer-evening@google.com ${tue[2]}`,
        title: "Peer support evening",
        ...timed(at(tue[2]!, "18:00", 1), at(tue[2]!, "20:00", 1), "Europe/Berlin"),
        ...pending,
        address: porto,
      },
      {
        key: `peer-evening@google.com ${tue[3]}`,
        title: "Peer support evening",
        ...timed(at(tue[3]!, "19:00", 2), at(tue[3]!, "21:00", 2), "Europe/Berlin"),
        ...pending,
        address: "Community room, Rua Nova 5, Porto",
      },
      // Written in UTC: shown in the source's zone.
      {
        key: "naloxone-training@google.com",
        title: "Naloxone training",
        ...timed(at(tue[5]!, "14:00", 0), at(tue[5]!, "16:00", 0), "Europe/Lisbon"),
        ...pending,
        address: null,
      },
      {
        key: `peer-evening@google.com ${tue[5]}`,
        title: "Peer support evening",
        ...timed(at(tue[5]!, "18:00", 2), at(tue[5]!, "20:00", 2), "Europe/Berlin"),
        ...pending,
        address: porto,
      },
    ]);

    // "W. Europe Standard Time" is Europe/Berlin; the private appointment is not imported.
    expect(await importedEvents(database, sources.outlook)).toEqual([
      {
        key: "040000008200E00074C5B7101A82E00800000000B0D5@outlook",
        title: "Board meeting",
        ...timed(at(days.outlookBoard, "09:30", 2), at(days.outlookBoard, "12:00", 2), "Europe/Berlin"),
        ...pending,
        address: "Office",
      },
      {
        key: "040000008200E00074C5B7101A82E00800000000C1E6@outlook",
        title: "Harm reduction summit",
        startsAt: at(`${y}-05-12`, "00:00", 2),
        endsAt: at(`${y}-05-15`, "00:00", 2),
        allDay: true,
        startDate: `${y}-05-12`,
        endDate: `${y}-05-14`,
        timeZone: "Europe/Berlin",
        ...pending,
        address: null,
      },
    ]);

    const thu = days.nextcloudThursdays;
    const van = "Van at 5th Avenue";
    const outreach = "5b7c1c3e-1d7a-4f55-9d1b-outreach";
    expect(await importedEvents(database, sources.nextcloud)).toEqual([
      {
        key: `${outreach} ${thu[0]}`,
        title: "Outreach shift",
        ...timed(at(thu[0]!, "19:00", -5), at(thu[0]!, "20:30", -5), "America/New_York"),
        ...pending,
        address: van,
      },
      {
        key: `${outreach} ${thu[1]}`,
        title: "Outreach shift",
        ...timed(at(thu[1]!, "19:00", -5), at(thu[1]!, "20:30", -5), "America/New_York"),
        ...pending,
        address: van,
      },
      {
        key: `${outreach} ${thu[2]}`,
        title: "Outreach shift",
        ...timed(at(thu[2]!, "19:00", -4), at(thu[2]!, "20:30", -4), "America/New_York"),
        ...pending,
        address: van,
      },
      {
        key: `${outreach} ${thu[3]}`,
        title: "Outreach shift",
        ...timed(at(thu[3]!, "19:00", -4), at(thu[3]!, "20:30", -4), "America/New_York"),
        ...pending,
        address: van,
      },
      {
        key: `${outreach} ${days.nextcloudExtraSaturday}`,
        title: "Outreach shift",
        ...timed(at(days.nextcloudExtraSaturday, "14:00", -4), at(days.nextcloudExtraSaturday, "15:30", -4), "America/New_York"),
        ...pending,
        address: van,
      },
      {
        key: "8e2d4c1a-2b3c-4d5e-info-session",
        title: "Drop-in info session",
        ...timed(at(`${y}-06-16`, "17:00", -4), at(`${y}-06-16`, "18:00", -4), "America/New_York"),
        ...pending,
        address: null,
      },
    ]);

    const wed = days.appleWednesdays;
    const circle = "A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF";
    const online = { ...pending, address: null, onlineUrl: "https://meet.example.org/peer-circle" };
    expect(await importedEvents(database, sources.apple)).toEqual([
      {
        key: `${circle} ${wed[0]}`,
        title: "Online peer circle",
        ...timed(at(wed[0]!, "10:00", 11), at(wed[0]!, "11:00", 11), "Australia/Sydney"),
        ...online,
      },
      {
        key: `${circle} ${wed[1]}`,
        title: "Online peer circle",
        ...timed(at(wed[1]!, "10:00", 11), at(wed[1]!, "11:00", 11), "Australia/Sydney"),
        ...online,
      },
      {
        key: `${circle} ${wed[2]}`,
        title: "Online peer circle",
        ...timed(at(wed[2]!, "10:00", 10), at(wed[2]!, "11:00", 10), "Australia/Sydney"),
        ...online,
      },
      {
        key: `${circle} ${wed[3]}`,
        title: "Online peer circle",
        ...timed(at(wed[3]!, "10:00", 10), at(wed[3]!, "11:00", 10), "Australia/Sydney"),
        ...online,
      },
      // Floating: read in the source's zone (Sydney, +10 in June).
      {
        key: "B2C3D4E5-F6A7-4811-9900-BBCCDDEEFF00",
        title: "Picnic",
        ...timed(at(`${y}-06-20`, "12:00", 10), at(`${y}-06-20`, "15:00", 10), "Australia/Sydney"),
        ...pending,
        address: null,
      },
      {
        key: "C3D4E5F6-A7B8-4911-0011-CCDDEEFF0011",
        title: "Awareness day stall",
        startsAt: at(`${y}-08-31`, "00:00", 10),
        endsAt: at(`${y}-09-01`, "00:00", 10),
        allDay: true,
        startDate: `${y}-08-31`,
        endDate: `${y}-08-31`,
        timeZone: "Australia/Sydney",
        ...pending,
        address: null,
      },
    ]);

    // Only events mentioning "naloxone" (the workshop by its category); a trusted partner's are published at once.
    const published = { status: "published", sequence: 0, onlineUrl: null };
    expect(await importedEvents(database, sources.wordpress)).toEqual([
      {
        key: "10017-1781082000-1781197200@lisbon.example.org",
        title: "Two-day workshop",
        ...timed(at(`${y}-09-10`, "09:00", 1), at(`${y}-09-11`, "17:00", 1), "Europe/Lisbon"),
        ...published,
        address: "Casa das Associações, Rua da Paz 1, Lisboa, 1200-001, Portugal",
      },
      {
        key: "10019-1790965800-1790971200@lisbon.example.org",
        title: "Naloxone in prisons: a panel",
        ...timed(at(`${y}-10-02`, "18:30", 1), at(`${y}-10-02`, "20:00", 1), "Europe/Lisbon"),
        ...published,
        address: null,
      },
    ]);
    expect(await eventChangedJobs(database)).toEqual(["published@0", "published@0"]);

    const google = await database.db
      .selectFrom("events")
      .select(["description", "host_partner_id", "submitted_by_partner_id", "country", "languages", "mode"])
      .where("title", "=", "Naloxone training")
      .executeTakeFirstOrThrow();
    expect(google).toMatchObject({
      description: "Bring a friend\nFree & open to all",
      country: "PT",
      languages: ["en"],
      mode: "in_person",
    });
    expect(google.host_partner_id).toBe(google.submitted_by_partner_id);

    // Hourly, or as rarely as the calendar asks (Outlook's X-PUBLISHED-TTL, Nextcloud's REFRESH-INTERVAL).
    const schedule = await database.db
      .selectFrom("calendar_sources")
      .select(["id", "next_sync_at", "refresh_interval_seconds", "last_error"])
      .execute();
    const hoursLater = (id: string) => (schedule.find((row) => row.id === id)!.next_sync_at.getTime() - firstSync.getTime()) / 3_600_000;
    expect(Object.fromEntries(Object.entries(sources).map(([key, id]) => [key, hoursLater(id)]))).toEqual({
      google: 1,
      outlook: 3,
      nextcloud: 4,
      apple: 1,
      wordpress: 1,
    });
    expect(schedule.map((row) => row.last_error)).toEqual([null, null, null, null, null]);
  });

  test("changed calendars: moved, cancelled, removed and a series edit raise SEQUENCE; organisers' edits of other fields stay", async () => {
    const db = database.db;
    const eventIdOf = async (title: string) =>
      (await db.selectFrom("events").select("id").where("title", "=", title).executeTakeFirstOrThrow()).id;
    const organiser = { userId: organiserId, role: "organiser" as const, partnerId: null };
    const editTitle = async (eventId: string, title: string) => {
      const event = (await getEvent(db, networkId, eventId))!;
      const formData = new FormData();
      for (const [name, value] of Object.entries({ ...eventFormDefaults(event, await getCohostIds(db, eventId)), title })) {
        if (typeof value === "boolean") {
          if (value) formData.append(name, "on");
        } else if (Array.isArray(value)) value.forEach((item) => formData.append(name, item));
        else if (value !== "") formData.append(name, String(value));
      }
      const submission = parseWithZod(formData, { schema: EventFormSchema });
      if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
      expect(await updateEvent(db, { networkId, eventId, actor: organiser, values: submission.value })).toMatchObject({ ok: true });
    };
    // The organiser retitles the board meeting (the source will move it) and the training (the source will retitle it too).
    await editTitle(await eventIdOf("Board meeting"), "Board meeting (open to partners)");
    await editTitle(await eventIdOf("Naloxone training"), "Naloxone training, by the organiser");
    const jobsBefore = (await eventChangedJobs(database)).length;

    const calendars = vendorCalendars(testYear, 2);
    for (const key of Object.keys(sources) as (keyof typeof sources)[]) server.publish(`/${key}.ics`, calendars[key]);
    const outcomes = [];
    for (const key of ["google", "outlook", "nextcloud", "apple", "wordpress"] as const) {
      outcomes.push(await syncSource(db, sources[key], syncOptions(secondSync)));
    }
    expect(outcomes).toEqual([
      { kind: "synced", created: 0, updated: 4, cancelled: 0 },
      { kind: "synced", created: 0, updated: 1, cancelled: 0 },
      { kind: "synced", created: 0, updated: 0, cancelled: 1 },
      { kind: "not-modified" },
      { kind: "synced", created: 0, updated: 0, cancelled: 1 },
    ]);

    const tue = days.googleTuesdays;
    const porto = "Drop-in centre, Rua Alegre 12, Porto";
    const pending = { status: "pending_review", onlineUrl: null };
    // The series moved to 18:30: every occurrence but the override (its own time) follows, one SEQUENCE up.
    expect(await importedEvents(database, sources.google)).toEqual([
      {
        key: `peer-evening@google.com ${tue[0]}`,
        title: "Peer support evening",
        ...timed(at(tue[0]!, "18:30", 1), at(tue[0]!, "20:30", 1), "Europe/Berlin"),
        ...pending,
        sequence: 1,
        address: porto,
      },
      {
        key: `peer-evening@google.com ${tue[2]}`,
        title: "Peer support evening",
        ...timed(at(tue[2]!, "18:30", 1), at(tue[2]!, "20:30", 1), "Europe/Berlin"),
        ...pending,
        sequence: 1,
        address: porto,
      },
      {
        key: `peer-evening@google.com ${tue[3]}`,
        title: "Peer support evening",
        ...timed(at(tue[3]!, "19:00", 2), at(tue[3]!, "21:00", 2), "Europe/Berlin"),
        ...pending,
        sequence: 0,
        address: "Community room, Rua Nova 5, Porto",
      },
      // The source retitled it as well: the source wins that field; a title is no time, place or status.
      {
        key: "naloxone-training@google.com",
        title: "Naloxone training for peers",
        ...timed(at(tue[5]!, "14:00", 0), at(tue[5]!, "16:00", 0), "Europe/Lisbon"),
        ...pending,
        sequence: 0,
        address: null,
      },
      {
        key: `peer-evening@google.com ${tue[5]}`,
        title: "Peer support evening",
        ...timed(at(tue[5]!, "18:30", 2), at(tue[5]!, "20:30", 2), "Europe/Berlin"),
        ...pending,
        sequence: 1,
        address: porto,
      },
    ]);

    // The new title makes the event's translations older; a series moved to another hour keeps its texts as they were.
    const contentChanges = await db
      .selectFrom("events")
      .select(["title", "content_updated_at"])
      .where("title", "in", ["Naloxone training for peers", "Peer support evening"])
      .execute();
    expect(contentChanges.filter((row) => row.content_updated_at.getTime() === secondSync.getTime()).map((row) => row.title)).toEqual([
      "Naloxone training for peers",
    ]);

    // Moved a day: new times, one SEQUENCE up, and the organiser's title kept.
    const [board] = await importedEvents(database, sources.outlook);
    expect(board).toMatchObject({
      title: "Board meeting (open to partners)",
      ...timed(at(days.outlookBoardMoved, "09:30", 2), at(days.outlookBoardMoved, "12:00", 2), "Europe/Berlin"),
      sequence: 1,
      status: "pending_review",
    });

    const nextcloud = await importedEvents(database, sources.nextcloud);
    expect(nextcloud.map((row) => [row.title, row.status, row.sequence])).toEqual([
      ...Array.from({ length: 5 }, () => ["Outreach shift", "pending_review", 0]),
      ["Drop-in info session", "cancelled", 1],
    ]);

    // Removed from the source: cancelled, not deleted; published, so attendees and feeds hear of it.
    expect((await importedEvents(database, sources.wordpress)).map((row) => [row.title, row.status, row.sequence])).toEqual([
      ["Two-day workshop", "published", 0],
      ["Naloxone in prisons: a panel", "cancelled", 1],
    ]);
    expect((await eventChangedJobs(database)).slice(jobsBefore)).toEqual(["cancelled@1"]);
    const cancelled = await db
      .selectFrom("events")
      .select("cancelled_at")
      .where("title", "=", "Naloxone in prisons: a panel")
      .executeTakeFirstOrThrow();
    expect(cancelled.cancelled_at).toEqual(secondSync);
  });

  test("a 304 writes nothing", async () => {
    const db = database.db;
    const snapshot = async () => ({
      events: await db.selectFrom("events").selectAll().where("network_id", "=", networkId).orderBy("id").execute(),
      links: await db.selectFrom("calendar_source_events").selectAll().orderBy("event_id").execute(),
      jobs: await eventChangedJobs(database),
      audit: await db.selectFrom("audit_log").select("id").execute(),
    });
    const before = await snapshot();
    const requests = server.requests.length;
    const outcomes = [];
    for (const key of Object.keys(sources) as (keyof typeof sources)[])
      outcomes.push(await syncSource(db, sources[key], syncOptions(thirdSync)));
    expect(outcomes).toEqual(Array.from({ length: 5 }, () => ({ kind: "not-modified" })));
    expect(server.requests.slice(requests).map((request) => request.status)).toEqual([304, 304, 304, 304, 304]);
    expect(server.requests.at(-1)!.headers["if-none-match"]).toMatch(/^"[0-9a-f]{16}"$/);
    expect(await snapshot()).toEqual(before);
  });

  test("a server without validators: the same bytes within a day change nothing; a day later the horizon moves on", async () => {
    const db = database.db;
    const partner = await db.selectFrom("partner_organisations").select("id").where("name", "=", "Berlin Board").executeTakeFirstOrThrow();
    const daily = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Lisbon Harm Reduction - ECPv6.5.1//NONSGML v1.0//EN",
      "BEGIN:VEVENT",
      "UID:daily-drop-in@lisbon.example.org",
      `DTSTART;TZID=Europe/Lisbon:${testYear}0101T100000`,
      `DTEND;TZID=Europe/Lisbon:${testYear}0101T120000`,
      "RRULE:FREQ=DAILY",
      "SUMMARY:Daily drop-in",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ].join("\r\n");
    server.publish("/daily.ics", daily, { conditional: false });
    const added = await addSource(db, {
      networkId,
      partnerId: partner.id,
      actorUserId: organiserId,
      values: { url: server.url("/daily.ics"), languages: [], mode: "in_person", keywords: [], timeZone: "Europe/Lisbon" },
      publishDirectly: false,
    });
    if (!added.ok) throw new Error(added.error);
    // From the 11th (the 10th's ended at noon) to the 10th a year later.
    const days = DateTime.utc(testYear + 1, 1, 10).diff(DateTime.utc(testYear, 1, 10), "days").days;
    expect(await syncSource(db, added.id, syncOptions(firstSync))).toEqual({ kind: "synced", created: days, updated: 0, cancelled: 0 });
    const links = () => db.selectFrom("calendar_source_events").selectAll().where("source_id", "=", added.id).orderBy("event_id").execute();
    const before = await links();
    const hourLater = new Date(firstSync.getTime() + 3_600_000);
    expect(await syncSource(db, added.id, syncOptions(hourLater))).toEqual({ kind: "not-modified" });
    expect(server.requests.at(-1)).toMatchObject({ path: "/daily.ics", status: 200 });
    expect(await links()).toEqual(before);
    const dayLater = new Date(firstSync.getTime() + 25 * 3_600_000);
    expect(await syncSource(db, added.id, syncOptions(dayLater))).toEqual({ kind: "synced", created: 1, updated: 0, cancelled: 0 });
  });

  test("two syncs of one source at once: one works, the other is told it is busy", async () => {
    const db = database.db;
    const partner = await db.selectFrom("partner_organisations").select("id").where("name", "=", "Sydney Peers").executeTakeFirstOrThrow();
    server.publish("/apple-copy.ics", vendorCalendars(testYear, 1).apple);
    const added = await addSource(db, {
      networkId,
      partnerId: partner.id,
      actorUserId: organiserId,
      values: { url: server.url("/apple-copy.ics"), languages: [], mode: "online", keywords: [], timeZone: "Australia/Sydney" },
      publishDirectly: false,
    });
    if (!added.ok) throw new Error(added.error);
    const outcomes = await Promise.all([
      syncSource(db, added.id, syncOptions(firstSync)),
      syncSource(db, added.id, syncOptions(firstSync)),
    ]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(["busy", "synced"]);
    const count = await db
      .selectFrom("calendar_source_events")
      .select(sql<number>`count(*)`.as("n"))
      .where("source_id", "=", added.id)
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(6);

    // Removing the source leaves its events as ordinary events.
    const eventIds = (await db.selectFrom("calendar_source_events").select("event_id").where("source_id", "=", added.id).execute()).map(
      (row) => row.event_id,
    );
    expect(await removeSource(db, { networkId, partnerId: partner.id, sourceId: added.id, actorUserId: organiserId })).toBe(true);
    const left = await db.selectFrom("events").select("status").where("id", "in", eventIds).execute();
    expect(left.map((row) => row.status)).toEqual(Array.from({ length: 6 }, () => "pending_review"));
    expect(await db.selectFrom("calendar_source_events").select("event_id").where("event_id", "in", eventIds).execute()).toEqual([]);
  });
});
