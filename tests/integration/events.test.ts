import { parseWithZod } from "@conform-to/zod/v4";
import { sql } from "kysely";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { addNetworkDay } from "~/modules/days/days.server";
import { listCalendarFilterChoices, listEventsForCampaign, listPastEvents, listUpcomingEvents } from "~/modules/events/calendar.server";
import { formatEventWhen } from "~/modules/events/event-times";
import { createEvent, updateEvent, cancelEvent, postponeEvent, type EventActor } from "~/modules/events/events.server";
import type { EventInput } from "~/modules/events/events.schema";
import { EventFormSchema, readCalendarFilters } from "~/modules/events/events.schema";
import { presentFilterChoices } from "~/modules/events/present.server";
import { calendarFeed } from "~/modules/feeds/calendar-feed.server";
import { reviewEvent } from "~/modules/events/review.server";
import { useDatabase } from "~/utils/db.server";
import { summerTimeStart, testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";

/** A form as the browser posts it, parsed as the route parses it. */
function form(values: Record<string, string>): EventInput {
  const formData = new FormData();
  for (const [name, value] of Object.entries({ mode: "in_person", visibility: "public", country: "UA", ...values })) {
    formData.append(name, value);
  }
  const submission = parseWithZod(formData, { schema: EventFormSchema });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

async function jobs(database: TestDatabase, eventId: string) {
  const result = await sql<{ data: { sequence: number; change: string } }>`
    select data from pgboss.job where name = 'event-changed' and data->>'eventId' = ${eventId} order by created_on`.execute(database.db);
  return result.rows.map((row) => `${row.data.change}@${row.data.sequence}`);
}

describe.each(testDrivers())("events on %s", (driver) => {
  let database: TestDatabase;
  let network: { id: string; slug: string; name: string; default_locale: string };
  let organiser: EventActor;
  let partner: EventActor;
  let otherPartner: EventActor;
  let campaigns: { published: string; draft: string };
  let partnerEmail: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    const db = database.db;
    network = await createNetwork(db, "calendar", "Calendar Network");
    const organiserUser = await createUser(db, { email: "org@example.org", networkId: network.id, role: "organiser" });
    const partnerUser = await createUser(db, { email: "pat@example.org", name: "Pat", networkId: network.id, role: "partner" });
    const otherUser = await createUser(db, { email: "olha@example.org", networkId: network.id, role: "partner" });
    const orgs = await db
      .insertInto("partner_organisations")
      .values([
        { network_id: network.id, name: "Lisbon Collective", country: "PT" },
        { network_id: network.id, name: "Kyiv Union", country: "UA" },
      ])
      .returning(["id", "name"])
      .execute();
    const [lisbon, kyiv] = [orgs.find((o) => o.name === "Lisbon Collective")!, orgs.find((o) => o.name === "Kyiv Union")!];
    partnerEmail = "coordinator@lisbon.example.org";
    await db
      .insertInto("partner_contacts")
      .values([
        {
          network_id: network.id,
          partner_id: lisbon.id,
          name: "Pat Coordinator",
          email: partnerEmail,
          locale: "fr",
          user_id: partnerUser.id,
        },
        { network_id: network.id, partner_id: kyiv.id, name: "Olha", email: "olha@example.org", user_id: otherUser.id },
      ])
      .execute();
    const rows = await db
      .insertInto("campaigns")
      .values([
        { network_id: network.id, slug: `world-aids-day-${testYear}`, title: `World AIDS Day ${testYear}`, status: "published" },
        { network_id: network.id, slug: "later", title: "Later", status: "draft" },
      ])
      .returning(["id", "slug"])
      .execute();
    const bySlug = (slug: string) => rows.find((r) => r.slug === slug)!.id;
    campaigns = { published: bySlug(`world-aids-day-${testYear}`), draft: bySlug("later") };
    organiser = { userId: organiserUser.id, role: "organiser", partnerId: null };
    partner = { userId: partnerUser.id, role: "partner", partnerId: lisbon.id };
    otherPartner = { userId: otherUser.id, role: "partner", partnerId: kyiv.id };
  });
  afterAll(() => database.drop());

  describe("time zones", () => {
    /** The days before and after a zone's spring clock change in testYear ('YYYY-MM-DD'). */
    const aroundChange = (zone: string) => {
      const change = summerTimeStart(zone, testYear);
      return [change.minus({ days: 1 }).toISODate()!, change.plus({ days: 1 }).toISODate()!] as const;
    };
    /** A date as luxon writes it in a locale and format: the weekday is the calendar's, not typed. */
    const dateIn = (date: string, locale: string, format: string) => DateTime.fromISO(date, { locale }).toFormat(format);

    test("18:00 in Europe/Kyiv is 18:00 on its page and 16:00 for a reader in Lisbon, on both sides of the March clock change", async () => {
      const [dayBefore, dayAfter] = aroundChange("Europe/Kyiv");
      const at18 = (title: string, day: string) =>
        form({ title, timeZone: "Europe/Kyiv", startDate: day, startTime: "18:00", endDate: day, endTime: "20:00" });
      const before = await createEvent(database.db, {
        networkId: network.id,
        actor: organiser,
        publish: true,
        values: at18("Before", dayBefore),
      });
      const after = await createEvent(database.db, {
        networkId: network.id,
        actor: organiser,
        publish: true,
        values: at18("After", dayAfter),
      });
      const stored = await database.db
        .selectFrom("events")
        .select(["title", "starts_at", "ends_at", "time_zone"])
        .where("id", "in", [before.id, after.id])
        .orderBy("starts_at")
        .execute();
      // Kyiv is UTC+2 until its clocks go forward, UTC+3 afterwards.
      expect(stored.map((e) => [e.title, e.starts_at.toISOString(), e.ends_at.toISOString()])).toEqual([
        ["Before", `${dayBefore}T16:00:00.000Z`, `${dayBefore}T18:00:00.000Z`],
        ["After", `${dayAfter}T15:00:00.000Z`, `${dayAfter}T17:00:00.000Z`],
      ]);
      const when = (zone: string) =>
        stored.map((e) =>
          formatEventWhen({ startsAt: e.starts_at, endsAt: e.ends_at, allDay: false, startDate: null, endDate: null }, "en", zone),
        );
      const [longBefore, longAfter] = [dayBefore, dayAfter].map((day) => dateIn(day, "en-GB", "cccc, d LLLL yyyy"));
      expect(when("Europe/Kyiv")).toEqual([`${longBefore}, 18:00–20:00`, `${longAfter}, 18:00–20:00`]);
      expect(when("Europe/Lisbon")).toEqual([`${longBefore}, 16:00–18:00`, `${longAfter}, 16:00–18:00`]);
      // New York changes its clocks earlier in March: there the gap to Kyiv shrinks by an hour.
      expect(when("America/New_York")).toEqual([`${longBefore}, 12:00–14:00`, `${longAfter}, 11:00–13:00`]);
      expect(
        formatEventWhen(
          { startsAt: stored[0]!.starts_at, endsAt: stored[0]!.ends_at, allDay: false, startDate: null, endDate: null },
          "fr",
          "Europe/Kyiv",
        ),
      ).toBe(`${dateIn(dayBefore, "fr", "cccc d LLLL yyyy")}, 18:00–20:00`);
    });

    test("an all-day, multi-day event keeps its dates and covers whole days in its zone", async () => {
      const [first, last] = aroundChange("Europe/Lisbon");
      const created = await createEvent(database.db, {
        networkId: network.id,
        actor: organiser,
        publish: true,
        values: form({ title: "Gathering", timeZone: "Europe/Lisbon", allDay: "on", startDate: first, endDate: last }),
      });
      const event = await database.db.selectFrom("events").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
      expect([event.all_day, event.start_date, event.end_date, event.starts_at.toISOString(), event.ends_at.toISOString()]).toEqual([
        true,
        first,
        last,
        `${first}T00:00:00.000Z`,
        // Lisbon moves to UTC+1 the night after the first day: the day after the last starts at 23:00 UTC.
        `${last}T23:00:00.000Z`,
      ]);
      expect(
        formatEventWhen(
          { startsAt: event.starts_at, endsAt: event.ends_at, allDay: true, startDate: event.start_date, endDate: event.end_date },
          "en",
          "Asia/Tokyo",
        ),
      ).toBe(`${dateIn(first, "en-GB", "ccc, d LLL yyyy")} – ${dateIn(last, "en-GB", "ccc, d LLL yyyy")}`);
    });
  });

  describe("partner submissions", () => {
    const submission = (title: string, campaignId?: string) =>
      form({
        title,
        timeZone: "Europe/Lisbon",
        startDate: `${testYear}-12-01`,
        startTime: "18:00",
        endDate: `${testYear}-12-01`,
        endTime: "20:00",
        country: "PT",
        city: "Lisbon",
        ...(campaignId ? { campaignId } : {}),
      });

    test("a submission waits for review, hosted by the partner's organisation; an approval publishes it and e-mails the partner in their language", async () => {
      const created = await createEvent(database.db, {
        networkId: network.id,
        actor: partner,
        publish: true,
        values: submission("Red ribbon walk", campaigns.published),
      });
      expect(created.status).toBe("pending_review");
      const pending = await database.db.selectFrom("events").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
      expect([pending.host_partner_id, pending.submitted_by_partner_id, pending.sequence]).toEqual([
        partner.partnerId,
        partner.partnerId,
        0,
      ]);
      const upcoming = await listUpcomingEvents(database.db, {
        networkId: network.id,
        viewer: { role: null, partnerId: null },
        now: new Date(`${testYear}-11-21`),
      });
      expect(upcoming.events.map((e) => e.title)).not.toContain("Red ribbon walk");

      expect(
        await reviewEvent(database.db, {
          network,
          eventId: created.id,
          reviewerId: organiser.userId,
          decision: "approve",
          note: "Thank you!",
        }),
      ).toEqual({ ok: true });
      const published = await database.db.selectFrom("events").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
      expect([published.status, published.sequence, published.review_note]).toEqual(["published", 1, "Thank you!"]);
      expect(await jobs(database, created.id)).toEqual(["published@1"]);
      const mail = await database.db.selectFrom("email_outbox").selectAll().where("kind", "=", "event-approved").executeTakeFirstOrThrow();
      expect([mail.to_address, mail.locale, mail.subject]).toEqual([partnerEmail, "fr", "Votre événement « Red ribbon walk » est publié"]);
      expect(mail.text_body).toContain("Leur note :\nThank you!");
      expect(mail.text_body).toContain(`http://localhost:3000/n/calendar/events/${created.id}`);
    });

    test("a rejection sends the event back as a draft, with the note e-mailed", async () => {
      const created = await createEvent(database.db, {
        networkId: network.id,
        actor: partner,
        publish: false,
        values: submission("Too vague", campaigns.published),
      });
      await reviewEvent(database.db, {
        network,
        eventId: created.id,
        reviewerId: organiser.userId,
        decision: "reject",
        note: "Please add the address.",
      });
      const event = await database.db
        .selectFrom("events")
        .select(["status", "review_note"])
        .where("id", "=", created.id)
        .executeTakeFirstOrThrow();
      expect(event).toEqual({ status: "draft", review_note: "Please add the address." });
      const mail = await database.db.selectFrom("email_outbox").selectAll().where("kind", "=", "event-rejected").executeTakeFirstOrThrow();
      expect(mail.subject).toBe("Votre événement « Too vague » n’a pas été publié");
      expect(mail.text_body).toContain(`/n/calendar/events/${created.id}/edit`);
      expect(await jobs(database, created.id)).toEqual([]);
    });

    test("two organisers deciding at once: one decision counts, one e-mail goes out", async () => {
      const created = await createEvent(database.db, {
        networkId: network.id,
        actor: partner,
        publish: false,
        values: submission("Raced", campaigns.published),
      });
      const outcomes = await Promise.all(
        (["approve", "reject", "approve"] as const).map((decision) =>
          reviewEvent(database.db, { network, eventId: created.id, reviewerId: organiser.userId, decision, note: "note" }),
        ),
      );
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok).map((o) => !o.ok && o.reason)).toEqual(["already-reviewed", "already-reviewed"]);
      const mails = await database.db.selectFrom("email_outbox").select("subject").where("subject", "like", "%Raced%").execute();
      expect(mails).toHaveLength(1);
    });

    test("partners can only check the campaign boxes the rules allow", async () => {
      const { checkReferences } = await import("~/modules/events/events.server");
      expect(await checkReferences(database.db, network.id, { campaignId: undefined }, { partnerSubmission: true })).toEqual({
        campaignId: ["events.validation.campaignRequired"],
      });
      expect(await checkReferences(database.db, network.id, { campaignId: campaigns.draft }, { partnerSubmission: true })).toEqual({
        campaignId: ["validation.choose"],
      });
      expect(await checkReferences(database.db, network.id, { campaignId: campaigns.draft }, { partnerSubmission: false })).toEqual({});
    });

    test("another partner cannot edit the event; its own partner's change of time is published at once and flagged", async () => {
      const created = await createEvent(database.db, {
        networkId: network.id,
        actor: partner,
        publish: false,
        values: submission("Outreach night", campaigns.published),
      });
      await reviewEvent(database.db, { network, eventId: created.id, reviewerId: organiser.userId, decision: "approve", note: "" });
      const moved = { ...submission("Outreach night", campaigns.published), startTime: "19:00", endTime: "21:00" };
      expect(await updateEvent(database.db, { networkId: network.id, eventId: created.id, actor: otherPartner, values: moved })).toEqual({
        ok: false,
        reason: "forbidden",
      });
      const outcome = await updateEvent(database.db, { networkId: network.id, eventId: created.id, actor: partner, values: moved });
      expect(outcome).toEqual({ ok: true, status: "published", sequence: 2, flagged: true });
      const event = await database.db.selectFrom("events").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
      expect([event.status, event.starts_at.toISOString(), event.partner_changed_at !== null]).toEqual([
        "published",
        `${testYear}-12-01T19:00:00.000Z`,
        true,
      ]);
      expect(await jobs(database, created.id)).toEqual(["published@1", "rescheduled@2"]);

      // A change of wording only: no new sequence and no flag from an organiser's edit.
      const reworded = await updateEvent(database.db, {
        networkId: network.id,
        eventId: created.id,
        actor: organiser,
        values: { ...moved, title: "Outreach night (updated)" },
      });
      expect(reworded).toEqual({ ok: true, status: "published", sequence: 2, flagged: false });
    });
  });

  describe("organiser actions", () => {
    test("postponing and cancelling a published event raise its sequence; its id stays", async () => {
      const created = await createEvent(database.db, {
        networkId: network.id,
        actor: organiser,
        publish: true,
        values: form({
          title: "Assembly",
          timeZone: "Europe/Amsterdam",
          startDate: `${testYear}-01-10`,
          startTime: "10:00",
          endDate: `${testYear}-01-10`,
          endTime: "12:00",
          country: "NL",
        }),
      });
      const target = { networkId: network.id, eventId: created.id, actorUserId: organiser.userId };
      const weekLater = `${testYear}-01-17`;
      const postponed = { startDate: weekLater, startTime: "10:00", endDate: weekLater, endTime: "12:00" };
      expect(await postponeEvent(database.db, { ...target, times: postponed })).toEqual({ ok: true, sequence: 1 });
      expect(await cancelEvent(database.db, target)).toEqual({ ok: true, sequence: 2 });
      expect(await cancelEvent(database.db, target)).toEqual({ ok: false, reason: "conflict" });
      const event = await database.db.selectFrom("events").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
      expect([event.id, event.status, event.starts_at.toISOString(), event.cancelled_at !== null]).toEqual([
        created.id,
        "cancelled",
        `${weekLater}T09:00:00.000Z`,
        true,
      ]);
      expect(await jobs(database, created.id)).toEqual(["published@0", "rescheduled@1", "cancelled@2"]);
      const edit = form({ title: "x", timeZone: "UTC", startDate: weekLater, startTime: "10:00", endDate: weekLater, endTime: "11:00" });
      expect(await updateEvent(database.db, { networkId: network.id, eventId: created.id, actor: organiser, values: edit })).toEqual({
        ok: false,
        reason: "cancelled",
      });
    });
  });

  describe("the public calendar", () => {
    let calendarNetwork: string;
    const anonymous = { role: null, partnerId: null };
    const now = new Date(`${testYear}-11-21T12:00:00Z`);

    beforeAll(async () => {
      calendarNetwork = (await createNetwork(database.db, "listing")).id;
      const [org] = await database.db
        .insertInto("partner_organisations")
        .values({ network_id: calendarNetwork, name: "Host", country: "PT" })
        .returning("id")
        .execute();
      const [campaign] = await database.db
        .insertInto("campaigns")
        .values({ network_id: calendarNetwork, slug: "wad", title: "WAD", status: "published" })
        .returning("id")
        .execute();
      const base = { network_id: calendarNetwork, time_zone: "Europe/Lisbon" };
      const at = (day: string, hour: number) => new Date(`${testYear}-${day}T${String(hour).padStart(2, "0")}:00:00Z`);
      await database.db
        .insertInto("events")
        .values([
          { ...base, title: "Past", starts_at: at("11-01", 10), ends_at: at("11-01", 12), status: "published", country: "PT" },
          { ...base, title: "Running now", starts_at: at("11-20", 10), ends_at: at("11-22", 12), status: "published", country: "PT" },
          {
            ...base,
            title: "Online",
            starts_at: at("11-25", 10),
            ends_at: at("11-25", 12),
            status: "published",
            mode: "online",
            languages: ["uk"],
          },
          { ...base, title: "Cancelled one", starts_at: at("11-26", 10), ends_at: at("11-26", 12), status: "cancelled", country: "NL" },
          {
            ...base,
            title: "Campaign one",
            starts_at: at("12-01", 10),
            ends_at: at("12-01", 12),
            status: "published",
            campaign_id: campaign!.id,
            host_partner_id: org!.id,
            country: "PT",
            languages: ["pt", "en"],
          },
          {
            ...base,
            title: "Members only",
            starts_at: at("12-02", 10),
            ends_at: at("12-02", 12),
            status: "published",
            visibility: "partners",
            country: "PT",
          },
          {
            ...base,
            title: "Unlisted",
            starts_at: at("12-03", 10),
            ends_at: at("12-03", 12),
            status: "published",
            visibility: "unlisted",
            country: "PT",
          },
          { ...base, title: "Draft", starts_at: at("12-04", 10), ends_at: at("12-04", 12), status: "draft", country: "PT" },
          { ...base, title: "Pending", starts_at: at("12-05", 10), ends_at: at("12-05", 12), status: "pending_review", country: "PT" },
        ])
        .execute();
    });

    const titles = async (filters = {}, viewer: { role: "partner" | null; partnerId: null } = anonymous) =>
      (await listUpcomingEvents(database.db, { networkId: calendarNetwork, viewer, filters, now })).events.map(
        (e) => `${e.title}${e.cancelled ? " (cancelled)" : ""}`,
      );

    test("upcoming lists published and cancelled events not yet over, soonest first; members also see partners-only ones", async () => {
      expect(await titles()).toEqual(["Running now", "Online", "Cancelled one (cancelled)", "Campaign one"]);
      expect(await titles({}, { role: "partner", partnerId: null })).toEqual([
        "Running now",
        "Online",
        "Cancelled one (cancelled)",
        "Campaign one",
        "Members only",
      ]);
    });

    test("filters by campaign, country, language, mode and host", async () => {
      const host = (
        await database.db
          .selectFrom("partner_organisations")
          .select("id")
          .where("network_id", "=", calendarNetwork)
          .executeTakeFirstOrThrow()
      ).id;
      expect(await titles({ campaign: "wad" })).toEqual(["Campaign one"]);
      expect(await titles({ country: "NL" })).toEqual(["Cancelled one (cancelled)"]);
      expect(await titles({ language: "uk" })).toEqual(["Online"]);
      expect(await titles({ mode: "online" })).toEqual(["Online"]);
      expect(await titles({ host })).toEqual(["Campaign one"]);
      expect(await titles({ campaign: "nothing-here" })).toEqual([]);
    });

    test("pages hold twenty events, and the archive lists what is over", async () => {
      const page = await listUpcomingEvents(database.db, { networkId: calendarNetwork, viewer: anonymous, filters: {}, now, limit: 3 });
      expect([page.events.map((e) => e.title), page.hasNext]).toEqual([["Running now", "Online", "Cancelled one"], true]);
      const second = await listUpcomingEvents(database.db, {
        networkId: calendarNetwork,
        viewer: anonymous,
        filters: { page: 2 },
        now,
        limit: 3,
      });
      expect([second.events.map((e) => e.title), second.hasNext]).toEqual([["Campaign one"], false]);
      expect(
        (await listPastEvents(database.db, { networkId: calendarNetwork, viewer: anonymous, now })).events.map((e) => e.title),
      ).toEqual(["Past"]);
    });

    test("a campaign's events, for the campaign page", async () => {
      const campaign = await database.db
        .selectFrom("campaigns")
        .select("id")
        .where("network_id", "=", calendarNetwork)
        .executeTakeFirstOrThrow();
      const events = await listEventsForCampaign(database.db, { networkId: calendarNetwork, campaignId: campaign.id, viewer: anonymous });
      expect(events.map((e) => [e.title, e.hostName, e.campaign?.slug])).toEqual([["Campaign one", "Host", "wad"]]);
    });
  });

  describe("the public calendar's global-day filter", () => {
    let dayNetwork: { id: string; slug: string; name: string };
    const anonymous = { role: null, partnerId: null };
    const member = { role: "partner" as const, partnerId: null };
    const now = new Date(`${testYear}-11-21T12:00:00Z`);

    beforeAll(async () => {
      const db = database.db;
      dayNetwork = await createNetwork(db, "day-filter", "Day Network");
      const catalogueDay = async (key: string) =>
        (await db.selectFrom("global_days").select("id").where("key", "=", key).where("network_id", "is", null).executeTakeFirstOrThrow())
          .id;
      const worldAidsDay = await catalogueDay("world-aids-day");
      const supportDontPunish = await catalogueDay("support-dont-punish");
      // Named in English only: readers in other languages get the English name.
      const peerDay = await addNetworkDay(db, dayNetwork.id, {
        name: "Peer Workers Day",
        description: "",
        colour: "#336699",
        rule: { kind: "fixed", month: 5, day: 14 },
        locale: "en",
      });
      const campaign = async (slug: string, status: "draft" | "published", day?: { id: string; year: number }) =>
        (
          await db
            .insertInto("campaigns")
            .values({
              network_id: dayNetwork.id,
              slug,
              title: slug,
              status,
              global_day_id: day?.id ?? null,
              occurrence_year: day?.year ?? null,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
      const wad = await campaign(`wad-${testYear}`, "published", { id: worldAidsDay, year: testYear });
      const lastWad = await campaign(`wad-${testYear - 1}`, "published", { id: worldAidsDay, year: testYear - 1 });
      const sdpDraft = await campaign("sdp-draft", "draft", { id: supportDontPunish, year: testYear + 1 });
      const peers = await campaign("peers", "published", { id: peerDay.id, year: testYear + 1 });
      const general = await campaign("general", "published");
      const base = { network_id: dayNetwork.id, time_zone: "Europe/Lisbon" };
      const on = (day: string, year = testYear) => ({
        starts_at: new Date(`${year}-${day}T10:00:00Z`),
        ends_at: new Date(`${year}-${day}T12:00:00Z`),
      });
      await db
        .insertInto("events")
        .values([
          { ...base, ...on("12-01"), title: "Testing day", status: "published", campaign_id: wad, country: "PT" },
          { ...base, ...on("11-30"), title: "Cancelled vigil", status: "cancelled", campaign_id: wad, country: "NL" },
          { ...base, ...on("12-02"), title: "Partners briefing", status: "published", visibility: "partners", campaign_id: wad },
          { ...base, ...on("12-03"), title: "Unlisted screening", status: "published", visibility: "unlisted", campaign_id: wad },
          { ...base, ...on("12-04"), title: "Draft talk", status: "draft", campaign_id: wad },
          { ...base, ...on("12-01", testYear - 1), title: "Last year's march", status: "published", campaign_id: lastWad },
          { ...base, ...on("06-26", testYear + 1), title: "Draft campaign rally", status: "published", campaign_id: sdpDraft },
          { ...base, ...on("05-14", testYear + 1), title: "Peer workshop", status: "published", campaign_id: peers },
          { ...base, ...on("12-01"), title: "General talk", status: "published", campaign_id: general },
          { ...base, ...on("12-01"), title: "Monthly meeting", status: "published" },
        ])
        .execute();
    });

    const titles = async (query: string, viewer: { role: "partner" | null; partnerId: null } = anonymous) =>
      (
        await listUpcomingEvents(database.db, {
          networkId: dayNetwork.id,
          viewer,
          filters: readCalendarFilters(new URLSearchParams(query)),
          now,
        })
      ).events.map((e) => `${e.title}${e.cancelled ? " (cancelled)" : ""}`);

    test("keeps exactly the events whose campaign belongs to the day, with the other filters", async () => {
      expect(await titles("day=world-aids-day")).toEqual(["Cancelled vigil (cancelled)", "Testing day"]);
      expect(await titles("day=world-aids-day", member)).toEqual(["Cancelled vigil (cancelled)", "Testing day", "Partners briefing"]);
      expect(await titles("day=world-aids-day&country=PT")).toEqual(["Testing day"]);
      expect(await titles("day=peer-workers-day")).toEqual(["Peer workshop"]);
      const past = await listPastEvents(database.db, {
        networkId: dayNetwork.id,
        viewer: anonymous,
        filters: { day: "world-aids-day" },
        now,
      });
      expect(past.events.map((e) => e.title)).toEqual(["Last year's march"]);
      // A draft campaign's tie to its day is not public; an unknown day matches nothing.
      expect(await titles("day=support-dont-punish")).toEqual([]);
      expect(await titles("day=no-such-day")).toEqual([]);
      // A malformed key is dropped, as other malformed filters are: the whole calendar shows.
      expect(readCalendarFilters(new URLSearchParams("day=World%20AIDS%20Day"))).toEqual({});
      expect((await titles("day=World%20AIDS%20Day")).length).toBe(6);
    });

    test("the filter offers the days that have listed events, named in the reader's language or else in English", async () => {
      const choices = await listCalendarFilterChoices(database.db, dayNetwork.id);
      expect(presentFilterChoices(choices, "fr").days).toEqual([
        { key: "world-aids-day", name: "Journée mondiale de lutte contre le sida" },
        { key: "peer-workers-day", name: "Peer Workers Day" },
      ]);
      expect(presentFilterChoices(choices, "en").days).toEqual([
        { key: "peer-workers-day", name: "Peer Workers Day" },
        { key: "world-aids-day", name: "World AIDS Day" },
      ]);
    });

    test("the subscribe panel offers the day's feed, with the filters feeds support", async () => {
      expect(
        await calendarFeed(database.db, dayNetwork, readCalendarFilters(new URLSearchParams("day=world-aids-day&country=PT&host=x")), "en"),
      ).toEqual({
        path: "/n/day-filter/days/world-aids-day/calendar.ics?country=PT",
        name: "World AIDS Day · Day Network",
      });
      expect(await calendarFeed(database.db, dayNetwork, { mode: "online" }, "en")).toEqual({
        path: "/n/day-filter/calendar.ics?mode=online",
        name: "Day Network",
      });
      expect(await calendarFeed(database.db, dayNetwork, { day: "no-such-day" }, "en")).toBeNull();
    });
  });
});

describe.each(testDrivers())("events still going on, on %s", (driver) => {
  let database: TestDatabase;
  let networkId: string;
  const now = new Date("2030-06-15T12:00:00Z");
  const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    networkId = (await createNetwork(database.db, "ongoing")).id;
    const event = (title: string, starts_at: Date, ends_at: Date) => ({
      network_id: networkId,
      title,
      time_zone: "Europe/Lisbon",
      starts_at,
      ends_at,
      status: "published" as const,
    });
    await database.db
      .insertInto("events")
      .values([
        event("Ten-day exhibition", hours(-240), hours(120)),
        event("Yesterday's meeting", hours(-26), hours(-24)),
        event("Morning outreach", hours(-3), hours(1)),
        event("Evening vigil", hours(6), hours(8)),
        event("Long-ago week of action", hours(-2000), hours(-1832)),
      ])
      .execute();
  });
  afterAll(() => database.drop());

  test("the upcoming list keeps events that started long ago and have not ended; the past list has only those over", async () => {
    const viewer = { role: null, partnerId: null };
    const upcoming = await listUpcomingEvents(database.db, { networkId, viewer, now });
    expect(upcoming.events.map((e) => e.title)).toEqual(["Ten-day exhibition", "Morning outreach", "Evening vigil"]);
    const past = await listPastEvents(database.db, { networkId, viewer, now });
    expect(past.events.map((e) => e.title)).toEqual(["Yesterday's meeting", "Long-ago week of action"]);
  });
});
