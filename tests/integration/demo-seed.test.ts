import { DateTime } from "luxon";
import { afterEach, describe, expect, test } from "vitest";
import { seedDemo } from "~db/seed";
import { demoNetworkSlug, demoNetworkZone } from "~db/seed/demo";
import { listActions } from "~/modules/campaigns/actions.server";
import { yearView } from "~/modules/days/days.server";
import { inReaderLanguage, listPastEvents, listUpcomingEvents } from "~/modules/events/calendar.server";
import { campaignInLanguage, campaignTranslationStatus } from "~/modules/translations/campaign-translations.server";
import { daysInLanguage } from "~/modules/translations/days.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";

/** The year of the first occurrence of a fixed-date day not yet over on `today`, counted here without the app's code. */
function nextYearOf(today: string, monthDay: string): number {
  const year = Number(today.slice(0, 4));
  return today <= `${year}-${monthDay}` ? year : year + 1;
}

/**
 * The seed runs on the day it runs: today, on the eve of World AIDS Day
 * (already the day itself in Amsterdam), just after it, just after Overdose
 * Awareness Day, and at the end of February.
 */
const moments = [
  new Date(),
  new Date(`${testYear}-11-30T23:30:00Z`),
  new Date(`${testYear}-12-02T09:00:00Z`),
  new Date(`${testYear}-09-01T06:00:00Z`),
  new Date(`${testYear}-02-28T12:00:00Z`),
];

describe.each(testDrivers())("the demo seed on %s", (driver) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
  });

  test.each(moments)("seeded at %s, the demo is alive", async (now) => {
    database = await createTestDatabase(driver);
    const db = database.db;
    const seeded = await seedDemo(db, now);
    const network = await db.selectFrom("networks").selectAll().where("slug", "=", demoNetworkSlug).executeTakeFirstOrThrow();
    const today = DateTime.fromJSDate(now, { zone: demoNetworkZone }).toISODate()!;
    const wadYear = nextYearOf(today, "12-01");
    const overdoseYear = nextYearOf(today, "08-31");
    expect(seeded?.today).toBe(today);
    expect(seeded?.campaigns.worldAidsDay).toEqual({
      dayKey: "world-aids-day",
      year: wadYear,
      date: `${wadYear}-12-01`,
      slug: `world-aids-day-${wadYear}`,
      title: `World AIDS Day ${wadYear}`,
    });
    expect(seeded?.campaigns.overdoseAwarenessDay.slug).toBe(`overdose-awareness-day-${overdoseYear}`);

    // The year view lists both campaigns under their days.
    const year = await yearView(db, network, "en", DateTime.fromJSDate(now));
    const campaignsOf = (name: string) =>
      year.entries.filter((entry) => entry.day.name === name).flatMap((entry) => entry.campaigns.map((c) => c.title));
    expect(campaignsOf("World AIDS Day")).toEqual([`World AIDS Day ${wadYear}`]);
    expect(campaignsOf("International Overdose Awareness Day")).toEqual([`International Overdose Awareness Day ${overdoseYear}`]);
    const materials = await db
      .selectFrom("campaigns")
      .select("materials")
      .where("slug", "=", `world-aids-day-${wadYear}`)
      .executeTakeFirstOrThrow();
    expect(materials.materials[0]!.url).toBe(`https://demo.example.org/materials/wad-${wadYear}-poster.pdf`);

    // Its plan has work done, under way and overdue, as seen today.
    const campaign = await db
      .selectFrom("campaigns")
      .select("id")
      .where("slug", "=", `world-aids-day-${wadYear}`)
      .executeTakeFirstOrThrow();
    const actions = await listActions(db, network.id, campaign.id, today, { userId: "", role: "organiser", partnerId: null });
    expect(actions.filter((a) => a.status === "done" && a.dueOn! < today).length).toBeGreaterThanOrEqual(2);
    expect(actions.filter((a) => a.status === "doing" && a.dueOn! >= today).map((a) => a.title)).toEqual(["Prepare the press release"]);
    expect(actions.filter((a) => a.overdue).map((a) => a.title)).toContain("Book the venue for the Amsterdam vigil");
    expect(actions.every((a) => a.title === "Report back to funders" || a.dueOn! <= `${wadYear}-12-01`)).toBe(true);

    // The public calendar: events ahead, one of them cancelled, a few in the archive.
    const visitor = { role: null, partnerId: null };
    const upcoming = (await listUpcomingEvents(db, { networkId: network.id, viewer: visitor, now, limit: 100 })).events;
    expect(upcoming.filter((e) => !e.cancelled).length).toBeGreaterThanOrEqual(20);
    expect(upcoming.filter((e) => e.cancelled).map((e) => e.title)).toEqual(["Community picnic"]);
    expect(upcoming.find((e) => e.title === "Red ribbon walk")?.startsAt).toBe(`${wadYear}-12-01T12:00:00.000Z`);
    const past = (await listPastEvents(db, { networkId: network.id, viewer: visitor, now })).events;
    expect(past.map((e) => e.title)).toEqual([
      "Past meet-up: Kyiv harm reduction",
      "Past webinar: overdose prevention",
      "Autumn peer assembly",
    ]);

    // Several events and the World AIDS Day campaign read in Ukrainian and French beside the English original, up to date.
    expect([network.content_language, network.content_languages]).toEqual(["en", ["uk", "fr", "pt"]]);
    const ukrainian = { preferences: ["uk"], fallbacks: ["en"] };
    const inUkrainian = await inReaderLanguage(db, upcoming, ukrainian);
    expect(
      inUkrainian
        .filter((e) => e.titleLanguage === "uk")
        .map((e) => e.title)
        .sort(),
    ).toEqual([
      "Коло взаємопідтримки",
      "Тестування у громаді до Всесвітнього дня боротьби зі СНІДом",
      "Тренінг з налоксону для рівних",
      "Хода з червоними стрічками",
    ]);
    const french = await inReaderLanguage(db, upcoming, { preferences: ["fr"], fallbacks: ["en"] });
    expect(french.find((e) => e.id === upcoming.find((u) => u.title === "Red ribbon walk")!.id)?.title).toBe("Marche du ruban rouge");
    const wad = await db.selectFrom("campaigns").selectAll().where("slug", "=", `world-aids-day-${wadYear}`).executeTakeFirstOrThrow();
    const wadInFrench = await campaignInLanguage(db, wad, ["fr"]);
    expect([wadInFrench.title.text, wadInFrench.materials.map((m) => m.label.text)]).toEqual([
      `Journée mondiale du sida ${wadYear}`,
      ["Affiche (A3, cinq langues)", "Kit réseaux sociaux"],
    ]);
    const wadDay = (await daysInLanguage(db, network.id, [wad.global_day_id!], ["uk"], ["en"])).get(wad.global_day_id!);
    expect(wadDay?.name).toEqual({ text: "Всесвітній день боротьби зі СНІДом", language: "uk" });
    expect((await campaignTranslationStatus(db, wad)).map((s) => [s.language, s.state])).toEqual([
      ["uk", "current"],
      ["fr", "current"],
      ["pt", "missing"],
    ]);

    // People on upcoming events: seats, a waitlist, speakers.
    const registrations = await db
      .selectFrom("registrations")
      .innerJoin("events", "events.id", "registrations.event_id")
      .select(["registrations.status", "events.starts_at"])
      .where("registrations.network_id", "=", network.id)
      .execute();
    expect(registrations.every((r) => r.starts_at > now)).toBe(true);
    expect(registrations.filter((r) => r.status === "confirmed").length).toBe(11);
    expect(registrations.filter((r) => r.status === "waitlisted").length).toBe(1);
    const invitations = await db
      .selectFrom("speaker_invitations")
      .innerJoin("events", "events.id", "speaker_invitations.event_id")
      .select(["speaker_invitations.status", "events.starts_at"])
      .where("speaker_invitations.network_id", "=", network.id)
      .execute();
    expect(invitations.map((i) => i.starts_at > now)).toEqual([true, true, true, true, true, true]);

    // One mailing sent at once, one scheduled a week ahead.
    const mailings = await db
      .selectFrom("mailings")
      .select(["title", "status", "scheduled_at"])
      .where("network_id", "=", network.id)
      .orderBy("title")
      .execute();
    const sendAt = DateTime.fromJSDate(now, { zone: demoNetworkZone }).startOf("day").plus({ days: 7 }).set({ hour: 9 }).toJSDate();
    expect(mailings).toEqual([
      { title: "Welcome to the partner network", status: "sending", scheduled_at: null },
      { title: `World AIDS Day ${wadYear}: call to partners`, status: "scheduled", scheduled_at: sendAt },
    ]);
  });

  test("a second run leaves the demo alone", async () => {
    database = await createTestDatabase(driver);
    expect(await seedDemo(database.db, new Date())).toBeDefined();
    expect(await seedDemo(database.db, new Date())).toBeUndefined();
    expect(await database.db.selectFrom("campaigns").select("slug").execute()).toHaveLength(3);
  });
});
