import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { locales } from "~/i18n/locales";
import { addAction, canEditAction, listActions, listMyActions, groupByWeek, updateAction, updateActionProgress, type Actor } from "~/modules/campaigns/actions.server";
import { createCampaign } from "~/modules/campaigns/campaigns.server";
import { sendWeeklyDigests } from "~/modules/campaigns/digest.server";
import { addPledge, campaignCountsByCountry, countsToCsv } from "~/modules/campaigns/pledges.server";
import { listRollOverMoves, rollOverCampaign, saveAsTemplate } from "~/modules/campaigns/rollover.server";
import { addNetworkDay, listDays, setAnnouncedDates, setDayHidden, yearView } from "~/modules/days/days.server";
import { daysBetween } from "~/modules/days/recurrence";
import { action as planAction } from "~/routes/n.$network.campaigns.$slug.plan";
import { useDatabase } from "~/utils/db.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";

async function dayId(db: Kysely<Database>, key: string) {
  const row = await db.selectFrom("global_days").select("id").where("key", "=", key).where("network_id", "is", null).executeTakeFirstOrThrow();
  return row.id;
}

const content = (title: string) => ({ title, goals: "", keyMessages: "", materials: [], status: "published" as const });

describe.each(testDrivers())("campaign planning on %s", (driver) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let networkId: string;
  let organiser: Actor;
  let partnerA: { id: string; userId: string };
  let partnerB: { id: string; userId: string };

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    db = database.db;
    useDatabase(database);
    const network = await createNetwork(db, "plans");
    networkId = network.id;
    const user = await createUser(db, { email: "org@example.org", name: "Ona", networkId, role: "organiser" });
    organiser = { userId: user.id, role: "organiser", partnerId: null };
    const makePartner = async (name: string, country: string, email: string) => {
      const org = await db.insertInto("partner_organisations").values({ network_id: networkId, name, country }).returning("id").executeTakeFirstOrThrow();
      const contact = await createUser(db, { email, networkId, role: "partner" });
      await db
        .insertInto("partner_contacts")
        .values({ network_id: networkId, partner_id: org.id, name, email, user_id: contact.id })
        .execute();
      return { id: org.id, userId: contact.id };
    };
    partnerA = await makePartner("Lisbon Collective", "PT", "a@partner.example.org");
    partnerB = await makePartner("Kyiv Union", "UA", "b@partner.example.org");
  });
  afterAll(() => database.drop());

  test("the catalogue is in every database: at least 20 days, each named in every interface language, with URL and colour", async () => {
    const [en, fr] = await Promise.all([listDays(db, networkId, "en"), listDays(db, networkId, "fr")]);
    expect(en.length).toBeGreaterThanOrEqual(20);
    expect(en.every((day) => day.officialUrl?.startsWith("https://") && /^#[0-9a-f]{6}$/.test(day.colour))).toBe(true);
    const byKey = (days: typeof en, key: string) => days.find((day) => day.key === key)!;
    expect(byKey(en, "world-aids-day").name).toBe("World AIDS Day");
    expect(byKey(fr, "world-aids-day").name).toBe("Journée mondiale de lutte contre le sida");
    expect(byKey(en, "world-aids-day").rule).toEqual({ kind: "fixed", month: 12, day: 1 });
    const translations = await db.selectFrom("global_day_translations").select(["global_day_id", "locale"]).execute();
    for (const day of en) {
      expect(translations.filter((t) => t.global_day_id === day.id).map((t) => t.locale).sort(), day.key).toEqual([...locales].sort());
    }
    expect(new Set(en.map((d) => d.rule.kind))).toEqual(new Set(["fixed", "nth_weekday", "span", "announced"]));
  });

  test("the year view: next 12 months with countdowns, hidden days gone, own days in, announced days unset until set", async () => {
    const network = { id: networkId, time_zone: "Europe/Lisbon" };
    const now = DateTime.fromISO("2026-11-21T10:00:00Z");
    await setDayHidden(db, networkId, await dayId(db, "world-tb-day"), true);
    await addNetworkDay(db, networkId, {
      name: "Journée nationale",
      description: "",
      colour: "#123456",
      rule: { kind: "fixed", month: 2, day: 29 },
      locale: "fr",
    });
    let view = await yearView(db, network, "en", now);
    const find = (name: string) => view.entries.filter((e) => e.day.name === name);
    expect(view.from).toBe("2026-11-21");
    expect(view.until).toBe("2027-11-21");
    expect(find("World AIDS Day").map((e) => [e.occurrence?.startsOn, e.countdown])).toEqual([["2026-12-01", 10]]);
    expect(find("16 Days of Activism against Gender-Based Violence").map((e) => e.occurrence?.startsOn)).toEqual(["2026-11-25"]);
    expect(find("World TB Day")).toEqual([]);
    // A day added in French is shown in French to everyone until it has other names; 2027 is a common year.
    expect(find("Journée nationale").map((e) => e.occurrence?.startsOn)).toEqual(["2027-02-28"]);
    expect(find("European Testing Week (spring)").map((e) => [e.year, e.occurrence, e.countdown])).toEqual([[2027, null, null]]);

    const spring = await dayId(db, "european-testing-week-spring");
    expect(await setAnnouncedDates(db, networkId, { dayId: spring, year: 2027, startsOn: "2027-05-10", endsOn: "2027-05-17" })).toBe(true);
    expect(await setAnnouncedDates(db, networkId, { dayId: await dayId(db, "world-aids-day"), year: 2027, startsOn: "2027-05-10", endsOn: "2027-05-17" })).toBe(false);
    view = await yearView(db, network, "en", now);
    expect(find("European Testing Week (spring)").map((e) => [e.occurrence?.startsOn, e.occurrence?.endsOn, e.countdown])).toEqual([
      ["2027-05-10", "2027-05-17", 170],
    ]);
    expect(view.entries.map((e) => e.sortsOn)).toEqual([...view.entries.map((e) => e.sortsOn)].sort());
  });

  test("rolling a campaign with 10 actions onto next year keeps every offset exact across 29 February 2028", async () => {
    const wad = await dayId(db, "world-aids-day");
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, { networkId, userId: organiser.userId, locale: "en", content: content("World AIDS Day 2027"), dates: { kind: "day", dayId: wad, year: 2027 } }),
    );
    const offsets = [-300, -120, -60, -21, -7, 0, 3];
    const dates = ["2027-02-04", "2027-11-10", "2027-12-15"];
    for (const offset of offsets) {
      await addAction(db, networkId, campaign.id, { title: `offset ${offset}`, due: { kind: "offset", offsetDays: offset }, owner: null, status: "done", notes: "" });
    }
    for (const date of dates) {
      await addAction(db, networkId, campaign.id, { title: `date ${date}`, due: { kind: "date", dueOn: date }, owner: { kind: "partner", id: partnerA.id }, status: "doing", notes: "n" });
    }
    const before = await listActions(db, networkId, campaign.id, "2027-01-01", organiser);
    expect(before).toHaveLength(10);

    const outcome = await rollOverCampaign(db, { networkId, campaignId: campaign.id, userId: organiser.userId });
    expect(outcome.kind).toBe("created");
    const next = await db.selectFrom("campaigns").selectAll().where("id", "=", outcome.kind === "created" ? outcome.campaign.id : "").executeTakeFirstOrThrow();
    expect([next.title, next.slug, next.status, next.starts_on, next.occurrence_year]).toEqual([
      "World AIDS Day 2028",
      "world-aids-day-2028",
      "draft",
      "2028-12-01",
      2028,
    ]);
    const after = await listActions(db, networkId, next.id, "2028-01-01", organiser);
    const offsetFromDay = (list: typeof after, anchor: string) =>
      Object.fromEntries(list.map((a) => [a.title, daysBetween(anchor, a.dueOn!)]));
    expect(offsetFromDay(after, "2028-12-01")).toEqual(offsetFromDay(before, "2027-12-01"));
    expect(after.map((a) => [a.title, a.dueOn, a.status])).toEqual([
      ["date 2027-02-04", "2028-02-05", "todo"],
      ["offset -300", "2028-02-05", "todo"],
      ["offset -120", "2028-08-03", "todo"],
      ["offset -60", "2028-10-02", "todo"],
      ["date 2027-11-10", "2028-11-10", "todo"],
      ["offset -21", "2028-11-10", "todo"],
      ["offset -7", "2028-11-24", "todo"],
      ["offset 0", "2028-12-01", "todo"],
      ["offset 3", "2028-12-04", "todo"],
      ["date 2027-12-15", "2028-12-15", "todo"],
    ]);
    expect(after.filter((a) => a.owner?.kind === "partner").map((a) => a.owner?.id)).toEqual([partnerA.id, partnerA.id, partnerA.id]);

    const moves = await listRollOverMoves(db, networkId, next.id);
    expect(moves).toHaveLength(10);
    expect(moves.map((m) => m.shiftDays)).toEqual(Array(10).fill(366));
    expect(moves[1]).toMatchObject({ title: "offset -300", from: "2027-02-04", to: "2028-02-05", previousStatus: "done" });

    // From 2028 to 2029 the distance is 365 days and offsets still hold.
    const again = await rollOverCampaign(db, { networkId, campaignId: next.id, userId: organiser.userId });
    const third = await listActions(db, networkId, again.kind === "created" ? again.campaign.id : "", "2029-01-01", organiser);
    expect(offsetFromDay(third, "2029-12-01")).toEqual(offsetFromDay(before, "2027-12-01"));
    expect(third.find((a) => a.title === "date 2027-02-04")!.dueOn).toBe("2029-02-04");
  });

  test("two roll-overs of one campaign at the same moment make one copy", async () => {
    const ioad = await dayId(db, "international-overdose-awareness-day");
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, { networkId, userId: organiser.userId, locale: "en", content: content("Overdose Awareness 2027"), dates: { kind: "day", dayId: ioad, year: 2027 } }),
    );
    await addAction(db, networkId, campaign.id, { title: "vigil", due: { kind: "offset", offsetDays: -200 }, owner: null, status: "todo", notes: "" });
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => rollOverCampaign(db, { networkId, campaignId: campaign.id, userId: organiser.userId })),
    );
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["created", "existing", "existing", "existing"]);
    const copies = await db.selectFrom("campaigns").select(["slug", "starts_on"]).where("rolled_from_campaign_id", "=", campaign.id).execute();
    expect(copies).toEqual([{ slug: "overdose-awareness-2028", starts_on: "2028-08-31" }]);
  });

  test("partners change only their own organisation's actions; organisers change all", async () => {
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, { networkId, userId: organiser.userId, locale: "en", content: content("Own dates"), dates: { kind: "own", startsOn: "2027-03-01" } }),
    );
    const ofA = await addAction(db, networkId, campaign.id, { title: "A's", due: { kind: "offset", offsetDays: -3 }, owner: { kind: "partner", id: partnerA.id }, status: "todo", notes: "" });
    const ofB = await addAction(db, networkId, campaign.id, { title: "B's", due: { kind: "offset", offsetDays: -2 }, owner: { kind: "partner", id: partnerB.id }, status: "todo", notes: "" });
    const nobody = await addAction(db, networkId, campaign.id, { title: "unowned", due: { kind: "offset", offsetDays: -1 }, owner: null, status: "todo", notes: "" });
    const actorA: Actor = { userId: partnerA.userId, role: "partner", partnerId: partnerA.id };
    const target = (id: string) => ({ networkId, campaignId: campaign.id, actionId: id });

    expect(await updateActionProgress(db, actorA, target(ofA!.id), { status: "done", notes: "sent" })).toBe("updated");
    expect(await updateActionProgress(db, actorA, target(ofB!.id), { status: "dropped" })).toBe("forbidden");
    expect(await updateActionProgress(db, actorA, target(nobody!.id), { status: "done" })).toBe("forbidden");
    const full = { title: "renamed", due: { kind: "offset" as const, offsetDays: 0 }, owner: null, status: "todo" as const, notes: "" };
    expect(await updateAction(db, actorA, target(ofA!.id), full)).toBe("forbidden");
    expect(await updateActionProgress(db, organiser, target(ofB!.id), { status: "doing" })).toBe("updated");
    expect(canEditAction(actorA, { owner_partner_id: partnerB.id })).toBe(false);

    // The same through the plan page, as a signed-in partner contact would post it.
    const post = async (userId: string, actionId: string) => {
      const request = await signedInRequest(db, userId, "http://localhost:3000/n/plans/campaigns/own-dates/plan", {
        method: "POST",
        body: new URLSearchParams({ intent: "progress", actionId, status: "done" }),
      });
      try {
        const result = await planAction({ request, params: { network: "plans", slug: "own-dates" }, context: { clientAddress: "127.0.0.1" } });
        return { ok: result };
      } catch (thrown) {
        return { status: (thrown as { init?: { status?: number } }).init?.status };
      }
    };
    expect(await post(partnerB.userId, ofA!.id)).toEqual({ status: 403 });
    expect(await post(partnerB.userId, ofB!.id)).toMatchObject({ ok: { intent: "progress" } });
    expect(await post(partnerB.userId, "00000000-0000-0000-0000-000000000000")).toEqual({ status: 404 });

    const rows = await db.selectFrom("campaign_actions").select(["title", "status", "notes"]).where("campaign_id", "=", campaign.id).orderBy("title").execute();
    expect(rows).toEqual([
      { title: "A's", status: "done", notes: "sent" },
      { title: "B's", status: "done", notes: "" },
      { title: "unowned", status: "todo", notes: "" },
    ]);

    const timeline = groupByWeek(await listActions(db, networkId, campaign.id, "2027-03-01", actorA));
    expect(timeline.map((w) => [w.weekOf, w.actions.map((a) => [a.title, a.dueOn, a.overdue, a.canEdit])])).toEqual([
      [
        "2027-02-22",
        [
          ["A's", "2027-02-26", false, true],
          ["B's", "2027-02-27", false, false],
          ["unowned", "2027-02-28", true, false],
        ],
      ],
    ]);
  });

  test("my actions lists open actions of the person or their organisation, overdue ones flagged", async () => {
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, { networkId, userId: organiser.userId, locale: "en", content: content("Mine"), dates: { kind: "own", startsOn: "2026-12-10" } }),
    );
    await addAction(db, networkId, campaign.id, { title: "late", due: { kind: "date", dueOn: "2026-11-20" }, owner: { kind: "user", id: organiser.userId }, status: "todo", notes: "" });
    await addAction(db, networkId, campaign.id, { title: "soon", due: { kind: "offset", offsetDays: -7 }, owner: { kind: "user", id: organiser.userId }, status: "doing", notes: "" });
    await addAction(db, networkId, campaign.id, { title: "finished", due: { kind: "offset", offsetDays: -9 }, owner: { kind: "user", id: organiser.userId }, status: "done", notes: "" });
    await addAction(db, networkId, campaign.id, { title: "for B", due: { kind: "offset", offsetDays: -1 }, owner: { kind: "partner", id: partnerB.id }, status: "todo", notes: "" });
    expect(await addAction(db, networkId, campaign.id, { title: "bad owner", due: { kind: "offset", offsetDays: -1 }, owner: { kind: "user", id: partnerA.userId }, status: "todo", notes: "" })).toBeUndefined();
    const mine = (await listMyActions(db, networkId, "2026-11-21", organiser)).filter((a) => a.campaignTitle === "Mine");
    expect(mine.map((a) => [a.title, a.dueOn, a.overdue])).toEqual([
      ["late", "2026-11-20", true],
      ["soon", "2026-12-03", false],
    ]);
    const partners = await listMyActions(db, networkId, "2026-11-21", { userId: partnerB.userId, role: "partner", partnerId: partnerB.id });
    expect(partners.filter((a) => a.campaignTitle === "Mine").map((a) => a.title)).toEqual(["for B"]);
  });

  test("pledges, partner events and registrations are counted per country, and exported as CSV", async () => {
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, { networkId, userId: organiser.userId, locale: "en", content: content("Report"), dates: { kind: "own", startsOn: "2027-06-26" } }),
    );
    await addPledge(db, { networkId, campaignId: campaign.id, partnerId: partnerA.id, userId: partnerA.userId, kind: "hold_event", details: "" });
    await addPledge(db, { networkId, campaignId: campaign.id, partnerId: partnerA.id, userId: partnerA.userId, kind: "share_materials", details: "" });
    await addPledge(db, { networkId, campaignId: campaign.id, partnerId: partnerB.id, userId: partnerB.userId, kind: "other", details: "=HYPERLINK()" });
    const event = (host: string, status: "published" | "cancelled" | "draft", country: string | null) => ({
      network_id: networkId,
      campaign_id: campaign.id,
      host_partner_id: host,
      title: "e",
      time_zone: "Europe/Lisbon",
      starts_at: "2027-06-26T10:00:00Z",
      ends_at: "2027-06-26T12:00:00Z",
      status,
      country,
    });
    const [inPortugal, inSpain] = await db
      .insertInto("events")
      .values([event(partnerA.id, "published", null), event(partnerA.id, "published", "es"), event(partnerB.id, "cancelled", null), event(partnerB.id, "draft", null)])
      .returning("id")
      .execute();
    const registration = (eventId: string, email: string | null, status: "confirmed" | "attended" | "waitlisted" | "cancelled") => ({
      network_id: networkId,
      event_id: eventId,
      email,
      name: email,
      locale: "en",
      status,
      waitlist_rank: status === "waitlisted" ? 1 : null,
    });
    await db
      .insertInto("registrations")
      .values([
        registration(inPortugal!.id, "a@example.org", "confirmed"),
        // Anonymised registrations keep counting: reports outlive personal data.
        registration(inPortugal!.id, null, "attended"),
        registration(inPortugal!.id, "c@example.org", "waitlisted"),
        registration(inPortugal!.id, "d@example.org", "cancelled"),
        registration(inSpain!.id, "e@example.org", "confirmed"),
      ])
      .execute();
    const counts = await campaignCountsByCountry(db, networkId, campaign.id);
    expect(counts).toEqual([
      { country: "PT", pledges: 2, events: 1, registrations: 2 },
      { country: "ES", pledges: 0, events: 1, registrations: 1 },
      { country: "UA", pledges: 1, events: 0, registrations: 0 },
    ]);
    const csv = countsToCsv(
      counts,
      { countryCode: "Code", country: "Country", pledges: "Pledges", events: "Events", registrations: "Registrations" },
      (c) => (c === "PT" ? "Portugal" : c === "ES" ? "Spain" : "=Ukraine"),
    );
    expect(csv).toBe("Code,Country,Pledges,Events,Registrations\nPT,Portugal,2,1,2\nES,Spain,0,1,1\nUA,'=Ukraine,1,0,0\n");
  });

  test("a campaign's plan becomes a template, and a new campaign starts from it with the same offsets", async () => {
    const source = await db.transaction().execute((trx) =>
      createCampaign(trx, { networkId, userId: organiser.userId, locale: "en", content: { ...content("Template source"), goals: "Reach people" }, dates: { kind: "own", startsOn: "2027-05-07" } }),
    );
    await addAction(db, networkId, source.id, { title: "press", due: { kind: "date", dueOn: "2027-04-16" }, owner: null, status: "done", notes: "" });
    await addAction(db, networkId, source.id, { title: "report", due: { kind: "offset", offsetDays: 14 }, owner: null, status: "todo", notes: "x" });
    const saved = await saveAsTemplate(db, { networkId, campaignId: source.id, name: "Harm reduction day" });
    expect(saved).toMatchObject({ kind: "created", actionCount: 2 });
    expect(await saveAsTemplate(db, { networkId, campaignId: source.id, name: "Harm reduction day" })).toEqual({ kind: "name-taken" });
    const day = await dayId(db, "international-harm-reduction-day");
    const created = await db.transaction().execute((trx) =>
      createCampaign(trx, {
        networkId,
        userId: organiser.userId,
        locale: "en",
        content: content("Harm Reduction Day 2028"),
        dates: { kind: "day", dayId: day, year: 2028 },
        templateId: saved.kind === "created" ? saved.id : undefined,
      }),
    );
    const actions = await listActions(db, networkId, created.id, "2028-01-01", organiser);
    expect(actions.map((a) => [a.title, a.offsetDays, a.dueOn, a.status])).toEqual([
      ["press", -21, "2028-04-16", "todo"],
      ["report", 14, "2028-05-21", "todo"],
    ]);
    const row = await db.selectFrom("campaigns").select(["goals", "starts_on"]).where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ goals: "Reach people", starts_on: "2028-05-07" });
  });

  test("the weekly digest goes once a week to each organiser with open actions, in their language", async () => {
    await db.updateTable("users").set({ locale: "fr" }).where("id", "=", organiser.userId).execute();
    const monday = DateTime.fromISO("2026-11-23T07:00:00", { zone: "Europe/Brussels" });
    expect(await sendWeeklyDigests(db, monday)).toBe(1);
    expect(await sendWeeklyDigests(db, monday.plus({ hours: 2 }))).toBe(0);
    const mail = await db.selectFrom("email_outbox").selectAll().where("kind", "=", "campaign-digest").executeTakeFirstOrThrow();
    expect([mail.to_address, mail.locale, mail.subject]).toEqual([
      "org@example.org",
      "fr",
      "Vos actions de campagne cette semaine : 1 en retard (Network plans)",
    ]);
    expect(mail.text_body).toContain("1 action en retard :\n• late (Mine), pour le 20 nov. 2026");
    expect(mail.text_body).toContain("http://localhost:3000/n/plans/my-actions");
    expect(await sendWeeklyDigests(db, monday.plus({ weeks: 1 }))).toBe(1);
  });
});
