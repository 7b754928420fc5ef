import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "~db/connection";
import { addNetworkDay } from "~/modules/days/days.server";
import { feedResponse, handleFeedRequest } from "~/modules/feeds/serve.server";
import { deleteStaleSnapshots } from "~/modules/feeds/snapshots.server";
import { issueFeedToken, revokeFeedToken, listPartnerFeeds } from "~/modules/feeds/tokens.server";
import { useDatabase } from "~/utils/db.server";
import { summerTimeStart, testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";
import { insertEvent } from "../support/feed-fixtures";

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP request (no automatic decompression), as a calendar app sends it. */
function get(server: Server, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Reply> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
  return { calendar, events, bySummary: (summary: string) => events.find((event) => event.summary === summary) };
}

const awkwardTitle = "Harm reduction, peer-led; C:\\Users \\ talk\nsecond line";
const campaignTitle = `World AIDS Day ${testYear}`;

/** The day a zone moves its clocks forward in testYear, and the day before. */
function springChange(zone: string) {
  const change = summerTimeStart(zone, testYear);
  return { eve: change.minus({ days: 1 }).toISODate()!, day: change.toISODate()! };
}
const lisbonChange = springChange("Europe/Lisbon");
const kyivChange = springChange("Europe/Kyiv");
const newYorkChange = springChange("America/New_York");
/** A date as iCalendar writes it: 'YYYYMMDD'. */
const compact = (date: string) => date.replaceAll("-", "");

describe.each(testDrivers())("calendar feeds on %s", (driver) => {
  let database: TestDatabase;
  let server: Server;
  const slug = `feeds-${driver}`;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    const db = database.db;
    const network = await createNetwork(db, slug, "Harm Reduction Network");
    ids.network = network.id;
    const organiser = await createUser(db, { email: `org-${driver}@example.org`, networkId: network.id, role: "organiser" });
    ids.organiser = organiser.id;
    const partner = (name: string, country: string) =>
      db.insertInto("partner_organisations").values({ network_id: network.id, name, country }).returning("id").executeTakeFirstOrThrow();
    ids.lisbon = (await partner("Lisbon Collective", "PT")).id;
    ids.kyiv = (await partner("Kyiv Union", "UA")).id;
    const campaign = await db
      .insertInto("campaigns")
      .values({ network_id: network.id, slug: `wad-${testYear}`, title: campaignTitle, status: "published" })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.campaign = campaign.id;

    // Three zones, each across its daylight-saving change.
    ids.lisbonNight = (
      await insertEvent(db, network.id, {
        title: "Lisbon overnight vigil",
        time_zone: "Europe/Lisbon",
        starts_at: `${lisbonChange.eve}T22:00:00Z`, // 22:00 WET
        ends_at: `${lisbonChange.day}T09:00:00Z`, // 10:00 WEST
        country: "PT",
        city: "Lisbon",
        venue_name: "Praça do Comércio",
        latitude: 38.7075,
        longitude: -9.1364,
        languages: ["pt", "en"],
        host_partner_id: ids.lisbon,
        campaign_id: campaign.id,
        description: "Bring **candles**, and see [the plan](https://example.org/plan).",
      })
    ).id;
    ids.kyivNight = (
      await insertEvent(db, network.id, {
        title: "Kyiv outreach night",
        time_zone: "Europe/Kyiv",
        starts_at: `${kyivChange.eve}T18:00:00Z`, // 20:00 EET
        ends_at: `${kyivChange.day}T06:00:00Z`, // 09:00 EEST
        country: "UA",
        languages: ["uk"],
        host_partner_id: ids.kyiv,
      })
    ).id;
    ids.newYork = (
      await insertEvent(db, network.id, {
        title: "New York webinar",
        time_zone: "America/New_York",
        starts_at: `${newYorkChange.day}T05:00:00Z`, // 00:00 EST
        ends_at: `${newYorkChange.day}T13:00:00Z`, // 09:00 EDT
        mode: "online",
        online_url: "https://meet.example.org/public-webinar",
        online_url_public: true,
        languages: ["en"],
      })
    ).id;
    ids.allDay = (
      await insertEvent(db, network.id, {
        title: "European Testing Week",
        time_zone: "Europe/Lisbon",
        all_day: true,
        start_date: `${testYear}-11-23`,
        end_date: `${testYear}-11-30`,
        starts_at: `${testYear}-11-23T00:00:00Z`,
        ends_at: `${testYear}-12-01T00:00:00Z`,
        campaign_id: campaign.id,
      })
    ).id;
    ids.cancelled = (
      await insertEvent(db, network.id, {
        title: "Cancelled picnic",
        status: "cancelled",
        sequence: 2,
        cancelled_at: new Date(Date.now() - 3 * 24 * 3600 * 1000),
      })
    ).id;
    ids.longCancelled = (
      await insertEvent(db, network.id, {
        title: "Long cancelled",
        status: "cancelled",
        sequence: 1,
        cancelled_at: new Date(Date.now() - 40 * 24 * 3600 * 1000),
      })
    ).id;
    ids.moved = (await insertEvent(db, network.id, { title: "Moved meeting", sequence: 0 })).id;
    ids.awkward = (await insertEvent(db, network.id, { title: awkwardTitle, description: "A, B; C \\ D" })).id;
    ids.partnersOnly = (
      await insertEvent(db, network.id, {
        title: "Partners strategy call",
        visibility: "partners",
        mode: "online",
        online_url: "https://meet.example.org/secret-room",
        host_partner_id: ids.kyiv,
      })
    ).id;
    ids.cohosted = (
      await insertEvent(db, network.id, {
        title: "Co-hosted workshop",
        host_partner_id: ids.kyiv,
        country: "PT",
        mode: "hybrid",
        online_url: "https://meet.example.org/workshop",
      })
    ).id;
    await db.insertInto("event_cohosts").values({ event_id: ids.cohosted, partner_id: ids.lisbon }).execute();
    ids.draft = (await insertEvent(db, network.id, { title: "Draft idea", status: "draft" })).id;
    ids.unlisted = (await insertEvent(db, network.id, { title: "Unlisted meetup", visibility: "unlisted" })).id;

    // A French-speaking network with campaigns of a catalogue day and of a day of its own.
    const dayNetwork = await createNetwork(db, `days-${driver}`, "Réseau Jour");
    await db.updateTable("networks").set({ default_locale: "fr" }).where("id", "=", dayNetwork.id).execute();
    ids.dayNetwork = dayNetwork.id;
    ids.worldAidsDay = (
      await db
        .selectFrom("global_days")
        .select("id")
        .where("key", "=", "world-aids-day")
        .where("network_id", "is", null)
        .executeTakeFirstOrThrow()
    ).id;
    // Named in English only: French readers get the English name.
    ids.peerDay = (
      await addNetworkDay(db, dayNetwork.id, {
        name: "Peer Workers Day",
        description: "",
        colour: "#336699",
        rule: { kind: "fixed", month: 5, day: 14 },
        locale: "en",
      })
    ).id;
    const dayCampaign = (values: { slug: string; title: string; status: "draft" | "published"; dayId: string; year: number }) =>
      db
        .insertInto("campaigns")
        .values({
          network_id: dayNetwork.id,
          slug: values.slug,
          title: values.title,
          status: values.status,
          global_day_id: values.dayId,
          occurrence_year: values.year,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    ids.redDecember = (
      await dayCampaign({ slug: "decembre-rouge", title: "Décembre rouge", status: "published", dayId: ids.worldAidsDay, year: testYear })
    ).id;
    const draftCampaign = await dayCampaign({
      slug: "brouillon",
      title: "Brouillon",
      status: "draft",
      dayId: ids.worldAidsDay,
      year: testYear,
    });
    const peerCampaign = await dayCampaign({
      slug: "journee-des-pairs",
      title: "Journée des pairs",
      status: "published",
      dayId: ids.peerDay,
      year: testYear + 1,
    });
    await insertEvent(db, dayNetwork.id, { title: "Dépistage à Lisbonne", country: "PT", languages: ["pt"], campaign_id: ids.redDecember });
    await insertEvent(db, dayNetwork.id, {
      title: "Webinaire mondial",
      mode: "online",
      languages: ["en"],
      campaign_id: ids.redDecember,
    });
    await insertEvent(db, dayNetwork.id, { title: "Événement d’une campagne en brouillon", campaign_id: draftCampaign.id });
    await insertEvent(db, dayNetwork.id, { title: "Brouillon de Décembre rouge", status: "draft", campaign_id: ids.redDecember });
    await insertEvent(db, dayNetwork.id, { title: "Atelier des pairs", languages: ["fr"], campaign_id: peerCampaign.id });
    await insertEvent(db, dayNetwork.id, { title: "Réunion mensuelle" });

    server = createServer((req, res) => {
      if (!handleFeedRequest(req, res)) {
        res.writeHead(599).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await database.drop();
  });

  test("the network feed: every rule of RFC 5545 on the fixtures", async () => {
    const reply = await get(server, `/n/${slug}/calendar.ics`);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(reply.headers["cache-control"]).toBe("public, max-age=300");
    const text = reply.body.toString("utf8");
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text.endsWith("END:VCALENDAR")).toBe(true);
    expect(text.includes("\n") && !/[^\r]\n/.test(text)).toBe(true);

    const { calendar, events, bySummary } = parse(text);
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Harm Reduction Network");
    expect(calendar.getFirstPropertyValue("x-wr-caldesc")).toBe("Events of Harm Reduction Network.");
    expect(calendar.getFirstPropertyValue("refresh-interval")?.toString()).toBe("PT1H");
    expect(calendar.getFirstPropertyValue("x-published-ttl")).toBe("PT1H");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(events.map((event) => event.summary).sort()).toEqual(
      [
        "Cancelled picnic",
        "Co-hosted workshop",
        "European Testing Week",
        "Kyiv outreach night",
        "Lisbon overnight vigil",
        "Moved meeting",
        "New York webinar",
        awkwardTitle,
      ].sort(),
    );
    expect(
      calendar
        .getAllSubcomponents("vtimezone")
        .map((zone) => zone.getFirstPropertyValue("tzid"))
        .sort(),
    ).toEqual(["America/New_York", "Europe/Kyiv", "Europe/Lisbon"]);

    const lisbon = bySummary("Lisbon overnight vigil")!;
    expect(lisbon.uid).toBe(`${ids.lisbonNight}@localhost`);
    expect(text).toContain(`DTSTART;TZID=Europe/Lisbon:${compact(lisbonChange.eve)}T220000\r\n`);
    expect(text).toContain(`DTEND;TZID=Europe/Lisbon:${compact(lisbonChange.day)}T100000\r\n`);
    expect(lisbon.startDate.toJSDate().toISOString()).toBe(`${lisbonChange.eve}T22:00:00.000Z`);
    expect(lisbon.endDate.toJSDate().toISOString()).toBe(`${lisbonChange.day}T09:00:00.000Z`);
    expect(lisbon.location).toBe("Praça do Comércio, Lisbon, Portugal");
    expect(lisbon.component.getFirstPropertyValue("geo")).toEqual([38.7075, -9.1364]);
    expect(lisbon.description).toBe("Bring candles, and see the plan (https://example.org/plan).");
    expect(lisbon.component.getFirstProperty("categories")!.getValues()).toEqual([campaignTitle, "Portuguese", "English"]);
    expect(lisbon.component.getFirstPropertyValue("url")).toBe(`http://localhost:3000/n/${slug}/events/${ids.lisbonNight}`);
    expect(lisbon.organizer).toBe("mailto:no-reply@daymark.test");
    expect(lisbon.component.getFirstProperty("organizer")!.getParameter("cn")).toBe("Harm Reduction Network");
    expect(lisbon.component.getFirstPropertyValue("status")).toBe("CONFIRMED");
    for (const name of ["dtstamp", "created", "last-modified"]) expect(lisbon.component.hasProperty(name)).toBe(true);

    const kyiv = bySummary("Kyiv outreach night")!;
    expect(kyiv.startDate.toJSDate().toISOString()).toBe(`${kyivChange.eve}T18:00:00.000Z`);
    expect(kyiv.endDate.toJSDate().toISOString()).toBe(`${kyivChange.day}T06:00:00.000Z`);
    expect(text).toContain(`DTSTART;TZID=Europe/Kyiv:${compact(kyivChange.eve)}T200000\r\n`);
    expect(text).toContain(`DTEND;TZID=Europe/Kyiv:${compact(kyivChange.day)}T090000\r\n`);
    const newYork = bySummary("New York webinar")!;
    expect(text).toContain(`DTSTART;TZID=America/New_York:${compact(newYorkChange.day)}T000000\r\n`);
    expect(text).toContain(`DTEND;TZID=America/New_York:${compact(newYorkChange.day)}T090000\r\n`);
    expect(newYork.endDate.toJSDate().toISOString()).toBe(`${newYorkChange.day}T13:00:00.000Z`);
    // A public online link is shown to everyone.
    expect(newYork.location).toBe("https://meet.example.org/public-webinar");
    expect(newYork.description).toBe("Join online: https://meet.example.org/public-webinar");

    expect(text).toContain(`DTSTART;VALUE=DATE:${testYear}1123\r\n`);
    expect(text).toContain(`DTEND;VALUE=DATE:${testYear}1201\r\n`);
    expect(bySummary("European Testing Week")!.startDate.isDate).toBe(true);

    const cancelled = bySummary("Cancelled picnic")!;
    expect(cancelled.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelled.sequence).toBe(2);

    const awkward = bySummary(awkwardTitle)!;
    expect(awkward.description).toBe("A, B; C \\ D");
    expect(text).toContain("SUMMARY:Harm reduction\\, peer-led\\; C:\\\\Users \\\\ talk\\nsecond line\r\n");

    // Only entitled readers get private online links.
    expect(text).not.toContain("meet.example.org/workshop");
    expect(text).not.toContain("secret-room");
  });

  test("a moved event comes back with a higher SEQUENCE and its new time in the next request", async () => {
    const before = parse((await get(server, `/n/${slug}/calendar.ics`)).body.toString()).bySummary("Moved meeting")!;
    expect(before.sequence).toBe(0);
    await database.db
      .updateTable("events")
      .set({ starts_at: `${testYear}-12-02T18:00:00Z`, ends_at: `${testYear}-12-02T20:00:00Z`, sequence: 1, updated_at: new Date() })
      .where("id", "=", ids.moved!)
      .execute();
    const after = parse((await get(server, `/n/${slug}/calendar.ics`)).body.toString()).bySummary("Moved meeting")!;
    expect(after.sequence).toBe(1);
    expect(after.uid).toBe(before.uid);
    expect(after.startDate.toJSDate().toISOString()).toBe(`${testYear}-12-02T18:00:00.000Z`);
  });

  test.runIf(driver === "postgres")("a change made by another process shows in the very next request after its commit", async () => {
    // Another web process: a pool of its own, whose commits this process hears only by notification.
    const otherProcess = await openDatabase({ connectionString: database.url! });
    try {
      for (let round = 1; round <= 5; round++) {
        await get(server, `/n/${slug}/calendar.ics`);
        await otherProcess.db
          .updateTable("events")
          .set({ title: `Webinar, take ${round}` })
          .where("id", "=", ids.newYork!)
          .execute();
        const text = (await get(server, `/n/${slug}/calendar.ics`)).body.toString();
        expect(parse(text).events.map((event) => event.summary)).toContain(`Webinar, take ${round}`);
      }
    } finally {
      await otherProcess.close();
    }
  });

  test("ETag and Last-Modified: unchanged while nothing changes, new after an edit, 304 for the current tag", async () => {
    const first = await get(server, `/n/${slug}/calendar.ics`);
    const second = await get(server, `/n/${slug}/calendar.ics`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(second.headers.etag).toBe(etag);
    expect(second.headers["last-modified"]).toBe(first.headers["last-modified"]);

    const revalidated = await get(server, `/n/${slug}/calendar.ics`, { "If-None-Match": etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
    const bySince = await get(server, `/n/${slug}/calendar.ics`, {
      "If-Modified-Since": first.headers["last-modified"] as string,
    });
    expect(bySince.status).toBe(304);

    // An edit that does not change this feed's content (a partner's notes) keeps both.
    await database.db.updateTable("partner_organisations").set({ notes: "met in May" }).where("id", "=", ids.kyiv!).execute();
    const unchanged = await get(server, `/n/${slug}/calendar.ics`, { "If-None-Match": etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers["last-modified"]).toBe(first.headers["last-modified"]);

    await database.db.updateTable("events").set({ title: "Kyiv outreach night (extended)" }).where("id", "=", ids.kyivNight!).execute();
    const edited = await get(server, `/n/${slug}/calendar.ics`, { "If-None-Match": etag });
    expect(edited.status).toBe(200);
    expect(edited.headers.etag).not.toBe(etag);
    expect(Date.parse(edited.headers["last-modified"] as string)).toBeGreaterThan(Date.parse(first.headers["last-modified"] as string));
    expect(parse(edited.body.toString()).bySummary("Kyiv outreach night (extended)")).toBeDefined();
    const stale = await get(server, `/n/${slug}/calendar.ics`, { "If-Modified-Since": first.headers["last-modified"] as string });
    expect(stale.status).toBe(200);
  });

  test("gzip and br when asked, HEAD without a body, each coding its own strong tag", async () => {
    const plain = await get(server, `/n/${slug}/calendar.ics`);
    const gzipped = await get(server, `/n/${slug}/calendar.ics`, { "Accept-Encoding": "gzip, deflate" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers.vary).toBe("Accept-Encoding");
    expect(gunzipSync(gzipped.body).equals(plain.body)).toBe(true);
    expect(gzipped.headers.etag).toBe(`${(plain.headers.etag as string).slice(0, -1)}-gzip"`);
    const brotli = await get(server, `/n/${slug}/calendar.ics`, { "Accept-Encoding": "gzip, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
    const refused = await get(server, `/n/${slug}/calendar.ics`, { "Accept-Encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();

    const head = await get(server, `/n/${slug}/calendar.ics`, { "Accept-Encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe(String(gzipped.body.length));
    // A client that cached the gzip copy revalidates with its tag.
    const conditional = await get(server, `/n/${slug}/calendar.ics`, {
      "If-None-Match": gzipped.headers.etag as string,
      "Accept-Encoding": "gzip",
    });
    expect(conditional.status).toBe(304);
  });

  test("filters: country, language and mode as query parameters; malformed values get 400", async () => {
    const summaries = async (query: string) =>
      parse((await get(server, `/n/${slug}/calendar.ics?${query}`)).body.toString())
        .events.map((event) => event.summary)
        .sort();
    expect(await summaries("country=pt")).toEqual(["Co-hosted workshop", "Lisbon overnight vigil"]);
    expect(await summaries("language=uk")).toEqual(["Kyiv outreach night (extended)"]);
    expect((await summaries("mode=online")).length).toBe(1);
    expect(await summaries("country=PT&mode=hybrid")).toEqual(["Co-hosted workshop"]);
    const named = parse((await get(server, `/n/${slug}/calendar.ics?mode=online&country=PT`)).body.toString());
    expect(named.calendar.getFirstPropertyValue("x-wr-calname")).toBe("Harm Reduction Network (PT\\, online)");
    const bad = await get(server, `/n/${slug}/calendar.ics?mode=teleport`);
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toContain("Unknown filter value");
  });

  test("campaign, host partner and single-event feeds; unknown ones 404, a deleted campaign 410", async () => {
    const campaign = parse((await get(server, `/n/${slug}/campaigns/${ids.campaign}/calendar.ics`)).body.toString());
    expect(campaign.calendar.getFirstPropertyValue("x-wr-calname")).toBe(`${campaignTitle} · Harm Reduction Network`);
    expect(campaign.events.map((event) => event.summary).sort()).toEqual(["European Testing Week", "Lisbon overnight vigil"]);

    const hosted = parse((await get(server, `/n/${slug}/partners/${ids.lisbon}/calendar.ics`)).body.toString());
    expect(hosted.calendar.getFirstPropertyValue("x-wr-calname")).toBe("Lisbon Collective · Harm Reduction Network");
    expect(hosted.events.map((event) => event.summary).sort()).toEqual(["Co-hosted workshop", "Lisbon overnight vigil"]);

    const single = await get(server, `/n/${slug}/events/${ids.unlisted}/calendar.ics`);
    expect(single.status).toBe(200);
    const one = parse(single.body.toString());
    expect(one.events.map((event) => [event.uid, event.summary])).toEqual([[`${ids.unlisted}@localhost`, "Unlisted meetup"]]);
    const cancelledOne = parse((await get(server, `/n/${slug}/events/${ids.cancelled}/calendar.ics`)).body.toString());
    expect(cancelledOne.events[0]!.component.getFirstPropertyValue("status")).toBe("CANCELLED");

    for (const path of [
      `/n/${slug}/events/${ids.draft}/calendar.ics`,
      `/n/${slug}/events/${ids.partnersOnly}/calendar.ics`,
      `/n/${slug}/events/not-a-uuid/calendar.ics`,
      `/n/${slug}/campaigns/00000000-0000-4000-8000-000000000000/calendar.ics`,
      `/n/${slug}/partners/%E0%A4%A/calendar.ics`,
      `/n/no-such-network/calendar.ics`,
    ]) {
      expect([path, (await get(server, path)).status]).toEqual([path, 404]);
    }

    await database.db.deleteFrom("campaigns").where("id", "=", ids.campaign!).execute();
    const gone = await get(server, `/n/${slug}/campaigns/${ids.campaign}/calendar.ics`);
    expect(gone.status).toBe(410);
    expect(gone.body.toString()).toBe("This campaign was deleted: its calendar feed no longer exists.\n");
  });

  test("the global-day feed holds exactly the events of the day's campaigns, named in the network's language", async () => {
    const reply = await get(server, `/n/days-${driver}/days/world-aids-day/calendar.ics`);
    expect(reply.status).toBe(200);
    expect(reply.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(reply.headers["cache-control"]).toBe("public, max-age=300");
    const feed = parse(reply.body.toString());
    expect(feed.calendar.getFirstPropertyValue("x-wr-calname")).toBe("Journée mondiale de lutte contre le sida · Réseau Jour");
    expect(feed.calendar.getFirstPropertyValue("x-wr-caldesc")).toBe(
      "Journée mondiale de lutte contre le sida : événements de Réseau Jour.",
    );
    // Not the draft event, nor the event of the draft campaign, nor those of other days or of no campaign.
    expect(feed.events.map((event) => event.summary).sort()).toEqual(["Dépistage à Lisbonne", "Webinaire mondial"]);
    expect(feed.bySummary("Dépistage à Lisbonne")!.component.getFirstProperty("categories")!.getValues()).toEqual([
      "Décembre rouge",
      "Journée mondiale de lutte contre le sida",
      "portugais",
    ]);

    const summaries = async (query: string) =>
      parse((await get(server, `/n/days-${driver}/days/world-aids-day/calendar.ics?${query}`)).body.toString())
        .events.map((event) => event.summary)
        .sort();
    expect(await summaries("country=PT")).toEqual(["Dépistage à Lisbonne"]);
    expect(await summaries("language=en")).toEqual(["Webinaire mondial"]);
    expect(await summaries("mode=online")).toEqual(["Webinaire mondial"]);
    expect(await summaries("mode=in_person&language=en")).toEqual([]);
    expect((await get(server, `/n/days-${driver}/days/world-aids-day/calendar.ics?mode=teleport`)).status).toBe(400);

    // The network's own day, named in English when it has no French name; its name in every feed's CATEGORIES.
    const own = parse((await get(server, `/n/days-${driver}/days/peer-workers-day/calendar.ics`)).body.toString());
    expect(own.calendar.getFirstPropertyValue("x-wr-calname")).toBe("Peer Workers Day · Réseau Jour");
    expect(own.events.map((event) => event.summary)).toEqual(["Atelier des pairs"]);
    const whole = parse((await get(server, `/n/days-${driver}/calendar.ics`)).body.toString());
    expect(whole.bySummary("Atelier des pairs")!.component.getFirstProperty("categories")!.getValues()).toEqual([
      "Journée des pairs",
      "Peer Workers Day",
      "français",
    ]);
    expect(whole.bySummary("Réunion mensuelle")!.component.hasProperty("categories")).toBe(false);

    // The catalogue is every network's; a network's own day is not.
    const elsewhere = await get(server, `/n/${slug}/days/world-aids-day/calendar.ics`);
    expect([elsewhere.status, parse(elsewhere.body.toString()).events.length]).toEqual([200, 0]);
    for (const path of [
      `/n/${slug}/days/peer-workers-day/calendar.ics`,
      `/n/days-${driver}/days/no-such-day/calendar.ics`,
      `/n/days-${driver}/days/World_AIDS_Day/calendar.ics`,
      `/n/days-${driver}/days/%E0%A4%A/calendar.ics`,
      `/n/no-such-network/days/world-aids-day/calendar.ics`,
    ]) {
      expect([path, (await get(server, path)).status]).toEqual([path, 404]);
    }
    const viaRemix = await feedResponse(new Request(`http://localhost:3000/n/days-${driver}/days/world-aids-day/calendar.ics`));
    expect([viaRemix.status, viaRemix.headers.get("etag")]).toEqual([200, reply.headers.etag]);
  });

  test("the global-day feed's ETag changes when its day is renamed or the campaign's day link changes", async () => {
    const path = `/n/days-${driver}/days/world-aids-day/calendar.ics`;
    const first = await get(server, path);
    const etag = first.headers.etag as string;
    expect((await get(server, path)).headers.etag).toBe(etag);
    expect((await get(server, path, { "If-None-Match": etag })).status).toBe(304);

    // A catalogue day is renamed: every network's feeds hear of it.
    const renameWorldAidsDay = (name: string) =>
      database.db
        .updateTable("global_day_translations")
        .set({ name })
        .where("global_day_id", "=", ids.worldAidsDay!)
        .where("locale", "=", "fr")
        .execute();
    await renameWorldAidsDay("Journée mondiale du sida");
    const renamed = await get(server, path, { "If-None-Match": etag });
    expect(renamed.status).toBe(200);
    expect(renamed.headers.etag).not.toBe(etag);
    const renamedFeed = parse(renamed.body.toString());
    expect(renamedFeed.calendar.getFirstPropertyValue("x-wr-calname")).toBe("Journée mondiale du sida · Réseau Jour");
    expect(renamedFeed.bySummary("Webinaire mondial")!.component.getFirstProperty("categories")!.getValues()).toEqual([
      "Décembre rouge",
      "Journée mondiale du sida",
      "anglais",
    ]);
    await renameWorldAidsDay("Journée mondiale de lutte contre le sida");
    expect((await get(server, path)).headers.etag).toBe(etag);

    // The campaign moves to the network's own day: its events leave this feed and join that one.
    await database.db.updateTable("campaigns").set({ global_day_id: ids.peerDay! }).where("id", "=", ids.redDecember!).execute();
    const relinked = await get(server, path, { "If-None-Match": etag });
    expect(relinked.status).toBe(200);
    expect(relinked.headers.etag).not.toBe(etag);
    expect(parse(relinked.body.toString()).events).toEqual([]);
    const ownDay = parse((await get(server, `/n/days-${driver}/days/peer-workers-day/calendar.ics`)).body.toString());
    expect(ownDay.events.map((event) => event.summary).sort()).toEqual(["Atelier des pairs", "Dépistage à Lisbonne", "Webinaire mondial"]);

    // The network's own day is renamed: its feed follows.
    const ownPath = `/n/days-${driver}/days/peer-workers-day/calendar.ics`;
    const ownTag = (await get(server, ownPath)).headers.etag as string;
    await database.db
      .updateTable("global_day_translations")
      .set({ name: "Peer Work Day" })
      .where("global_day_id", "=", ids.peerDay!)
      .execute();
    const ownRenamed = await get(server, ownPath, { "If-None-Match": ownTag });
    expect(ownRenamed.status).toBe(200);
    expect(parse(ownRenamed.body.toString()).calendar.getFirstPropertyValue("x-wr-calname")).toBe("Peer Work Day · Réseau Jour");
  });

  test("private partner feed: partners-only events and the hosts' online links; revoked and unknown tokens 404 alike", async () => {
    const token = await issueFeedToken(database.db, { networkId: ids.network!, partnerId: ids.lisbon!, userId: ids.organiser! });
    const path = `/n/${slug}/feeds/${token}/calendar.ics`;
    const reply = await get(server, path);
    expect(reply.status).toBe(200);
    expect(reply.headers["cache-control"]).toBe("private, no-store");
    const feed = parse(reply.body.toString());
    expect(feed.calendar.getFirstPropertyValue("x-wr-calname")).toBe("Harm Reduction Network: calendar for Lisbon Collective");
    expect(feed.bySummary("Partners strategy call")).toBeDefined();
    // Lisbon co-hosts the workshop: entitled to its link. The strategy call is Kyiv's: no link.
    expect(feed.bySummary("Co-hosted workshop")!.description).toBe("Join online: https://meet.example.org/workshop");
    expect(feed.bySummary("Partners strategy call")!.description).toBeNull();
    expect(feed.bySummary("Partners strategy call")!.location).toBe("Online");

    await expect.poll(async () => (await listPartnerFeeds(database.db, ids.network!, ids.lisbon!))[0]!.lastUsedAt).not.toBeNull();

    // The token works in its own network only.
    const other = await createNetwork(database.db, `${slug}-other`);
    expect((await get(server, `/n/${other.slug}/feeds/${token}/calendar.ics`)).status).toBe(404);

    const reissued = await issueFeedToken(database.db, { networkId: ids.network!, partnerId: ids.lisbon!, userId: ids.organiser! });
    const oldReply = await get(server, path);
    const unknown = await get(server, `/n/${slug}/feeds/${"x".repeat(43)}/calendar.ics`);
    expect(oldReply.status).toBe(404);
    expect(oldReply.headers["cache-control"]).toBe("private, no-store");
    expect([oldReply.body.toString(), oldReply.headers["content-length"]]).toEqual([
      unknown.body.toString(),
      unknown.headers["content-length"],
    ]);
    expect((await get(server, `/n/${slug}/feeds/${reissued}/calendar.ics`)).status).toBe(200);
    expect(await revokeFeedToken(database.db, { networkId: ids.network!, partnerId: ids.lisbon!, userId: ids.organiser! })).toBe(true);
    expect((await get(server, `/n/${slug}/feeds/${reissued}/calendar.ics`)).status).toBe(404);
  });

  test("concurrent re-issues leave exactly one live token, and each issued link but the survivor is dead", async () => {
    const tokens = await Promise.all(
      Array.from({ length: 6 }, () =>
        issueFeedToken(database.db, { networkId: ids.network!, partnerId: ids.kyiv!, userId: ids.organiser! }),
      ),
    );
    const live = await database.db
      .selectFrom("feed_tokens")
      .select("id")
      .where("partner_id", "=", ids.kyiv!)
      .where("revoked_at", "is", null)
      .execute();
    expect(live).toHaveLength(1);
    const statuses = await Promise.all(tokens.map(async (token) => (await get(server, `/n/${slug}/feeds/${token}/calendar.ics`)).status));
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 404)).toHaveLength(5);
  });

  test("many simultaneous requests after a change are answered from one build, all alike", async () => {
    await database.db.updateTable("events").set({ title: "Cancelled picnic (rain)" }).where("id", "=", ids.cancelled!).execute();
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => get(server, `/n/${slug}/calendar.ics`, { "Accept-Encoding": "gzip" })),
    );
    expect(new Set(replies.map((reply) => reply.headers.etag)).size).toBe(1);
    expect(replies.every((reply) => reply.status === 200 && gunzipSync(reply.body).toString().includes("Cancelled picnic (rain)"))).toBe(
      true,
    );
  });

  test("the Remix resource route answers exactly as the fast path does", async () => {
    const fast = await get(server, `/n/${slug}/calendar.ics`);
    const viaRemix = await feedResponse(new Request(`http://localhost:3000/n/${slug}/calendar.ics`));
    expect([viaRemix.status, viaRemix.headers.get("etag"), viaRemix.headers.get("last-modified")]).toEqual([
      200,
      fast.headers.etag,
      fast.headers["last-modified"],
    ]);
    expect(Buffer.from(await viaRemix.arrayBuffer()).equals(fast.body)).toBe(true);
    const conditional = await feedResponse(
      new Request(`http://localhost:3000/n/${slug}/calendar.ics`, { headers: { "If-None-Match": fast.headers.etag as string } }),
    );
    expect(conditional.status).toBe(304);
    const head = await feedResponse(new Request(`http://localhost:3000/n/${slug}/calendar.ics`, { method: "HEAD" }));
    expect([head.status, head.headers.get("content-length"), (await head.arrayBuffer()).byteLength]).toEqual([
      200,
      String(fast.body.length),
      0,
    ]);
  });

  test("snapshots of feeds nobody fetched for long are pruned", async () => {
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom("feed_snapshots")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count()).toBeGreaterThan(0);
    await deleteStaleSnapshots(database.db, new Date(Date.now() + 60_000));
    expect(await count()).toBe(0);
  });
});
