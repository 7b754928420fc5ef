import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { locales } from "~/i18n/locales";
import {
  addAction,
  canEditAction,
  listActions,
  listMyActions,
  groupByWeek,
  updateAction,
  updateActionProgress,
  type Actor,
} from "~/modules/campaigns/actions.server";
import { createCampaign } from "~/modules/campaigns/campaigns.server";
import { sendWeeklyDigests } from "~/modules/campaigns/digest.server";
import { addPledge, campaignCountsByCountry, countsToCsv } from "~/modules/campaigns/pledges.server";
import { listRollOverMoves, rollOverCampaign, saveAsTemplate } from "~/modules/campaigns/rollover.server";
import { addNetworkDay, listDays, setAnnouncedDates, setDayHidden, yearView } from "~/modules/days/days.server";
import { daysBetween } from "~/modules/days/recurrence";
import { action as planAction } from "~/routes/n.$network.campaigns.$slug.plan";
import { useDatabase } from "~/utils/db.server";
import { leapYearFrom, testYear, weekdayOnOrAfter } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";

async function dayId(db: Kysely<Database>, key: string) {
  const row = await db
    .selectFrom("global_days")
    .select("id")
    .where("key", "=", key)
    .where("network_id", "is", null)
    .executeTakeFirstOrThrow();
  return row.id;
}

const content = (title: string) => ({ title, goals: "", keyMessages: "", materials: [], status: "published" as const });

/** Expected dates and distances, counted with luxon rather than with the app's own arithmetic. */
const plusDays = (date: string, days: number) => DateTime.fromISO(date, { zone: "utc" }).plus({ days }).toISODate()!;
const daysFrom = (from: string, to: string) =>
  DateTime.fromISO(to, { zone: "utc" }).diff(DateTime.fromISO(from, { zone: "utc" }), "days").days;

describe.each(testDrivers())("campaign planning on %s", (driver) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let networkId: string;
  let organiser: Actor;
  let partnerA: { id: string; userId: string };
  let partnerB: { id: string; userId: string };
  // "Mine" is planned around the Monday its weekly digest goes out: one action 3 days late then, one due 10 days after.
  const digestMonday = weekdayOnOrAfter(`${testYear}-11-23`, 1);

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    db = database.db;
    useDatabase(database);
    const network = await createNetwork(db, "plans");
    networkId = network.id;
    const user = await createUser(db, { email: "org@example.org", name: "Ona", networkId, role: "organiser" });
    organiser = { userId: user.id, role: "organiser", partnerId: null };
    const makePartner = async (name: string, country: string, email: string) => {
      const org = await db
        .insertInto("partner_organisations")
        .values({ network_id: networkId, name, country })
        .returning("id")
        .executeTakeFirstOrThrow();
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
      expect(
        translations
          .filter((t) => t.global_day_id === day.id)
          .map((t) => t.locale)
          .sort(),
        day.key,
      ).toEqual([...locales].sort());
    }
    expect(new Set(en.map((d) => d.rule.kind))).toEqual(new Set(["fixed", "nth_weekday", "span", "announced"]));
  });

  test("the year view: next 12 months with countdowns, hidden days gone, own days in, announced days unset until set", async () => {
    const network = { id: networkId, time_zone: "Europe/Lisbon" };
    const now = DateTime.fromISO(`${testYear}-11-21T10:00:00Z`);
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
    expect(view.from).toBe(`${testYear}-11-21`);
    expect(view.until).toBe(`${testYear + 1}-11-21`);
    expect(find("World AIDS Day").map((e) => [e.occurrence?.startsOn, e.countdown])).toEqual([[`${testYear}-12-01`, 10]]);
    expect(find("16 Days of Activism against Gender-Based Violence").map((e) => e.occurrence?.startsOn)).toEqual([`${testYear}-11-25`]);
    expect(find("World TB Day")).toEqual([]);
    // A day added in French is shown in French to everyone until it has other names; on 28 February in a common year.
    const lastOfFebruary = DateTime.utc(testYear + 1, 2)
      .endOf("month")
      .toISODate();
    expect(find("Journée nationale").map((e) => e.occurrence?.startsOn)).toEqual([lastOfFebruary]);
    expect(find("European Testing Week (spring)").map((e) => [e.year, e.occurrence, e.countdown])).toEqual([[testYear + 1, null, null]]);

    const spring = await dayId(db, "european-testing-week-spring");
    const announced = { year: testYear + 1, startsOn: `${testYear + 1}-05-10`, endsOn: `${testYear + 1}-05-17` };
    expect(await setAnnouncedDates(db, networkId, { dayId: spring, ...announced })).toBe(true);
    expect(await setAnnouncedDates(db, networkId, { dayId: await dayId(db, "world-aids-day"), ...announced })).toBe(false);
    view = await yearView(db, network, "en", now);
    expect(find("European Testing Week (spring)").map((e) => [e.occurrence?.startsOn, e.occurrence?.endsOn, e.countdown])).toEqual([
      [announced.startsOn, announced.endsOn, daysFrom(`${testYear}-11-21`, announced.startsOn)],
    ]);
    expect(view.entries.map((e) => e.sortsOn)).toEqual([...view.entries.map((e) => e.sortsOn)].sort());
  });

  test("rolling a campaign with 10 actions onto next year keeps every offset exact across 29 February", async () => {
    // From a common year onto a leap year, then onto a common year again.
    const leap = leapYearFrom(testYear + 1);
    const year = leap - 1;
    const [wadDay, nextWadDay, thirdWadDay] = [`${year}-12-01`, `${leap}-12-01`, `${leap + 1}-12-01`];
    const wad = await dayId(db, "world-aids-day");
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, {
        networkId,
        userId: organiser.userId,
        locale: "en",
        content: content(`World AIDS Day ${year}`),
        dates: { kind: "day", dayId: wad, year },
      }),
    );
    const offsets = [-300, -120, -60, -21, -7, 0, 3];
    const [february, november, december] = [`${year}-02-04`, `${year}-11-10`, `${year}-12-15`];
    const dates = [february, november, december];
    for (const offset of offsets) {
      await addAction(db, networkId, campaign.id, {
        title: `offset ${offset}`,
        due: { kind: "offset", offsetDays: offset },
        owner: null,
        status: "done",
        notes: "",
      });
    }
    for (const date of dates) {
      await addAction(db, networkId, campaign.id, {
        title: `date ${date}`,
        due: { kind: "date", dueOn: date },
        owner: { kind: "partner", id: partnerA.id },
        status: "doing",
        notes: "n",
      });
    }
    const before = await listActions(db, networkId, campaign.id, `${year}-01-01`, organiser);
    expect(before).toHaveLength(10);

    const outcome = await rollOverCampaign(db, { networkId, campaignId: campaign.id, userId: organiser.userId });
    expect(outcome.kind).toBe("created");
    const next = await db
      .selectFrom("campaigns")
      .selectAll()
      .where("id", "=", outcome.kind === "created" ? outcome.campaign.id : "")
      .executeTakeFirstOrThrow();
    expect([next.title, next.slug, next.status, next.starts_on, next.occurrence_year]).toEqual([
      `World AIDS Day ${leap}`,
      `world-aids-day-${leap}`,
      "draft",
      nextWadDay,
      leap,
    ]);
    const after = await listActions(db, networkId, next.id, `${leap}-01-01`, organiser);
    const offsetFromDay = (list: typeof after, anchor: string) =>
      Object.fromEntries(list.map((a) => [a.title, daysBetween(anchor, a.dueOn!)]));
    expect(offsetFromDay(after, nextWadDay)).toEqual(offsetFromDay(before, wadDay));
    // Dated actions move as far as the day did: 366 days, over 29 February.
    const shift = daysFrom(wadDay, nextWadDay);
    expect(after.map((a) => [a.title, a.dueOn, a.status])).toEqual([
      [`date ${february}`, plusDays(february, shift), "todo"],
      ["offset -300", plusDays(nextWadDay, -300), "todo"],
      ["offset -120", plusDays(nextWadDay, -120), "todo"],
      ["offset -60", plusDays(nextWadDay, -60), "todo"],
      [`date ${november}`, plusDays(november, shift), "todo"],
      ["offset -21", plusDays(nextWadDay, -21), "todo"],
      ["offset -7", plusDays(nextWadDay, -7), "todo"],
      ["offset 0", nextWadDay, "todo"],
      ["offset 3", plusDays(nextWadDay, 3), "todo"],
      [`date ${december}`, plusDays(december, shift), "todo"],
    ]);
    expect(after.filter((a) => a.owner?.kind === "partner").map((a) => a.owner?.id)).toEqual([partnerA.id, partnerA.id, partnerA.id]);

    const moves = await listRollOverMoves(db, networkId, next.id);
    expect(moves).toHaveLength(10);
    expect(moves.map((m) => m.shiftDays)).toEqual(Array(10).fill(shift));
    expect(moves[1]).toMatchObject({
      title: "offset -300",
      from: plusDays(wadDay, -300),
      to: plusDays(nextWadDay, -300),
      previousStatus: "done",
    });

    // From the leap year to the next the distance is 365 days and offsets still hold.
    const again = await rollOverCampaign(db, { networkId, campaignId: next.id, userId: organiser.userId });
    const third = await listActions(db, networkId, again.kind === "created" ? again.campaign.id : "", `${leap + 1}-01-01`, organiser);
    expect(offsetFromDay(third, thirdWadDay)).toEqual(offsetFromDay(before, wadDay));
    expect(third.find((a) => a.title === `date ${february}`)!.dueOn).toBe(plusDays(february, daysFrom(wadDay, thirdWadDay)));
  });

  test("two roll-overs of one campaign at the same moment make one copy", async () => {
    const ioad = await dayId(db, "international-overdose-awareness-day");
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, {
        networkId,
        userId: organiser.userId,
        locale: "en",
        content: content(`Overdose Awareness ${testYear}`),
        dates: { kind: "day", dayId: ioad, year: testYear },
      }),
    );
    await addAction(db, networkId, campaign.id, {
      title: "vigil",
      due: { kind: "offset", offsetDays: -200 },
      owner: null,
      status: "todo",
      notes: "",
    });
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => rollOverCampaign(db, { networkId, campaignId: campaign.id, userId: organiser.userId })),
    );
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["created", "existing", "existing", "existing"]);
    const copies = await db
      .selectFrom("campaigns")
      .select(["slug", "starts_on"])
      .where("rolled_from_campaign_id", "=", campaign.id)
      .execute();
    expect(copies).toEqual([{ slug: `overdose-awareness-${testYear + 1}`, starts_on: `${testYear + 1}-08-31` }]);
  });

  test("partners change only their own organisation's actions; organisers change all", async () => {
    // On a Monday: the actions due 3, 2 and 1 days before fall in the week before.
    const startsOn = weekdayOnOrAfter(`${testYear}-03-01`, 1).toISODate()!;
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, {
        networkId,
        userId: organiser.userId,
        locale: "en",
        content: content("Own dates"),
        dates: { kind: "own", startsOn },
      }),
    );
    const ofA = await addAction(db, networkId, campaign.id, {
      title: "A's",
      due: { kind: "offset", offsetDays: -3 },
      owner: { kind: "partner", id: partnerA.id },
      status: "todo",
      notes: "",
    });
    const ofB = await addAction(db, networkId, campaign.id, {
      title: "B's",
      due: { kind: "offset", offsetDays: -2 },
      owner: { kind: "partner", id: partnerB.id },
      status: "todo",
      notes: "",
    });
    const nobody = await addAction(db, networkId, campaign.id, {
      title: "unowned",
      due: { kind: "offset", offsetDays: -1 },
      owner: null,
      status: "todo",
      notes: "",
    });
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
        const result = await planAction({
          request,
          params: { network: "plans", slug: "own-dates" },
          context: { clientAddress: "127.0.0.1" },
        });
        return { ok: result };
      } catch (thrown) {
        return { status: (thrown as { init?: { status?: number } }).init?.status };
      }
    };
    expect(await post(partnerB.userId, ofA!.id)).toEqual({ status: 403 });
    expect(await post(partnerB.userId, ofB!.id)).toMatchObject({ ok: { intent: "progress" } });
    expect(await post(partnerB.userId, "00000000-0000-0000-0000-000000000000")).toEqual({ status: 404 });

    const rows = await db
      .selectFrom("campaign_actions")
      .select(["title", "status", "notes"])
      .where("campaign_id", "=", campaign.id)
      .orderBy("title")
      .execute();
    expect(rows).toEqual([
      { title: "A's", status: "done", notes: "sent" },
      { title: "B's", status: "done", notes: "" },
      { title: "unowned", status: "todo", notes: "" },
    ]);

    const timeline = groupByWeek(await listActions(db, networkId, campaign.id, startsOn, actorA));
    expect(timeline.map((w) => [w.weekOf, w.actions.map((a) => [a.title, a.dueOn, a.overdue, a.canEdit])])).toEqual([
      [
        plusDays(startsOn, -7),
        [
          ["A's", plusDays(startsOn, -3), false, true],
          ["B's", plusDays(startsOn, -2), false, false],
          ["unowned", plusDays(startsOn, -1), true, false],
        ],
      ],
    ]);
  });

  test("my actions lists open actions of the person or their organisation, overdue ones flagged", async () => {
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, {
        networkId,
        userId: organiser.userId,
        locale: "en",
        content: content("Mine"),
        dates: { kind: "own", startsOn: digestMonday.plus({ days: 17 }).toISODate()! },
      }),
    );
    const late = digestMonday.minus({ days: 3 }).toISODate()!;
    await addAction(db, networkId, campaign.id, {
      title: "late",
      due: { kind: "date", dueOn: late },
      owner: { kind: "user", id: organiser.userId },
      status: "todo",
      notes: "",
    });
    await addAction(db, networkId, campaign.id, {
      title: "soon",
      due: { kind: "offset", offsetDays: -7 },
      owner: { kind: "user", id: organiser.userId },
      status: "doing",
      notes: "",
    });
    await addAction(db, networkId, campaign.id, {
      title: "finished",
      due: { kind: "offset", offsetDays: -9 },
      owner: { kind: "user", id: organiser.userId },
      status: "done",
      notes: "",
    });
    await addAction(db, networkId, campaign.id, {
      title: "for B",
      due: { kind: "offset", offsetDays: -1 },
      owner: { kind: "partner", id: partnerB.id },
      status: "todo",
      notes: "",
    });
    expect(
      await addAction(db, networkId, campaign.id, {
        title: "bad owner",
        due: { kind: "offset", offsetDays: -1 },
        owner: { kind: "user", id: partnerA.userId },
        status: "todo",
        notes: "",
      }),
    ).toBeUndefined();
    const today = digestMonday.minus({ days: 2 }).toISODate()!;
    const mine = (await listMyActions(db, networkId, today, organiser)).filter((a) => a.campaignTitle === "Mine");
    expect(mine.map((a) => [a.title, a.dueOn, a.overdue])).toEqual([
      ["late", late, true],
      ["soon", digestMonday.plus({ days: 10 }).toISODate(), false],
    ]);
    const partners = await listMyActions(db, networkId, today, { userId: partnerB.userId, role: "partner", partnerId: partnerB.id });
    expect(partners.filter((a) => a.campaignTitle === "Mine").map((a) => a.title)).toEqual(["for B"]);
  });

  test("pledges, partner events and registrations are counted per country, and exported as CSV", async () => {
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, {
        networkId,
        userId: organiser.userId,
        locale: "en",
        content: content("Report"),
        dates: { kind: "own", startsOn: `${testYear}-06-26` },
      }),
    );
    await addPledge(db, {
      networkId,
      campaignId: campaign.id,
      partnerId: partnerA.id,
      userId: partnerA.userId,
      kind: "hold_event",
      details: "",
    });
    await addPledge(db, {
      networkId,
      campaignId: campaign.id,
      partnerId: partnerA.id,
      userId: partnerA.userId,
      kind: "share_materials",
      details: "",
    });
    await addPledge(db, {
      networkId,
      campaignId: campaign.id,
      partnerId: partnerB.id,
      userId: partnerB.userId,
      kind: "other",
      details: "=HYPERLINK()",
    });
    const event = (host: string, status: "published" | "cancelled" | "draft", country: string | null) => ({
      network_id: networkId,
      campaign_id: campaign.id,
      host_partner_id: host,
      title: "e",
      time_zone: "Europe/Lisbon",
      starts_at: `${testYear}-06-26T10:00:00Z`,
      ends_at: `${testYear}-06-26T12:00:00Z`,
      status,
      country,
    });
    const [inPortugal, inSpain] = await db
      .insertInto("events")
      .values([
        event(partnerA.id, "published", null),
        event(partnerA.id, "published", "es"),
        event(partnerB.id, "cancelled", null),
        event(partnerB.id, "draft", null),
      ])
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
      createCampaign(trx, {
        networkId,
        userId: organiser.userId,
        locale: "en",
        content: { ...content("Template source"), goals: "Reach people" },
        dates: { kind: "own", startsOn: `${testYear}-05-07` },
      }),
    );
    await addAction(db, networkId, source.id, {
      title: "press",
      due: { kind: "date", dueOn: `${testYear}-04-16` },
      owner: null,
      status: "done",
      notes: "",
    });
    await addAction(db, networkId, source.id, {
      title: "report",
      due: { kind: "offset", offsetDays: 14 },
      owner: null,
      status: "todo",
      notes: "x",
    });
    const saved = await saveAsTemplate(db, { networkId, campaignId: source.id, name: "Harm reduction day" });
    expect(saved).toMatchObject({ kind: "created", actionCount: 2 });
    expect(await saveAsTemplate(db, { networkId, campaignId: source.id, name: "Harm reduction day" })).toEqual({ kind: "name-taken" });
    const day = await dayId(db, "international-harm-reduction-day");
    const created = await db.transaction().execute((trx) =>
      createCampaign(trx, {
        networkId,
        userId: organiser.userId,
        locale: "en",
        content: content(`Harm Reduction Day ${testYear + 1}`),
        dates: { kind: "day", dayId: day, year: testYear + 1 },
        templateId: saved.kind === "created" ? saved.id : undefined,
      }),
    );
    const actions = await listActions(db, networkId, created.id, `${testYear + 1}-01-01`, organiser);
    expect(actions.map((a) => [a.title, a.offsetDays, a.dueOn, a.status])).toEqual([
      ["press", -21, `${testYear + 1}-04-16`, "todo"],
      ["report", 14, `${testYear + 1}-05-21`, "todo"],
    ]);
    const row = await db.selectFrom("campaigns").select(["goals", "starts_on"]).where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ goals: "Reach people", starts_on: `${testYear + 1}-05-07` });
  });

  test("the weekly digest goes once a week to each organiser with open actions, in their language", async () => {
    await db.updateTable("users").set({ locale: "fr" }).where("id", "=", organiser.userId).execute();
    const monday = DateTime.fromISO(`${digestMonday.toISODate()}T07:00:00`, { zone: "Europe/Brussels" });
    expect(await sendWeeklyDigests(db, monday)).toBe(1);
    expect(await sendWeeklyDigests(db, monday.plus({ hours: 2 }))).toBe(0);
    const mail = await db.selectFrom("email_outbox").selectAll().where("kind", "=", "campaign-digest").executeTakeFirstOrThrow();
    expect([mail.to_address, mail.locale, mail.subject]).toEqual([
      "org@example.org",
      "fr",
      "Vos actions de campagne cette semaine : 1 en retard (Network plans)",
    ]);
    const late = digestMonday.minus({ days: 3 });
    expect(mail.text_body).toContain(`1 action en retard :\n• late (Mine), pour le ${late.day} nov. ${late.year}`);
    expect(mail.text_body).toContain("http://localhost:3000/n/plans/my-actions");
    expect(await sendWeeklyDigests(db, monday.plus({ weeks: 1 }))).toBe(1);
  });
});
