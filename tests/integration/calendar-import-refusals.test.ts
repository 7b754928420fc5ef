import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { handleSourcesAction } from "~/modules/imports/sources-page.server";
import { addSource, listSources, setAllowedHosts } from "~/modules/imports/sources.server";
import { FAILURES_BEFORE_NOTICE, syncSource } from "~/modules/imports/sync.server";
import { safeFetch, SafeFetchError } from "~/modules/net/safe-fetch.server";
import { useDatabase } from "~/utils/db.server";
import { vendorCalendars } from "../support/calendar-fixtures";
import { startCalendarServer, type CalendarServer } from "../support/calendar-server";
import { testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";

const appUrl = "http://localhost:3000";
const now = DateTime.utc(testYear, 1, 10, 12).toJSDate();

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "answered";
  } catch (error) {
    if (error instanceof SafeFetchError) return `${error.code} ${error.detail}`;
    throw error;
  }
}

describe("safe fetching", () => {
  let server: CalendarServer;
  /** On another loopback address that is not allowed: it must never see a request. */
  let inside: CalendarServer;

  beforeAll(async () => {
    [server, inside] = await Promise.all([startCalendarServer("127.0.0.1"), startCalendarServer("127.0.0.2")]);
    inside.publish("/secret.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
  });
  afterAll(async () => {
    await server?.stop();
    await inside?.stop();
  });

  const allowed = { allowedHosts: ["127.0.0.1"] };

  test("loopback, private and mapped addresses are refused before any connection, unless the host is allowed", async () => {
    const port = new URL(inside.origin).port;
    expect(await refusal(safeFetch(`http://127.0.0.2:${port}/secret.ics`, allowed))).toBe("private-address 127.0.0.2");
    expect(await refusal(safeFetch(`http://localhost:${port}/secret.ics`, allowed))).toBe("private-address localhost");
    expect(await refusal(safeFetch(`http://[::ffff:127.0.0.2]:${port}/secret.ics`, allowed))).toBe("private-address ::ffff:7f00:2");
    expect(await refusal(safeFetch(`http://2130706434:${port}/secret.ics`, allowed))).toBe("private-address 127.0.0.2");
    expect(inside.requests).toEqual([]);
    expect(await refusal(safeFetch(`http://127.0.0.2:${port}/secret.ics`, { allowedHosts: ["127.0.0.2"] }))).toBe("answered");
    expect(inside.requests.map((request) => request.path)).toEqual(["/secret.ics"]);
    inside.requests.length = 0;
  });

  test("only http and https; webcal is https; no credentials in the address", async () => {
    expect(await refusal(safeFetch("ftp://example.org/calendar.ics"))).toBe("scheme ftp");
    expect(await refusal(safeFetch("file:///etc/passwd"))).toBe("scheme file");
    expect(await refusal(safeFetch("https://user:secret@example.org/calendar.ics"))).toBe("credentials ");
    expect(await refusal(safeFetch("not an address"))).toBe("invalid-url ");
  });

  test("a redirect is checked again: one to a private address is refused, and so is a fifth hop", async () => {
    server.redirect("/moved.ics", `${inside.origin}/secret.ics`);
    expect(await refusal(safeFetch(server.url("/moved.ics"), allowed))).toBe("private-address 127.0.0.2");
    expect(inside.requests).toEqual([]);

    server.publish("/final.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");
    for (let hop = 1; hop <= 4; hop++) server.redirect(`/hop${hop}`, hop === 4 ? "/final.ics" : `/hop${hop + 1}`);
    expect(await refusal(safeFetch(server.url("/hop2"), allowed))).toBe("answered");
    expect(await refusal(safeFetch(server.url("/hop1"), allowed))).toBe("too-many-redirects 3");
  });

  test("a 20 MB body is cut off at the limit, and a server that never answers at the time limit", async () => {
    server.flood("/huge.ics", 20 * 1024 * 1024);
    expect(await refusal(safeFetch(server.url("/huge.ics"), allowed))).toBe(`too-large ${10 * 1024 * 1024}`);
    server.hang("/never.ics");
    const started = performance.now();
    expect(await refusal(safeFetch(server.url("/never.ics"), { ...allowed, timeoutMs: 500 }))).toBe("timeout 500");
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe.each(testDrivers())("refused and failing sources on %s", (driver) => {
  let database: TestDatabase;
  let server: CalendarServer;
  let networkId: string;
  let partnerId: string;
  let organiserId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    server = await startCalendarServer();
    const db = database.db;
    networkId = (await createNetwork(db, "refusals", "Refusal Network")).id;
    organiserId = (await createUser(db, { email: "organiser@example.org", networkId, role: "organiser" })).id;
    partnerId = (
      await db
        .insertInto("partner_organisations")
        .values({ network_id: networkId, name: "Kyiv Union", country: "UA" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto("partner_contacts")
      .values([
        { network_id: networkId, partner_id: partnerId, name: "Olha", email: "olha@kyiv.example.org", locale: "ru" },
        { network_id: networkId, partner_id: partnerId, name: "Anne", email: "anne@kyiv.example.org", locale: "fr" },
      ])
      .execute();
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  async function source(path: string) {
    const added = await addSource(database.db, {
      networkId,
      partnerId,
      actorUserId: organiserId,
      values: { url: server.url(path), languages: [], mode: "in_person", keywords: [], timeZone: "Europe/Kyiv" },
      publishDirectly: false,
    });
    if (!added.ok) throw new Error(added.error);
    return added.id;
  }

  test("without the owner's exemption the test server is a private address; with it, it is read", async () => {
    server.publish("/kyiv.ics", vendorCalendars(testYear, 1).nextcloud);
    const id = await source("/kyiv.ics");
    expect(await syncSource(database.db, id, { now, appUrl })).toEqual({
      kind: "failed",
      error: "private-address",
      detail: "127.0.0.1",
      failures: 1,
    });
    expect(server.requests).toEqual([]);
    await setAllowedHosts(database.db, { networkId, hosts: ["127.0.0.1"], actorUserId: organiserId });
    expect(await syncSource(database.db, id, { now, appUrl })).toEqual({ kind: "synced", created: 6, updated: 0, cancelled: 0 });
    // Or the operator's list, for every network (IMPORT_ALLOWED_HOSTS).
    await setAllowedHosts(database.db, { networkId, hosts: [], actorUserId: organiserId });
    server.publish("/kyiv.ics", vendorCalendars(testYear, 2).nextcloud);
    expect(await syncSource(database.db, id, { now, appUrl, allowedHosts: ["127.0.0.1"] })).toEqual({
      kind: "synced",
      created: 0,
      updated: 0,
      cancelled: 1,
    });
    await setAllowedHosts(database.db, { networkId, hosts: ["127.0.0.1"], actorUserId: organiserId });
  });

  test("each failure is kept in words; after three in a row the partner's contacts are e-mailed once, in their languages", async () => {
    const db = database.db;
    server.flood("/big.ics", 20 * 1024 * 1024);
    server.hang("/silent.ics");
    server.publish("/page.html", "<!doctype html><title>Events</title>", { contentType: "text/html" });
    const big = await source("/big.ics");
    const silent = await source("/silent.ics");
    const page = await source("/page.html");
    expect(await syncSource(db, big, { now, appUrl })).toMatchObject({
      kind: "failed",
      error: "too-large",
      detail: String(10 * 1024 * 1024),
    });
    expect(await syncSource(db, silent, { now, appUrl, limits: { timeoutMs: 500 } })).toMatchObject({
      kind: "failed",
      error: "timeout",
      detail: "500",
    });
    expect(await syncSource(db, page, { now, appUrl })).toMatchObject({ kind: "failed", error: "not-a-calendar" });

    const status = (await listSources(db, networkId, { partnerId })).find((row) => row.id === big)!;
    expect(status).toMatchObject({ lastError: "too-large", consecutiveFailures: 1, lastSuccessAt: null, eventCount: 0 });
    expect(status.nextSyncAt).toEqual(new Date(now.getTime() + 60 * 60 * 1000));

    const mails = () =>
      db
        .selectFrom("email_outbox")
        .select(["kind", "to_address", "subject", "text_body"])
        .where("kind", "=", "calendar-import-failing")
        .orderBy("to_address")
        .execute();
    for (let attempt = 2; attempt <= FAILURES_BEFORE_NOTICE; attempt++) {
      expect(await mails()).toEqual([]);
      expect(await syncSource(db, big, { now: new Date(now.getTime() + attempt * 3_600_000), appUrl })).toMatchObject({
        failures: attempt,
      });
    }
    const sent = await mails();
    expect(sent.map((mail) => [mail.to_address, mail.subject])).toEqual([
      ["anne@kyiv.example.org", "Refusal Network n'a pas pu lire votre calendrier"],
      ["olha@kyiv.example.org", "Сеть «Refusal Network» не смогла прочитать ваш календарь"],
    ]);
    expect(sent[0]!.text_body).toContain("Refusal Network n'a pas pu lire le calendrier 127.0.0.1:");
    expect(sent[0]!.text_body).toContain("/big.ics de Kyiv Union, 3 fois d'affilée.");
    expect(sent[0]!.text_body).toContain("La raison : Le calendrier dépasse 10 Mo.");
    expect(sent[1]!.text_body).toContain("Причина: Календарь больше 10 МБ.");
    expect(sent[1]!.text_body).toContain("http://localhost:3000/n/refusals/portal/calendars");

    // A fourth failure says nothing more; a success clears the slate.
    await syncSource(db, big, { now: new Date(now.getTime() + 10 * 3_600_000), appUrl });
    expect(await mails()).toHaveLength(2);
    server.publish("/big.ics", vendorCalendars(testYear, 1).apple);
    expect(await syncSource(db, big, { now: new Date(now.getTime() + 11 * 3_600_000), appUrl })).toMatchObject({
      kind: "synced",
      created: 6,
    });
    const row = await db.selectFrom("calendar_sources").selectAll().where("id", "=", big).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_error: null, last_error_detail: "", consecutive_failures: 0, failure_notified_at: null });
  });

  test("a source is refused at once when its address cannot be read as http(s)", async () => {
    const add = (url: string) =>
      addSource(database.db, {
        networkId,
        partnerId,
        actorUserId: organiserId,
        values: { url, languages: [], mode: "in_person", keywords: [], timeZone: "Europe/Kyiv" },
        publishDirectly: false,
      });
    expect(await add("https://user:pw@calendar.example.org/a.ics")).toEqual({
      ok: false,
      field: "url",
      error: "imports.validation.credentials",
    });
    expect(await add(server.url("/kyiv.ics"))).toEqual({ ok: false, field: "url", error: "imports.validation.duplicate" });
  });

  test("the pages' action: a partner cannot skip review or pick a draft campaign, nor touch another partner's calendar", async () => {
    const db = database.db;
    const campaigns = await db
      .insertInto("campaigns")
      .values([
        { network_id: networkId, slug: "open", title: "Open", status: "published" },
        { network_id: networkId, slug: "draft", title: "Draft", status: "draft" },
      ])
      .returning(["id", "slug"])
      .execute();
    const campaign = (slug: string) => campaigns.find((row) => row.slug === slug)!.id;
    const other = await db
      .insertInto("partner_organisations")
      .values({ network_id: networkId, name: "Other partner", country: "PT" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const form = (values: Record<string, string>) => {
      const formData = new FormData();
      for (const [name, value] of Object.entries(values)) formData.append(name, value);
      return formData;
    };
    const partnerContext = { networkId, partnerId, actorUserId: organiserId, organiser: false, now };
    const fields = { intent: "add", mode: "in_person", timeZone: "Europe/Kyiv", languages: "uk, en", keywords: "Naloxone, testing" };

    const draft = await handleSourcesAction(
      db,
      form({ ...fields, url: "https://kyiv.example.org/a.ics", campaignId: campaign("draft") }),
      partnerContext,
    );
    expect(draft).toMatchObject({ status: 400, intent: "add", done: null, result: { error: { campaignId: ["validation.choose"] } } });

    const added = await handleSourcesAction(
      db,
      form({ ...fields, url: "webcal://kyiv.example.org/b.ics", campaignId: campaign("open"), handling: "publish" }),
      partnerContext,
    );
    expect(added).toMatchObject({ status: 200, intent: "add", done: "added" });
    const row = await db
      .selectFrom("calendar_sources")
      .selectAll()
      .where("url", "=", "https://kyiv.example.org/b.ics")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      publish_directly: false,
      campaign_id: campaign("open"),
      languages: ["uk", "en"],
      keywords: ["naloxone", "testing"],
    });

    // An organiser may choose direct publication.
    await handleSourcesAction(db, form({ ...fields, url: "https://kyiv.example.org/c.ics", handling: "publish" }), {
      ...partnerContext,
      organiser: true,
    });
    expect(
      await db
        .selectFrom("calendar_sources")
        .select("publish_directly")
        .where("url", "=", "https://kyiv.example.org/c.ics")
        .executeTakeFirstOrThrow(),
    ).toEqual({
      publish_directly: true,
    });

    // Another organisation's page cannot remove or re-read this calendar.
    const elsewhere = { ...partnerContext, partnerId: other.id };
    expect(await handleSourcesAction(db, form({ intent: "remove", sourceId: row.id }), elsewhere)).toMatchObject({
      status: 404,
      done: null,
    });
    expect(await handleSourcesAction(db, form({ intent: "sync", sourceId: row.id }), elsewhere)).toMatchObject({ status: 404, done: null });
    expect(await handleSourcesAction(db, form({ intent: "sync", sourceId: row.id }), partnerContext)).toMatchObject({
      status: 200,
      done: "syncing",
    });
    // Trust is the organisers' to give.
    expect(await handleSourcesAction(db, form({ intent: "trust", sourceId: row.id }), partnerContext)).toBeUndefined();
    expect(
      await handleSourcesAction(db, form({ intent: "trust", sourceId: row.id }), { ...partnerContext, organiser: true }),
    ).toMatchObject({
      status: 200,
      done: "trusted",
    });
    const trusted = await db.selectFrom("calendar_sources").select("publish_directly").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(trusted.publish_directly).toBe(true);
    expect(await handleSourcesAction(db, form({ intent: "remove", sourceId: row.id }), partnerContext)).toMatchObject({
      status: 200,
      done: "removed",
    });
    expect(await handleSourcesAction(db, form({ intent: "rename" }), partnerContext)).toBeUndefined();
  });
});
