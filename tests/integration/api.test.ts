import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { feedResponse } from "~/modules/feeds/serve.server";
import { loader as campaignsLoader } from "~/routes/api.v1.networks.$network.campaigns";
import { loader as daysLoader } from "~/routes/api.v1.networks.$network.days";
import { loader as eventLoader } from "~/routes/api.v1.networks.$network.events.$eventId";
import { loader as eventsLoader } from "~/routes/api.v1.networks.$network.events._index";
import { loader as networkLoader } from "~/routes/api.v1.networks.$network._index";
import { action as networksAction, loader as networksLoader } from "~/routes/api.v1.networks._index";
import { loader as partnersLoader } from "~/routes/api.v1.networks.$network.partners";
import { loader as documentLoader } from "~/routes/api.v1.openapi[.]json";
import { action as integrationsAction, loader as integrationsLoader } from "~/routes/n.$network.integrations";
import { action as partnerAction } from "~/routes/n.$network.partners.$partnerId";
import { useDatabase } from "~/utils/db.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { insertEvent } from "../support/feed-fixtures";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";
import { expectMatchesDocument } from "../support/openapi-validator";

type Loader = typeof networksLoader;
const routes: Record<string, Loader> = {
  "/networks": networksLoader,
  "/networks/{network}": networkLoader,
  "/networks/{network}/events": eventsLoader,
  "/networks/{network}/events/{eventId}": eventLoader,
  "/networks/{network}/campaigns": campaignsLoader,
  "/networks/{network}/days": daysLoader,
  "/networks/{network}/partners": partnersLoader,
};

/** Timestamps have milliseconds: a change made after this is strictly later than the instant before it. */
const aMomentLater = () => new Promise((resolve) => setTimeout(resolve, 5));

interface EventItem {
  id: string;
  uid: string;
  title: string;
  status: string;
  start: string;
  end: string;
  onlineUrl: string | null;
  [key: string]: unknown;
}

describe.each(testDrivers())("public API on %s", (driver) => {
  let database: TestDatabase;
  const slug = `api-${driver}`;
  const ids: Record<string, string> = {};
  let address = 0;

  /** A GET through the route's loader, from a client address of its own unless told; the answer checked against the document. */
  async function get(template: string, path: string, init: { headers?: Record<string, string>; clientAddress?: string } = {}) {
    const segments = path.split("?")[0]!.split("/");
    const params = Object.fromEntries(
      template.split("/").flatMap((part, index) => (part.startsWith("{") ? [[part.slice(1, -1), segments[index]!]] : [])),
    );
    const request = new Request(`http://localhost:3000/api/v1${path}`, { headers: init.headers ?? {} });
    const response = await routes[template]!({
      request,
      params,
      context: { clientAddress: init.clientAddress ?? `198.51.100.${(address += 1) % 250}` },
    });
    return { response, body: await expectMatchesDocument(template, response.clone()) };
  }

  async function events(query = "") {
    const { body } = await get("/networks/{network}/events", `/networks/${slug}/events${query}`);
    return body as { data: EventItem[]; nextCursor: string | null };
  }

  /** Every page of a listing, following nextCursor. */
  async function allEvents(query: string, limit: number) {
    const items: EventItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const separator = query ? "&" : "?";
      const page = await events(`${query}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
      items.push(...page.data);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    return { items, pages };
  }

  async function feedEvents(query = "") {
    const response = await feedResponse(new Request(`http://localhost:3000/n/${slug}/calendar.ics${query}`));
    expect(response.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    return calendar.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        status: String(vevent.getFirstPropertyValue("status")),
      };
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    const db = database.db;
    const network = await createNetwork(db, slug, "API Network");
    ids.network = network.id;
    const partner = (name: string, country: string, listed: boolean) =>
      db
        .insertInto("partner_organisations")
        .values({ network_id: network.id, name, country, listed_publicly: listed, website: listed ? "https://lisbon.example.org" : null })
        .returning("id")
        .executeTakeFirstOrThrow();
    ids.lisbonPartner = (await partner("Lisbon Collective", "PT", true)).id;
    ids.kyivPartner = (await partner("Kyiv Union", "UA", false)).id;
    ids.worldAidsDay = (
      await db
        .selectFrom("global_days")
        .select("id")
        .where("key", "=", "world-aids-day")
        .where("network_id", "is", null)
        .executeTakeFirstOrThrow()
    ).id;
    ids.campaign = (
      await db
        .insertInto("campaigns")
        .values({
          network_id: network.id,
          slug: `wad-${testYear}`,
          title: `World AIDS Day ${testYear}`,
          status: "published",
          global_day_id: ids.worldAidsDay,
          occurrence_year: testYear,
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    ids.draftCampaign = (
      await db
        .insertInto("campaigns")
        .values({ network_id: network.id, slug: "secret-plan", title: "Secret plan", status: "draft" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    const event = async (name: string, values: Parameters<typeof insertEvent>[2]) => {
      ids[name] = (await insertEvent(db, network.id, values)).id;
    };
    // Kyiv in winter (+02:00) and Lisbon in summer (+01:00): the API writes each in its own zone.
    await event("kyiv", {
      title: "Kyiv outreach night",
      time_zone: "Europe/Kyiv",
      starts_at: `${testYear}-12-01T16:00:00Z`,
      ends_at: `${testYear}-12-01T19:00:00Z`,
      country: "UA",
      languages: ["uk"],
      host_partner_id: ids.kyivPartner,
      campaign_id: ids.campaign,
    });
    await event("lisbon", {
      title: "Lisbon vigil",
      time_zone: "Europe/Lisbon",
      starts_at: `${testYear}-07-10T19:00:00Z`,
      ends_at: `${testYear}-07-10T21:00:00Z`,
      country: "PT",
      languages: ["pt", "en"],
      host_partner_id: ids.lisbonPartner,
      description: "Bring **candles**.",
    });
    await event("webinar", {
      title: "Public webinar",
      starts_at: `${testYear}-03-05T11:00:00Z`,
      ends_at: `${testYear}-03-05T13:00:00Z`,
      mode: "online",
      online_url: "https://meet.example.org/public-webinar",
      online_url_public: true,
      languages: ["en"],
    });
    await event("privateRoom", {
      title: "Peer support circle",
      starts_at: `${testYear}-03-05T12:00:00Z`,
      ends_at: `${testYear}-03-05T14:00:00Z`,
      mode: "online",
      online_url: "https://meet.example.org/closed-room",
      languages: ["en"],
    });
    await event("cancelled", {
      title: "Cancelled picnic",
      status: "cancelled",
      sequence: 2,
      cancelled_at: new Date(Date.now() - 3 * 24 * 3600 * 1000),
    });
    await event("longCancelled", {
      title: "Long cancelled",
      status: "cancelled",
      cancelled_at: new Date(Date.now() - 40 * 24 * 3600 * 1000),
    });
    await event("partnersOnly", { title: "Partners strategy call", visibility: "partners" });
    await event("unlisted", { title: "Unlisted meetup", visibility: "unlisted" });
    await event("draft", { title: "Draft idea", status: "draft" });
    await event("draftCampaignEvent", { title: "Event of a draft campaign", campaign_id: ids.draftCampaign });
  });

  afterAll(async () => {
    await database.drop();
  });

  test("the network's events are the feed's: same ids, same UTC times, same order", async () => {
    const { items } = await allEvents("", 50);
    const feed = await feedEvents();
    expect(
      items.map((item) => ({ uid: item.uid, start: new Date(item.start).toISOString(), end: new Date(item.end).toISOString() })),
    ).toEqual(feed.map(({ uid, start, end }) => ({ uid, start, end })));
    expect(items.map((item) => item.id).sort()).toEqual(
      [ids.kyiv, ids.lisbon, ids.webinar, ids.privateRoom, ids.cancelled, ids.draftCampaignEvent].sort(),
    );
    // The same with each filter the feed takes.
    for (const query of ["?country=PT", "?country=ua", "?language=en", "?mode=online"]) {
      const filtered = (await allEvents(query, 50)).items.map((item) => item.uid);
      expect(filtered, query).toEqual((await feedEvents(query)).map((event) => event.uid));
    }
    expect((await allEvents("?mode=online", 50)).items.map((item) => item.title)).toEqual(["Public webinar", "Peer support circle"]);
    // What is still to come on 1 October: the Kyiv night, and the cancelled picnic of 1 December.
    const upcoming = (await allEvents(`?ends_after=${testYear}-10-01T00:00:00Z`, 50)).items.map((item) => item.title);
    expect(upcoming).toEqual(
      feed.filter((event) => event.end > `${testYear}-10-01`).map((event) => items.find((item) => item.uid === event.uid)!.title),
    );
    expect(upcoming.sort()).toEqual(["Cancelled picnic", "Event of a draft campaign", "Kyiv outreach night"]);
  });

  test("an event in its own zone: ISO 8601 with the zone's offset, online links only when public", async () => {
    const { items } = await allEvents("", 50);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(ids.kyiv!)).toMatchObject({
      uid: `${ids.kyiv}@localhost`,
      url: `http://localhost:3000/n/${slug}/events/${ids.kyiv}`,
      status: "published",
      visibility: "public",
      timeZone: "Europe/Kyiv",
      start: `${testYear}-12-01T18:00:00+02:00`,
      end: `${testYear}-12-01T21:00:00+02:00`,
      allDay: false,
      country: "UA",
      host: { id: ids.kyivPartner, name: "Kyiv Union" },
      cohosts: [],
      campaign: {
        id: ids.campaign,
        slug: `wad-${testYear}`,
        title: `World AIDS Day ${testYear}`,
        globalDay: { id: ids.worldAidsDay, key: "world-aids-day" },
      },
      registrationUrl: `http://localhost:3000/n/${slug}/events/${ids.kyiv}/register`,
    });
    expect(byId.get(ids.lisbon!)).toMatchObject({
      start: `${testYear}-07-10T20:00:00+01:00`,
      description: "Bring candles.",
      descriptionHtml: "<p>Bring <strong>candles</strong>.</p>\n",
    });
    expect(byId.get(ids.webinar!)!.onlineUrl).toBe("https://meet.example.org/public-webinar");
    expect(byId.get(ids.privateRoom!)!.onlineUrl).toBeNull();
    expect(byId.get(ids.cancelled!)).toMatchObject({ status: "cancelled", registrationUrl: null });
    // A draft campaign's title stays private, as in the feed.
    expect(byId.get(ids.draftCampaignEvent!)!.campaign).toBeNull();
  });

  test("pages follow each other without repeating or skipping an event", async () => {
    const whole = (await allEvents("", 50)).items.map((item) => item.id);
    const paged = await allEvents("", 2);
    expect(paged.pages).toBe(3);
    expect(paged.items.map((item) => item.id)).toEqual(whole);
    const last = await events(`?limit=${whole.length}`);
    expect(last.nextCursor).toBeNull();
  });

  test("one event by id: public and unlisted ones, never partners-only or drafts", async () => {
    const unlisted = await get("/networks/{network}/events/{eventId}", `/networks/${slug}/events/${ids.unlisted}`);
    expect(unlisted.response.status).toBe(200);
    expect(unlisted.body).toMatchObject({ id: ids.unlisted, visibility: "unlisted" });
    for (const id of [ids.partnersOnly, ids.draft, "not-a-uuid"]) {
      const hidden = await get("/networks/{network}/events/{eventId}", `/networks/${slug}/events/${id}`);
      expect(hidden.response.status).toBe(404);
      expect(hidden.body).toEqual({ type: "about:blank", title: "Not found", status: 404, detail: "event" });
    }
  });

  test("changed_since: changed events in full, cancelled ones whenever, and tombstones of deleted and withdrawn ones", async () => {
    const db = database.db;
    const since = new Date();
    await aMomentLater();
    await db.updateTable("events").set({ title: "Lisbon vigil (moved)", updated_at: new Date() }).where("id", "=", ids.lisbon!).execute();
    await db.updateTable("events").set({ updated_at: new Date() }).where("id", "=", ids.longCancelled!).execute();
    await db.updateTable("events").set({ visibility: "unlisted", updated_at: new Date() }).where("id", "=", ids.privateRoom!).execute();
    await db.deleteFrom("events").where("id", "=", ids.draftCampaignEvent!).execute();
    // Never listed: deleting a draft or an unlisted event leaves nothing a reader could know.
    await db.deleteFrom("events").where("id", "in", [ids.draft!, ids.unlisted!]).execute();

    const changed = await allEvents(`?changed_since=${encodeURIComponent(since.toISOString())}`, 2);
    expect(changed.items.map((item) => [item.id, item.status])).toEqual([
      [ids.lisbon, "published"],
      [ids.longCancelled, "cancelled"],
      [ids.privateRoom, "withdrawn"],
      [ids.draftCampaignEvent, "deleted"],
    ]);
    expect(changed.items[0]!.title).toBe("Lisbon vigil (moved)");
    expect(Object.keys(changed.items[3]!).sort()).toEqual(["id", "removedAt", "status"]);

    // Withdrawn is about this reader: published again, the event comes back in full and its tombstone goes.
    const back = new Date();
    await aMomentLater();
    await db.updateTable("events").set({ visibility: "public", updated_at: new Date() }).where("id", "=", ids.privateRoom!).execute();
    const again = await events(`?changed_since=${encodeURIComponent(back.toISOString())}`);
    expect(again.data.map((item) => [item.id, item.status])).toEqual([[ids.privateRoom, "published"]]);
  });

  test("campaigns with their global day, the network's days, and only the partners that agreed to be listed", async () => {
    const campaigns = (await get("/networks/{network}/campaigns", `/networks/${slug}/campaigns`)).body as { data: unknown[] };
    expect(campaigns.data).toEqual([
      {
        id: ids.campaign,
        slug: `wad-${testYear}`,
        title: `World AIDS Day ${testYear}`,
        status: "published",
        startsOn: null,
        endsOn: null,
        globalDay: {
          id: ids.worldAidsDay,
          key: "world-aids-day",
          name: "World AIDS Day",
          year: testYear,
          startsOn: `${testYear}-12-01`,
          endsOn: `${testYear}-12-01`,
        },
        url: `http://localhost:3000/n/${slug}/campaigns/wad-${testYear}`,
        feedUrl: `http://localhost:3000/n/${slug}/campaigns/${ids.campaign}/calendar.ics`,
      },
    ]);
    const french = (await get("/networks/{network}/campaigns", `/networks/${slug}/campaigns?lang=fr`)).body as {
      data: { globalDay: { name: string } }[];
    };
    expect(french.data[0]!.globalDay.name).toBe("Journée mondiale de lutte contre le sida");

    const days = (await get("/networks/{network}/days", `/networks/${slug}/days`)).body as {
      data: { key: string; occurrences: { year: number; startsOn: string | null }[]; feedUrl: string }[];
    };
    const aidsDay = days.data.find((day) => day.key === "world-aids-day")!;
    expect(aidsDay.feedUrl).toBe(`http://localhost:3000/n/${slug}/days/world-aids-day/calendar.ics`);
    expect(aidsDay.occurrences).toHaveLength(1);
    expect(aidsDay.occurrences[0]!.startsOn!.slice(5)).toBe("12-01");
    expect(days.data.length).toBe(
      Number(
        (
          await database.db
            .selectFrom("global_days")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("network_id", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );

    const partners = (await get("/networks/{network}/partners", `/networks/${slug}/partners`)).body;
    expect(partners).toEqual({
      data: [
        {
          id: ids.lisbonPartner,
          name: "Lisbon Collective",
          country: "PT",
          city: null,
          website: "https://lisbon.example.org",
          languages: [],
          feedUrl: `http://localhost:3000/n/${slug}/partners/${ids.lisbonPartner}/calendar.ics`,
        },
      ],
    });
  });

  test("networks, the document itself, 404 and 400 as problems", async () => {
    const list = (await get("/networks", "/networks")).body as { data: { slug: string }[] };
    expect(list.data.map((network) => network.slug)).toContain(slug);
    const one = await get("/networks/{network}", `/networks/${slug}`);
    expect(one.body).toEqual({
      id: ids.network,
      slug,
      name: "API Network",
      defaultLanguage: "en",
      timeZone: "Europe/Lisbon",
      url: `http://localhost:3000/n/${slug}`,
      feedUrl: `http://localhost:3000/n/${slug}/calendar.ics`,
    });
    expect((await get("/networks/{network}", "/networks/nowhere")).response.status).toBe(404);
    for (const [query, detail] of [
      ["?country=Portugal", "country"],
      ["?mode=teleport", "mode"],
      ["?limit=0", "limit"],
      ["?changed_since=yesterday", "changed_since"],
      ["?cursor=bm9wZQ", "cursor"],
    ] as const) {
      const bad = await get("/networks/{network}/events", `/networks/${slug}/events${query}`);
      expect(bad.response.status, query).toBe(400);
      expect(bad.body).toEqual({ type: "about:blank", title: "Bad request", status: 400, detail });
    }
    expect((await get("/networks/{network}/events", `/networks/${slug}/events?campaign=${ids.draftCampaign}`)).response.status).toBe(404);
    const document = await documentLoader({
      request: new Request("http://localhost:3000/api/v1/openapi.json"),
      params: {},
      context: { clientAddress: "203.0.113.9" },
    });
    expect(document.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(((await document.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });

  test("ETag and 304, CORS for reading from any site, preflights", async () => {
    const first = await get("/networks/{network}/events", `/networks/${slug}/events`);
    const etag = first.response.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.response.headers.get("access-control-allow-origin")).toBe("*");
    expect(first.response.headers.get("cache-control")).toBe("public, max-age=60");
    const again = await get("/networks/{network}/events", `/networks/${slug}/events`, { headers: { "If-None-Match": etag } });
    expect(again.response.status).toBe(304);
    expect(again.response.headers.get("etag")).toBe(etag);
    const preflight = await networksAction({
      request: new Request("http://localhost:3000/api/v1/networks", { method: "OPTIONS" }),
      params: {},
      context: { clientAddress: "192.0.2.1" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("Authorization, If-None-Match");
    const post = await networksAction({
      request: new Request("http://localhost:3000/api/v1/networks", { method: "POST" }),
      params: {},
      context: { clientAddress: "192.0.2.1" },
    });
    expect(post.status).toBe(405);
  });

  test("rate limits per client address, with RateLimit headers and 429 beyond", async () => {
    const clientAddress = "192.0.2.77";
    const first = await get("/networks", "/networks", { clientAddress });
    expect(first.response.headers.get("ratelimit-limit")).toBe("300");
    expect(first.response.headers.get("ratelimit-remaining")).toBe("299");
    expect(Number(first.response.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    for (let hit = 2; hit <= 300; hit += 1) {
      const response = await networksLoader({
        request: new Request("http://localhost:3000/api/v1/networks"),
        params: {},
        context: { clientAddress },
      });
      expect(response.status).toBe(200);
    }
    const refused = await get("/networks", "/networks", { clientAddress });
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(refused.response.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await get("/networks", "/networks", { clientAddress: "192.0.2.78" })).response.status).toBe(200);
  });
  test("tokens: an owner creates one, shown once; its scopes open partners-only events and online links; revoked, it opens nothing", async () => {
    const db = database.db;
    const owner = await createUser(db, { email: `owner-${driver}@example.org`, networkId: ids.network!, role: "owner" });
    const page = `http://localhost:3000/n/${slug}/integrations`;
    const create = async (name: string, scopes: string[]) => {
      const form = new URLSearchParams({ intent: "create-token", name });
      for (const scope of scopes) form.append("scopes", scope);
      const answer = (await integrationsAction({
        request: await signedInRequest(db, owner.id, page, { method: "POST", body: form }),
        params: { network: slug },
        context: { clientAddress: "192.0.2.1" },
      })) as { created: { name: string; token: string } };
      expect(answer.created.name).toBe(name);
      expect(answer.created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      return answer.created.token;
    };
    const website = await create("Partner website", ["partners_events"]);
    const crm = await create("CRM", ["partners_events", "online_links"]);
    // Only the hash is kept.
    const stored = await db.selectFrom("api_tokens").select(["token_hash", "scopes"]).where("name", "=", "CRM").executeTakeFirstOrThrow();
    expect(stored.scopes).toEqual(["partners_events", "online_links"]);
    expect(stored.token_hash).not.toContain(crm);

    const listedWith = async (token?: string) => {
      const { response, body } = await get("/networks/{network}/events", `/networks/${slug}/events`, {
        headers: token ? { Authorization: `Bearer ${token}` } : {},
      });
      expect(response.status).toBe(200);
      return { response, items: (body as { data: EventItem[] }).data };
    };
    const anonymous = await listedWith();
    expect(anonymous.items.map((item) => item.id)).not.toContain(ids.partnersOnly);
    const withWebsite = await listedWith(website);
    expect(withWebsite.items.find((item) => item.id === ids.partnersOnly)).toMatchObject({
      visibility: "partners",
      title: "Partners strategy call",
    });
    expect(withWebsite.items.find((item) => item.id === ids.privateRoom)!.onlineUrl).toBeNull();
    expect(withWebsite.response.headers.get("cache-control")).toBe("private, no-cache");
    expect(withWebsite.response.headers.get("ratelimit-limit")).toBe("1200");
    const withCrm = await listedWith(crm);
    expect(withCrm.items.find((item) => item.id === ids.privateRoom)!.onlineUrl).toBe("https://meet.example.org/closed-room");
    const single = await get("/networks/{network}/events/{eventId}", `/networks/${slug}/events/${ids.partnersOnly}`, {
      headers: { Authorization: `Bearer ${website}` },
    });
    expect(single.response.status).toBe(200);

    // The owners' page shows when each was last used; no token is ever shown again.
    const listing = (await integrationsLoader({
      request: await signedInRequest(db, owner.id, page),
      params: { network: slug },
      context: { clientAddress: "192.0.2.1" },
    })) as { tokens: { id: string; name: string; lastUsedAt: string | null; revokedAt: string | null }[] };
    expect(listing.tokens.map((token) => token.name).sort()).toEqual(["CRM", "Partner website"]);
    expect(listing.tokens.every((token) => token.lastUsedAt !== null)).toBe(true);
    expect(JSON.stringify(listing)).not.toContain(website);

    const websiteId = listing.tokens.find((token) => token.name === "Partner website")!.id;
    await integrationsAction({
      request: await signedInRequest(db, owner.id, page, {
        method: "POST",
        body: new URLSearchParams({ intent: "revoke-token", tokenId: websiteId }),
      }),
      params: { network: slug },
      context: { clientAddress: "192.0.2.1" },
    });
    const otherNetwork = await createNetwork(db, `api-other-${driver}`);
    for (const [path, token] of [
      [`/networks/${slug}/events`, website],
      [`/networks/${slug}/events`, "x".repeat(43)],
      [`/networks/${otherNetwork.slug}/events`, crm],
    ] as const) {
      const refused = await get("/networks/{network}/events", path, { headers: { Authorization: `Bearer ${token}` } });
      expect(refused.response.status).toBe(401);
      expect(refused.response.headers.get("www-authenticate")).toBe('Bearer realm="daymark"');
      expect(refused.body).toEqual({ type: "about:blank", title: "Unauthorized", status: 401, detail: "token" });
    }
  });
  test("an organisation appears in the partner list once its agreement is ticked on its page, and leaves when it is unticked", async () => {
    const db = database.db;
    const organiser = await createUser(db, { email: `organiser-${driver}@example.org`, networkId: ids.network!, role: "organiser" });
    const save = async (listed: boolean) => {
      const form = new URLSearchParams({ intent: "save", name: "Kyiv Union", country: "UA", city: "Kyiv" });
      if (listed) form.set("listed_publicly", "on");
      const answer = (await partnerAction({
        request: await signedInRequest(db, organiser.id, `http://localhost:3000/n/${slug}/partners/${ids.kyivPartner}`, {
          method: "POST",
          body: form,
        }),
        params: { network: slug, partnerId: ids.kyivPartner! },
        context: { clientAddress: "192.0.2.1" },
      })) as { done: boolean };
      expect(answer.done).toBe(true);
    };
    const listedNames = async () =>
      ((await get("/networks/{network}/partners", `/networks/${slug}/partners`)).body as { data: { name: string }[] }).data.map(
        (p) => p.name,
      );
    expect(await listedNames()).toEqual(["Lisbon Collective"]);
    await save(true);
    expect(await listedNames()).toEqual(["Kyiv Union", "Lisbon Collective"]);
    await save(false);
    expect(await listedNames()).toEqual(["Lisbon Collective"]);
  });
});
