import { parseWithZod } from "@conform-to/zod/v4";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inReaderLanguage, listUpcomingEvents } from "~/modules/events/calendar.server";
import { createEvent, postponeEvent, updateEvent, type EventActor } from "~/modules/events/events.server";
import { handleEventChanged } from "~/jobs/event-changed.server";
import { sendReminders } from "~/modules/registrations/reminders.server";
import { EventFormSchema, readCalendarFilters, type EventInput } from "~/modules/events/events.schema";
import { updateCampaign } from "~/modules/campaigns/campaigns.server";
import {
  campaignInLanguage,
  campaignTranslationStatus,
  saveCampaignTranslation,
} from "~/modules/translations/campaign-translations.server";
import { eventTranslationStatus, saveEventTranslation } from "~/modules/translations/event-translations.server";
import { setContentLanguages } from "~/modules/translations/translations.server";
import { loader as editLoader } from "~/routes/n.$network.events.$eventId.edit";
import { action as languagesAction } from "~/routes/n.$network.languages";
import { loader as eventLoader } from "~/routes/n.$network.events.$eventId._index";
import { action as registerAction } from "~/routes/n.$network.events_.$eventId_.register";
import { action as translationAction } from "~/routes/n.$network.events_.$eventId_.translations.$language";
import { loader as eventFeedLoader } from "~/routes/n.$network.events_.$eventId_.calendar[.ics]";
import { loader as networkFeedLoader } from "~/routes/n.$network.calendar[.ics]";
import { loader as dayFeedLoader } from "~/routes/n.$network.days_.$dayKey_.calendar[.ics]";
import { daysInLanguage, dayTranslationStatus, saveDayTranslation } from "~/modules/translations/days.server";
import { useDatabase } from "~/utils/db.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";

const origin = "http://localhost:3000";
const day = DateTime.now().plus({ days: 20 }).toISODate()!;

/** A form as the browser posts it, parsed as the route parses it. */
function form(values: Record<string, string>): EventInput {
  const formData = new FormData();
  const defaults = { mode: "in_person", visibility: "public", country: "UA", timeZone: "Europe/Kyiv" };
  const times = { startDate: day, startTime: "18:00", endDate: day, endTime: "20:00" };
  for (const [name, value] of Object.entries({ ...defaults, ...times, ...values })) formData.append(name, value);
  const submission = parseWithZod(formData, { schema: EventFormSchema });
  if (submission.status !== "success") throw new Error(JSON.stringify(submission.error));
  return submission.value;
}

const english = { title: "Naloxone training", description: "Learn to **reverse** an overdose.", accessibilityNotes: "Step-free entrance." };
const ukrainian = {
  title: "Тренінг з налоксону",
  description: "Навчіться **зупиняти** передозування.",
  accessibilityNotes: "Вхід без сходинок.",
};

/** The vevents of a feed, parsed by ical.js as calendar apps parse it. */
function vevents(text: string) {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent");
}

describe.each(testDrivers())("events and campaigns in the reader's language on %s", (driver) => {
  let database: TestDatabase;
  let network: { id: string; slug: string };
  let organiser: EventActor;
  let eventId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    network = await createNetwork(database.db, "languages", "Languages Network");
    const user = await createUser(database.db, { email: "org@example.org", networkId: network.id, role: "organiser" });
    organiser = { userId: user.id, role: "organiser", partnerId: null };
    await setContentLanguages(database.db, {
      networkId: network.id,
      actorUserId: user.id,
      languages: { original: "en", others: ["uk", "fr"] },
    });
    eventId = (await createEvent(database.db, { networkId: network.id, actor: organiser, publish: true, values: form(english) })).id;
    await saveEventTranslation(database.db, {
      event: await database.db.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirstOrThrow(),
      language: "uk",
      texts: ukrainian,
      actorUserId: user.id,
    });
  });
  afterAll(() => database.drop());

  const eventRow = () => database.db.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirstOrThrow();
  const page = async (query: string, acceptLanguage: string) => {
    const request = new Request(`${origin}/n/languages/events/${eventId}${query}`, { headers: { "Accept-Language": acceptLanguage } });
    return eventLoader({ request, params: { network: "languages", eventId }, context: { clientAddress: "192.0.2.1" } });
  };

  test("the owner chooses the content languages, any BCP 47 tag; organisers may not", async () => {
    const owner = await createUser(database.db, { email: "owner@example.org", networkId: network.id, role: "owner" });
    const post = async (userId: string, values: Record<string, string>) => {
      const body = new FormData();
      for (const [name, value] of Object.entries(values)) body.append(name, value);
      const request = await signedInRequest(database.db, userId, `${origin}/n/languages/languages`, { method: "POST", body });
      return languagesAction({ request, params: { network: "languages" }, context: { clientAddress: "192.0.2.1" } });
    };
    const refused = (await post(owner.id, { original: "en", others: "uk, not a tag!" })) as {
      init: { status: number };
      data: { result: { error: unknown } };
    };
    expect([refused.init.status, refused.data.result.error]).toEqual([400, { others: ["translations.languages.invalid"] }]);
    await expect(post(organiser.userId, { original: "en", others: "ka" })).rejects.toMatchObject({
      init: { status: 403 },
      data: { message: "errors.forbidden" },
    });
    expect(await post(owner.id, { original: "en", others: "UK, pt-br, ky, uk, fr" })).toMatchObject({ saved: true });
    const row = await database.db
      .selectFrom("networks")
      .select(["content_language", "content_languages"])
      .where("id", "=", network.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ content_language: "en", content_languages: ["uk", "pt-BR", "ky", "fr"] });
    await setContentLanguages(database.db, {
      networkId: network.id,
      actorUserId: owner.id,
      languages: { original: "en", others: ["uk", "fr"] },
    });
  });

  test("the page in a Ukrainian browser shows the Ukrainian text, marked uk, with the interface in English", async () => {
    const data = await page("", "uk");
    expect(data.event.title).toBe(ukrainian.title);
    expect(data.event.descriptionHtml).toBe("<p>Навчіться <strong>зупиняти</strong> передозування.</p>\n");
    expect(data.event.accessibilityNotes).toBe(ukrainian.accessibilityNotes);
    expect(data.event.languages).toEqual({ original: "en", title: "uk", description: "uk", accessibilityNotes: "uk" });
    expect(data.contentLanguage).toEqual({
      language: "uk",
      fallback: null,
      languages: [
        { language: "en", name: "English", href: `/n/languages/events/${eventId}?lang=en`, current: false },
        { language: "uk", name: "українська", href: `/n/languages/events/${eventId}?lang=uk`, current: true },
      ],
    });
    // Registering and subscribing from this page keep the Ukrainian text.
    expect(data.event.registerUrl).toBe(`/n/languages/events/${eventId}/register?lang=uk`);
    expect(data.feedUrl).toBe(`${origin}/n/languages/events/${eventId}/calendar.ics?lang=uk`);
    expect(data.feedLanguages).toEqual([
      { language: "en", name: "English", url: `${origin}/n/languages/events/${eventId}/calendar.ics?lang=en` },
    ]);
  });

  test("a French reader sees English with a note in French; ?lang= switches", async () => {
    const french = await page("", "fr-FR,fr;q=0.9");
    expect(french.event.title).toBe(english.title);
    expect(french.event.languages.title).toBe("en");
    expect(french.contentLanguage.language).toBe("en");
    expect(french.contentLanguage.fallback).toEqual({ shown: "anglais", wanted: "français" });
    expect(french.event.registerUrl).toBe(`/n/languages/events/${eventId}/register`);

    const switched = await page("?lang=uk", "fr");
    expect([switched.event.title, switched.contentLanguage.language, switched.contentLanguage.fallback]).toEqual([
      ukrainian.title,
      "uk",
      null,
    ]);
    const englishReader = await page("", "en-GB,en;q=0.8");
    expect([englishReader.event.title, englishReader.contentLanguage.fallback]).toStrictEqual([english.title, null]);
  });

  test("the feed with ?lang=uk writes SUMMARY and DESCRIPTION in Ukrainian with LANGUAGE parameters; without it, the original as before", async () => {
    const response = (await eventFeedLoader({
      request: new Request(`${origin}/n/languages/events/${eventId}/calendar.ics?lang=uk`),
      params: { network: "languages", eventId },
      context: { clientAddress: "192.0.2.1" },
    })) as Response;
    expect(response.status).toBe(200);
    const text = await response.text();
    const [vevent] = vevents(text);
    const summary = vevent!.getFirstProperty("summary")!;
    const description = vevent!.getFirstProperty("description")!;
    expect([summary.getFirstValue(), summary.getParameter("language")]).toEqual([ukrainian.title, "uk"]);
    expect([description.getFirstValue(), description.getParameter("language")]).toEqual(["Навчіться зупиняти передозування.", "uk"]);

    const network = (await networkFeedLoader({
      request: new Request(`${origin}/n/languages/calendar.ics`),
      params: { network: "languages" },
      context: { clientAddress: "192.0.2.1" },
    })) as Response;
    const [original] = vevents(await network.text());
    expect(original!.getFirstPropertyValue("summary")).toBe(english.title);
    expect(original!.getFirstProperty("summary")!.getParameter("language")).toBeUndefined();

    // French is not written: the original, said to be English.
    const french = (await networkFeedLoader({
      request: new Request(`${origin}/n/languages/calendar.ics?lang=fr`),
      params: { network: "languages" },
      context: { clientAddress: "192.0.2.1" },
    })) as Response;
    const [fallback] = vevents(await french.text());
    expect([fallback!.getFirstPropertyValue("summary"), fallback!.getFirstProperty("summary")!.getParameter("language")]).toEqual([
      english.title,
      "en",
    ]);

    const bad = (await networkFeedLoader({
      request: new Request(`${origin}/n/languages/calendar.ics?lang=not%20a%20tag`),
      params: { network: "languages" },
      context: { clientAddress: "192.0.2.1" },
    })) as Response;
    expect(bad.status).toBe(400);
  });

  test("a Ukrainian registrant's confirmation and calendar invitation carry the Ukrainian text; the message's own words stay in their interface language", async () => {
    const body = new FormData();
    for (const [name, value] of Object.entries({ name: "Oksana", email: "oksana@example.org", locale: "ru", consent: "on" }))
      body.append(name, value);
    await registerAction({
      request: new Request(`${origin}/n/languages/events/${eventId}/register?lang=uk`, {
        method: "POST",
        body,
        headers: { "Accept-Language": "uk" },
      }),
      params: { network: "languages", eventId },
      context: { clientAddress: "192.0.2.20" },
    });
    const registration = await database.db
      .selectFrom("registrations")
      .select(["locale", "content_language"])
      .where("email", "=", "oksana@example.org")
      .executeTakeFirstOrThrow();
    expect(registration).toEqual({ locale: "ru", content_language: "uk" });
    const [mail] = await database.db
      .selectFrom("email_outbox")
      .select(["kind", "locale", "subject", "text_body", "html_body", "attachments"])
      .where("to_address", "=", "oksana@example.org")
      .execute();
    expect([mail!.kind, mail!.locale]).toEqual(["registration-confirmed", "ru"]);
    expect(mail!.subject).toBe(`Вы зарегистрированы: ${ukrainian.title}`);
    expect(mail!.text_body).toContain(`\n${ukrainian.title}\n`);
    // Within the Russian message, screen readers read the title as Ukrainian.
    expect(mail!.html_body).toContain(`<p style="margin:0 0 16px"><span lang="uk">${ukrainian.title}</span><br>`);
    const invite = Buffer.from(mail!.attachments[0]!.contentBase64, "base64").toString("utf8");
    const summary = vevents(invite)[0]!.getFirstProperty("summary")!;
    expect([summary.getFirstValue(), summary.getParameter("language")]).toEqual([ukrainian.title, "uk"]);

    // Someone who read the English page gets English.
    const other = new FormData();
    for (const [name, value] of Object.entries({ name: "Jo", email: "jo@example.org", locale: "en", consent: "on" }))
      other.append(name, value);
    await registerAction({
      request: new Request(`${origin}/n/languages/events/${eventId}/register`, {
        method: "POST",
        body: other,
        headers: { "Accept-Language": "fr" },
      }),
      params: { network: "languages", eventId },
      context: { clientAddress: "192.0.2.21" },
    });
    const english_ = await database.db
      .selectFrom("email_outbox")
      .select("subject")
      .where("to_address", "=", "jo@example.org")
      .executeTakeFirstOrThrow();
    expect(english_.subject).toBe(`You are registered: ${english.title}`);
  });

  test("the Ukrainian registrant's update and reminder carry the Ukrainian title too", async () => {
    const before = await eventRow();
    const later = DateTime.fromJSDate(before.starts_at, { zone: "Europe/Kyiv" }).plus({ days: 1 });
    const postponed = await postponeEvent(database.db, {
      networkId: network.id,
      eventId,
      actorUserId: organiser.userId,
      times: { startDate: later.toISODate()!, startTime: "18:00", endDate: later.toISODate()!, endTime: "20:00" },
    });
    if (!postponed.ok) throw new Error("not postponed");
    await handleEventChanged(database.db, { eventId, sequence: postponed.sequence, change: "rescheduled" });
    await database.db.updateTable("events").set({ reminder_hours_before: 24 }).where("id", "=", eventId).execute();
    const event = await eventRow();
    const job = { eventId, startsAt: event.starts_at.toISOString(), hoursBefore: 24 };
    expect(await sendReminders(database.db, job, new Date(event.starts_at.getTime() - 23 * 3600_000))).toBe(2);
    const subjects = async (to: string) =>
      (await database.db.selectFrom("email_outbox").select("subject").where("to_address", "=", to).orderBy("created_at").execute()).map(
        (mail) => mail.subject,
      );
    expect(await subjects("oksana@example.org")).toEqual([
      `Вы зарегистрированы: ${ukrainian.title}`,
      `Новое время: ${ukrainian.title}`,
      `Напоминание: ${ukrainian.title}`,
    ]);
    expect(await subjects("jo@example.org")).toEqual([
      `You are registered: ${english.title}`,
      `New time: ${english.title}`,
      `Reminder: ${english.title}`,
    ]);
  });

  test("search finds the event by its title in any of its languages", async () => {
    const search = async (q: string) =>
      (
        await listUpcomingEvents(database.db, {
          networkId: network.id,
          viewer: { role: null, partnerId: null },
          filters: readCalendarFilters(new URLSearchParams({ q })),
        })
      ).events.map((event) => event.id);
    expect(await search("налоксону")).toEqual([eventId]);
    expect(await search("NALOXONE")).toEqual([eventId]);
    expect(await search("100%")).toEqual([]);
  });

  test("editing the original marks the translation older on the organiser's page; saving it again brings it up to date", async () => {
    const statuses = async () => {
      const request = await signedInRequest(database.db, organiser.userId, `${origin}/n/languages/events/${eventId}/edit`);
      const data = await editLoader({ request, params: { network: "languages", eventId }, context: { clientAddress: "192.0.2.1" } });
      return data.translations.rows.map((row) => [row.language, row.name, row.state]);
    };
    expect(await statuses()).toEqual([
      ["uk", "Ukrainian", "current"],
      ["fr", "French", "missing"],
    ]);
    // A change that is not to the texts leaves translations as they are.
    const capacityOnly = await updateEvent(database.db, {
      networkId: network.id,
      eventId,
      actor: organiser,
      values: form({ ...english, capacity: "30" }),
    });
    expect(capacityOnly.ok).toBe(true);
    expect((await eventTranslationStatus(database.db, await eventRow())).map((s) => s.state)).toEqual(["current", "missing"]);

    await updateEvent(database.db, {
      networkId: network.id,
      eventId,
      actor: organiser,
      values: form({ ...english, title: "Naloxone training for peers" }),
    });
    expect(await statuses()).toEqual([
      ["uk", "Ukrainian", "outdated"],
      ["fr", "French", "missing"],
    ]);

    const body = new FormData();
    for (const [name, value] of Object.entries({ ...ukrainian, title: "Тренінг з налоксону для рівних" })) body.append(name, value);
    const request = await signedInRequest(database.db, organiser.userId, `${origin}/n/languages/events/${eventId}/translations/uk`, {
      method: "POST",
      body,
    });
    await translationAction({
      request,
      params: { network: "languages", eventId, language: "uk" },
      context: { clientAddress: "192.0.2.1" },
    });
    expect(await statuses()).toEqual([
      ["uk", "Ukrainian", "current"],
      ["fr", "French", "missing"],
    ]);
    // A language the network does not write in has no editor.
    const refused = await signedInRequest(database.db, organiser.userId, `${origin}/n/languages/events/${eventId}/translations/de`, {
      method: "POST",
      body,
    });
    await expect(
      translationAction({
        request: refused,
        params: { network: "languages", eventId, language: "de" },
        context: { clientAddress: "192.0.2.1" },
      }),
    ).rejects.toMatchObject({ init: { status: 404 }, data: { message: "translations.editor.unknownLanguage" } });
  });

  test("a global day in the network's Ukrainian, for this network only, in the day feed with ?lang=uk", async () => {
    const day = await database.db
      .selectFrom("global_days")
      .select("id")
      .where("key", "=", "world-aids-day")
      .where("network_id", "is", null)
      .executeTakeFirstOrThrow();
    const other = await createNetwork(database.db, "elsewhere");
    expect((await dayTranslationStatus(database.db, network.id, day.id)).map((s) => [s.language, s.state, s.name])).toEqual([
      ["en", "current", "World AIDS Day"],
      ["uk", "missing", ""],
      ["fr", "current", "Journée mondiale de lutte contre le sida"],
    ]);
    const saved = await saveDayTranslation(database.db, {
      networkId: network.id,
      dayId: day.id,
      language: "uk",
      name: "Всесвітній день боротьби зі СНІДом",
      description: "Солідарність із людьми, які живуть з ВІЛ.",
      actorUserId: organiser.userId,
    });
    expect(saved).toBe(true);
    const shown = await daysInLanguage(database.db, network.id, [day.id], ["uk"], ["en"]);
    expect(shown.get(day.id)).toEqual({
      name: { text: "Всесвітній день боротьби зі СНІДом", language: "uk" },
      description: { text: "Солідарність із людьми, які живуть з ВІЛ.", language: "uk" },
    });
    // Another network reading Ukrainian gets the catalogue's default: the translation is this network's.
    expect((await daysInLanguage(database.db, other.id, [day.id], ["uk"], ["en"])).get(day.id)?.name).toEqual({
      text: "World AIDS Day",
      language: "en",
    });
    const feed = (await dayFeedLoader({
      request: new Request(`${origin}/n/languages/days/world-aids-day/calendar.ics?lang=uk`),
      params: { network: "languages", dayKey: "world-aids-day" },
      context: { clientAddress: "192.0.2.1" },
    })) as Response;
    expect(new ICAL.Component(ICAL.parse(await feed.text())).getFirstPropertyValue("x-wr-calname")).toBe(
      "Всесвітній день боротьби зі СНІДом · Languages Network",
    );
  });

  test("a campaign's title, key messages and materials' labels in Ukrainian, older once the original changes", async () => {
    const campaign = await database.db
      .insertInto("campaigns")
      .values({
        network_id: network.id,
        slug: "world-aids-day",
        title: "World AIDS Day",
        status: "published",
        key_messages: "Test, treat, respect.",
        materials: JSON.stringify([
          { label: "Poster", url: "https://example.org/poster.pdf" },
          { label: "Leaflet", url: "https://example.org/leaflet.pdf" },
        ]),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await saveCampaignTranslation(database.db, {
      campaign,
      language: "uk",
      texts: {
        title: "Всесвітній день боротьби зі СНІДом",
        goals: "",
        keyMessages: "Тестуй, лікуй, поважай.",
        materialLabels: ["Плакат", ""],
      },
      actorUserId: organiser.userId,
    });
    const shown = await campaignInLanguage(database.db, campaign, ["uk"]);
    expect(shown).toEqual({
      title: { text: "Всесвітній день боротьби зі СНІДом", language: "uk" },
      goals: { text: "", language: "en" },
      keyMessages: { text: "Тестуй, лікуй, поважай.", language: "uk" },
      materials: [
        { label: { text: "Плакат", language: "uk" }, url: "https://example.org/poster.pdf" },
        { label: { text: "Leaflet", language: "en" }, url: "https://example.org/leaflet.pdf" },
      ],
      language: "uk",
      available: ["en", "uk"],
    });
    // Its events name it in the reader's language, on their page and in lists.
    const underCampaign = await createEvent(database.db, {
      networkId: network.id,
      actor: organiser,
      publish: true,
      values: form({ title: "Testing day", campaignId: campaign.id }),
    });
    const eventPage = await eventLoader({
      request: new Request(`${origin}/n/languages/events/${underCampaign.id}`, { headers: { "Accept-Language": "uk" } }),
      params: { network: "languages", eventId: underCampaign.id },
      context: { clientAddress: "192.0.2.1" },
    });
    expect(eventPage.event.campaign).toEqual({ slug: "world-aids-day", title: "Всесвітній день боротьби зі СНІДом", titleLanguage: "uk" });
    const listed = await inReaderLanguage(
      database.db,
      (await listUpcomingEvents(database.db, { networkId: network.id, viewer: { role: null, partnerId: null } })).events,
      { preferences: ["uk"], fallbacks: ["en"] },
    );
    expect(listed.find((event) => event.id === underCampaign.id)?.campaign).toEqual({
      id: campaign.id,
      slug: "world-aids-day",
      title: "Всесвітній день боротьби зі СНІДом",
      titleLanguage: "uk",
    });

    const state = async () => {
      const row = await database.db.selectFrom("campaigns").selectAll().where("id", "=", campaign.id).executeTakeFirstOrThrow();
      return (await campaignTranslationStatus(database.db, row)).map((s) => [s.language, s.state]);
    };
    expect(await state()).toEqual([
      ["uk", "current"],
      ["fr", "missing"],
    ]);
    const content = {
      title: "World AIDS Day",
      goals: "",
      keyMessages: "Test, treat, respect.",
      materials: campaign.materials,
      status: "published" as const,
    };
    await updateCampaign(database.db, network.id, campaign.id, content);
    expect(await state()).toEqual([
      ["uk", "current"],
      ["fr", "missing"],
    ]);
    await updateCampaign(database.db, network.id, campaign.id, { ...content, keyMessages: "Test, treat, respect, repeat." });
    expect(await state()).toEqual([
      ["uk", "outdated"],
      ["fr", "missing"],
    ]);
  });
});
