import ICAL from "ical.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { OutboxMessage } from "~db/types";
import { handleEventChanged } from "~/jobs/event-changed.server";
import { runMaintenance } from "~/jobs/maintenance.server";
import { eventUid, hostOf } from "~/modules/calendar/ical.server";
import { recordEventChange } from "~/modules/events/changes.server";
import { newManageToken } from "~/modules/registrations/links.server";
import { countRegistrations, updateRegistrationSettings } from "~/modules/registrations/organiser.server";
import { erasePersonalData, exportPersonalData } from "~/modules/registrations/privacy.server";
import {
  cancelRegistration,
  findRegistrationByToken,
  registerAttendee,
  type RegisterInput,
} from "~/modules/registrations/registrations.server";
import { reminderTime, sendReminders } from "~/modules/registrations/reminders.server";
import { registrationAttempt } from "~/modules/registrations/spam.server";
import { loader as feedLoader } from "~/routes/registrations.$token_.calendar[.ics]";
import { useDatabase } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { summerTimeStart, testYear, weekdayOnOrAfter } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";
import { createPublishedEvent } from "../support/registration-fixtures";

const host = hostOf(getEnv().appUrl);

function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return { calendar, events: calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent)) };
}

function invitation(message: Pick<OutboxMessage, "attachments">) {
  const [attachment] = message.attachments;
  return {
    ...parseCalendar(Buffer.from(attachment!.contentBase64, "base64").toString("utf8")),
    filename: attachment!.filename,
    contentType: attachment!.contentType,
  };
}

describe.each(testDrivers())("attendee registration on %s", (driver) => {
  let database: TestDatabase;
  let networkId: string;
  let organiserId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    const network = await createNetwork(database.db, "reg");
    networkId = network.id;
    await database.db.updateTable("networks").set({ name: "Harm Reduction Network" }).where("id", "=", networkId).execute();
    organiserId = (await createUser(database.db, { email: "org@example.org", networkId, role: "organiser" })).id;
  });
  afterAll(() => database.drop());

  const mailTo = (to: string) =>
    database.db.selectFrom("email_outbox").selectAll().where("to_address", "=", to).orderBy("created_at").execute();
  const register = (input: Partial<RegisterInput> & { eventId: string; email: string }) =>
    registerAttendee(database.db, { networkId, name: "Moth", locale: "en", answers: {}, ...input });

  test("a confirmation in the attendee's language with the event, its zone, the manage link and an invitation that calendars accept", async () => {
    const partner = await database.db
      .insertInto("partner_organisations")
      .values({ network_id: networkId, name: "Lisbon Collective", country: "PT" })
      .returning("id")
      .executeTakeFirstOrThrow();
    // A Saturday: the message names the weekday.
    const saturday = weekdayOnOrAfter(`${testYear}-12-05`, 6);
    const event = await createPublishedEvent(database.db, networkId, {
      title: "Formation naloxone",
      starts_at: new Date(`${saturday.toISODate()}T17:00:00Z`),
      ends_at: new Date(`${saturday.toISODate()}T19:00:00Z`),
      capacity: 10,
      host_partner_id: partner.id,
    });
    const now = new Date(`${testYear}-11-21T12:00:00Z`);
    const result = await register({ eventId: event.id, email: "camille@example.org", name: "Cam", locale: "fr", now });
    expect(result).toMatchObject({ ok: true, outcome: "created", status: "confirmed", position: null });
    const [mail, ...others] = await mailTo("camille@example.org");
    expect(others).toEqual([]);
    expect(mail!.kind).toBe("registration-confirmed");
    expect(mail!.locale).toBe("fr");
    expect(mail!.subject).toBe("Vous êtes inscrit·e : Formation naloxone");
    const link = `http://localhost:3000/registrations/${newManageToken(result.ok ? result.registrationId : "").token}`;
    expect(mail!.text_body).toBe(
      [
        "Bonjour Cam,",
        "Votre place est réservée. Harm Reduction Network se réjouit de vous voir.",
        [
          "Formation naloxone",
          `Quand : samedi ${saturday.day} décembre ${testYear}, 18:00–20:00 (Europe/Amsterdam, UTC+1)`,
          "Où : De Regenboog, Droogbak 3, Amsterdam",
          "Participer en ligne : https://meet.example.org/naloxone-secret",
          "Organisé par : Lisbon Collective",
        ].join("\n"),
        "L’invitation jointe ajoute l’événement à votre agenda.",
        `Gérer mon inscription:\n${link}`,
        "Ce lien est à vous seul·e : toute personne qui l’a peut modifier ou annuler votre inscription.",
      ].join("\n\n") + "\n",
    );

    const attached = invitation(mail!);
    expect([attached.filename, attached.contentType]).toEqual(["invite.ics", "text/calendar; method=REQUEST; charset=utf-8"]);
    expect(attached.calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    const [vevent] = attached.events;
    expect(vevent!.uid).toBe(eventUid(event.id, host));
    expect(vevent!.uid).toBe(`${event.id}@localhost`);
    expect(vevent!.sequence).toBe(0);
    expect(vevent!.summary).toBe("Formation naloxone");
    expect(vevent!.startDate.toJSDate().toISOString()).toBe(`${saturday.toISODate()}T17:00:00.000Z`);
    expect(vevent!.component.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/Amsterdam");
    expect(vevent!.organizer).toBe("mailto:no-reply@daymark.test");
    expect(vevent!.component.getFirstProperty("organizer")!.getParameter("cn")).toBe("Harm Reduction Network");
    expect(vevent!.attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual(["mailto:camille@example.org"]);

    // The personal feed behind the same link: same UID, online link included, private.
    const token = newManageToken(result.ok ? result.registrationId : "").token;
    const response = (await feedLoader({
      request: new Request(`${link}/calendar.ics`),
      params: { token },
      context: { clientAddress: "127.0.0.1" },
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    const feed = parseCalendar(await response.text());
    expect(feed.calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(feed.events.map((e) => e.uid)).toEqual([vevent!.uid]);
    expect(feed.events[0]!.description).toContain("https://meet.example.org/naloxone-secret");

    const unknown = (await feedLoader({
      request: new Request("http://localhost:3000/registrations/x/calendar.ics"),
      params: { token: "A".repeat(43) },
      context: { clientAddress: "127.0.0.1" },
    })) as Response;
    expect(unknown.status).toBe(404);
  });

  test("the same address twice keeps one seat and has its message sent again", async () => {
    const event = await createPublishedEvent(database.db, networkId, { capacity: 1 });
    const first = await register({ eventId: event.id, email: "twice@example.org" });
    const second = await register({ eventId: event.id, email: "twice@example.org", name: "Someone else" });
    expect(second).toEqual({ ...first, outcome: "existing" });
    expect((await mailTo("twice@example.org")).map((m) => m.kind)).toEqual(["registration-confirmed", "registration-confirmed"]);
    expect(await countRegistrations(database.db, event.id)).toEqual({ confirmed: 1, waitlisted: 0, cancelled: 0, attended: 0 });
    const other = await register({ eventId: event.id, email: "next@example.org" });
    expect(other).toMatchObject({ status: "waitlisted", position: 1 });
    const again = await register({ eventId: event.id, email: "next@example.org" });
    expect(again).toMatchObject({ outcome: "existing", status: "waitlisted", position: 1 });
    const [waitlistMail] = await mailTo("next@example.org");
    expect(waitlistMail!.subject).toBe("You are on the waitlist: Naloxone training");
    expect(waitlistMail!.text_body).toContain("You are number 1 on the waitlist");
    // Waitlisted people do not get the private online link.
    expect(waitlistMail!.text_body).not.toContain("naloxone-secret");
  });

  test("registration follows the event's status and window", async () => {
    const now = new Date(`${testYear}-11-21T12:00:00Z`);
    const draft = await createPublishedEvent(database.db, networkId, { status: "draft", now });
    const later = await createPublishedEvent(database.db, networkId, {
      registration_opens_at: new Date(`${testYear}-11-25T00:00:00Z`),
      now,
    });
    const closed = await createPublishedEvent(database.db, networkId, {
      registration_closes_at: new Date(`${testYear}-11-20T00:00:00Z`),
      now,
    });
    const started = await createPublishedEvent(database.db, networkId, { startsInHours: -1, now });
    const elsewhere = await createNetwork(database.db, "other-reg");
    const foreign = await createPublishedEvent(database.db, elsewhere.id, { now });
    const outcomes = await Promise.all(
      [draft, later, closed, started, foreign].map((event) => register({ eventId: event.id, email: "early@example.org", now })),
    );
    expect(outcomes).toEqual([
      { ok: false, reason: "not-published" },
      { ok: false, reason: "not-yet-open" },
      { ok: false, reason: "closed" },
      { ok: false, reason: "closed" },
      { ok: false, reason: "not-found" },
    ]);
    expect(await mailTo("early@example.org")).toEqual([]);
  });

  test("more seats promote the waitlist at once, in order", async () => {
    const event = await createPublishedEvent(database.db, networkId, { capacity: 1 });
    for (const name of ["a", "b", "c", "d"]) await register({ eventId: event.id, email: `${name}-cap@example.org` });
    await updateRegistrationSettings(database.db, { eventId: event.id, capacity: 3, reminderHoursBefore: 24, actorUserId: organiserId });
    expect(await countRegistrations(database.db, event.id)).toEqual({ confirmed: 3, waitlisted: 1, cancelled: 0, attended: 0 });
    expect((await mailTo("b-cap@example.org")).map((m) => m.subject)).toEqual([
      "You are on the waitlist: Naloxone training",
      "You are registered: Naloxone training",
    ]);
    expect((await mailTo("b-cap@example.org"))[1]!.text_body).toContain("a seat became free and it is yours now");
    expect((await mailTo("d-cap@example.org")).map((m) => m.kind)).toEqual(["registration-waitlisted"]);
  });

  test("a new time or place updates confirmed attendees' calendars once per sequence; a cancellation removes the entry", async () => {
    const event = await createPublishedEvent(database.db, networkId, { capacity: 1, title: "Peer support circle" });
    await register({ eventId: event.id, email: "seat@example.org" });
    await register({ eventId: event.id, email: "queue@example.org" });

    const change = async (set: Record<string, unknown>, kind: "rescheduled" | "cancelled") => {
      const updated = await database.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("events")
          .set({ ...set, sequence: sql`sequence + 1`, updated_at: new Date() })
          .where("id", "=", event.id)
          .returning(["id", "sequence"])
          .executeTakeFirstOrThrow();
        await recordEventChange(trx, row, kind);
        return row;
      });
      const job = { eventId: event.id, sequence: updated.sequence, change: kind };
      // A job may run twice (a crash, a retry): nobody hears twice.
      await handleEventChanged(database.db, job);
      await handleEventChanged(database.db, job);
    };

    const newStart = new Date(event.starts_at.getTime() + 86_400_000);
    await change({ starts_at: newStart, ends_at: new Date(newStart.getTime() + 7_200_000) }, "rescheduled");
    const seatMails = await mailTo("seat@example.org");
    expect(seatMails.map((m) => m.subject)).toEqual(["You are registered: Peer support circle", "New time: Peer support circle"]);
    const update = invitation(seatMails[1]!);
    expect(update.calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect([update.events[0]!.uid, update.events[0]!.sequence]).toEqual([eventUid(event.id, host), 1]);
    expect(update.events[0]!.startDate.toJSDate().toISOString()).toBe(newStart.toISOString());
    const queueMails = await mailTo("queue@example.org");
    expect(queueMails.map((m) => [m.kind, m.attachments.length])).toEqual([
      ["registration-waitlisted", 0],
      ["registration-event-update", 0],
    ]);

    await change({ status: "cancelled", cancelled_at: new Date() }, "cancelled");
    const afterCancel = await mailTo("seat@example.org");
    expect(afterCancel.map((m) => m.subject).slice(2)).toEqual(["Cancelled: Peer support circle"]);
    const cancel = invitation(afterCancel[2]!);
    expect([cancel.contentType, cancel.calendar.getFirstPropertyValue("method")]).toEqual([
      "text/calendar; method=CANCEL; charset=utf-8",
      "CANCEL",
    ]);
    expect([cancel.events[0]!.uid, cancel.events[0]!.sequence]).toEqual([eventUid(event.id, host), 2]);
    const jobs = await sql<{
      count: number;
    }>`select count(*)::int as count from pgboss.job where name = 'event-changed' and data->>'eventId' = ${event.id}`.execute(database.db);
    expect(jobs.rows[0]!.count).toBe(2);
  });

  test("the reminder is scheduled in absolute time across a daylight-saving change and sent once, only to people with a seat", async () => {
    // 10:00 in Amsterdam (CEST, UTC+2) on the day its clocks go forward, at 02:00 that night.
    const spring = summerTimeStart("Europe/Amsterdam", testYear);
    const [eve, day] = [spring.minus({ days: 1 }).toISODate()!, spring.toISODate()!];
    const event = await createPublishedEvent(database.db, networkId, {
      title: "Spring gathering",
      capacity: 2,
      starts_at: new Date(`${day}T08:00:00Z`),
      ends_at: new Date(`${day}T10:00:00Z`),
    });
    const now = spring.minus({ days: 9 }).toJSDate();
    for (const name of ["one", "two", "three", "four"]) await register({ eventId: event.id, email: `${name}-dst@example.org`, now });
    await cancelRegistration(
      database.db,
      (await database.db.selectFrom("registrations").select("id").where("email", "=", "one-dst@example.org").executeTakeFirstOrThrow()).id,
      now,
    );

    // 24 hours of real time before: 09:00 the day before in Amsterdam (CET), not 10:00.
    const at = reminderTime({ startsAt: event.starts_at, reminderHoursBefore: 24 })!;
    expect(at.toISOString()).toBe(`${eve}T08:00:00.000Z`);
    const jobs = await sql<{ start_after: Date; data: { eventId: string; startsAt: string; hoursBefore: number } }>`
      select start_after, data from pgboss.job where name = 'registration-reminder' and data->>'eventId' = ${event.id}`.execute(
      database.db,
    );
    expect(jobs.rows.map((row) => [row.start_after.toISOString(), row.data])).toEqual([
      [`${eve}T08:00:00.000Z`, { eventId: event.id, startsAt: `${day}T08:00:00.000Z`, hoursBefore: 24 }],
    ]);

    const payload = jobs.rows[0]!.data;
    expect(await sendReminders(database.db, payload, new Date(`${eve}T07:59:00Z`))).toBe(0);
    expect(await sendReminders(database.db, payload, new Date(`${eve}T08:00:00Z`))).toBe(2);
    expect(await sendReminders(database.db, payload, new Date(`${eve}T08:05:00Z`))).toBe(0);
    const reminders = await database.db
      .selectFrom("email_outbox")
      .select(["to_address", "subject"])
      .where("kind", "=", "registration-reminder")
      .where("to_address", "like", "%-dst@example.org")
      .orderBy("to_address")
      .execute();
    // "one" cancelled (its seat went to "three"); "four" is still waiting.
    expect(reminders).toEqual([
      { to_address: "three-dst@example.org", subject: "Reminder: Spring gathering" },
      { to_address: "two-dst@example.org", subject: "Reminder: Spring gathering" },
    ]);

    // A delay changed afterwards makes the old job stale: it sends nothing.
    await updateRegistrationSettings(
      database.db,
      { eventId: event.id, capacity: 2, reminderHoursBefore: null, actorUserId: organiserId },
      now,
    );
    await database.db.updateTable("registrations").set({ reminder_sent_at: null }).where("event_id", "=", event.id).execute();
    expect(await sendReminders(database.db, payload, new Date(`${eve}T08:00:00Z`))).toBe(0);
  });

  test("registration is limited per e-mail address and per client address", async () => {
    const now = new Date(`${testYear}-11-21T10:00:00Z`);
    const waits = [];
    for (let i = 0; i < 6; i++)
      waits.push(await registrationAttempt(database.db, { clientAddress: "10.0.0.1", email: "spam@example.org" }, now));
    expect(waits).toEqual([0, 0, 0, 0, 0, 3600]);
    const keys = await database.db.selectFrom("rate_limits").select("key").where("key", "like", "registration:%").execute();
    expect(keys.some((row) => row.key.includes("spam@example.org"))).toBe(false);
    const perAddress = [];
    for (let i = 0; i < 31; i++)
      perAddress.push(await registrationAttempt(database.db, { clientAddress: "10.0.0.2", email: `p${i}@example.org` }, now));
    expect(perAddress.filter((wait) => wait > 0)).toEqual([3600]);
  });

  test("N days after the event ends, its registrations and their e-mails keep no personal data, and counts remain", async () => {
    await database.db.updateTable("networks").set({ anonymise_after_days: 30 }).where("id", "=", networkId).execute();
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      const start = new Date(`${testYear}-10-01T16:00:00Z`);
      const event = await createPublishedEvent(database.db, networkId, {
        title: "Autumn meeting",
        capacity: 1,
        starts_at: start,
        ends_at: new Date(`${testYear}-10-01T18:00:00Z`),
      });
      const now = new Date(`${testYear}-09-20T12:00:00Z`);
      // Two weeks after `now`: it ended less than 30 days before the last run below.
      const kept = await createPublishedEvent(database.db, networkId, { title: "Later meeting", now });
      await register({ eventId: event.id, email: "private.person@example.org", name: "Private Person", now, answers: { x: "secret" } });
      await register({ eventId: event.id, email: "waiting.person@example.org", name: "Waiting Person", now });
      await register({ eventId: kept.id, email: "private.person@example.org", name: "Private Person", now });
      const before = await countRegistrations(database.db, event.id);

      await runMaintenance(database.db, new Date(`${testYear}-10-31T17:59:00Z`));
      expect(
        (await database.db.selectFrom("registrations").select("email").where("event_id", "=", event.id).execute()).every((r) => r.email),
      ).toBe(true);

      await runMaintenance(database.db, new Date(`${testYear}-10-31T18:00:00Z`));
      const rows = await database.db.selectFrom("registrations").selectAll().where("event_id", "=", event.id).execute();
      expect(rows.map((r) => [r.email, r.name, r.answers, r.manage_token_hash, r.anonymised_at?.toISOString()])).toEqual([
        [null, null, {}, null, `${testYear}-10-31T18:00:00.000Z`],
        [null, null, {}, null, `${testYear}-10-31T18:00:00.000Z`],
      ]);
      expect(await countRegistrations(database.db, event.id)).toEqual(before);
      const eventRow = await database.db
        .selectFrom("events")
        .select("registrations_anonymised_at")
        .where("id", "=", event.id)
        .executeTakeFirstOrThrow();
      expect(eventRow.registrations_anonymised_at?.toISOString()).toBe(`${testYear}-10-31T18:00:00.000Z`);

      const blanked = await database.db
        .selectFrom("email_outbox as o")
        .innerJoin("registration_emails as l", "l.outbox_id", "o.id")
        .innerJoin("registrations as r", "r.id", "l.registration_id")
        .select(["o.to_address", "o.text_body", "o.html_body", "o.raw_mime", "o.attachments", "o.headers"])
        .where("r.event_id", "=", event.id)
        .execute();
      expect(blanked).toEqual([
        { to_address: "", text_body: "", html_body: "", raw_mime: null, attachments: [], headers: {} },
        { to_address: "", text_body: "", html_body: "", raw_mime: null, attachments: [], headers: {} },
      ]);
      // Nothing about "Waiting Person" anywhere; "Private Person" remains only for the later event.
      const everywhere = await sql<{ hits: number }>`
        select (select count(*) from email_outbox where concat_ws(' ', to_address, subject, text_body, html_body, raw_mime, attachments::text) ilike '%waiting%')
             + (select count(*) from registrations where concat_ws(' ', email, name, answers::text) ilike '%waiting%')
             + (select count(*) from audit_log where details::text ilike '%@%')
             + (select count(*) from pgboss.job where data::text ilike '%@%') as hits`.execute(database.db);
      expect(Number(everywhere.rows[0]!.hits)).toBe(0);
      expect((await mailTo("private.person@example.org")).map((m) => m.subject)).toEqual(["You are registered: Later meeting"]);
      expect(logged.filter((line) => /person@example\.org|Private Person|Waiting Person/i.test(line))).toEqual([]);
      // A second run finds nothing left to do.
      await runMaintenance(database.db, new Date(`${testYear}-11-01T18:00:00Z`));
      const audits = await database.db.selectFrom("audit_log").select(["action", "details"]).where("subject_id", "=", event.id).execute();
      expect(audits).toEqual([{ action: "registrations.anonymised", details: { registrations: 2, messages: 2 } }]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  test("a data subject request exports, then erases, everything held for an address; the audit log keeps no address", async () => {
    const event = await createPublishedEvent(database.db, networkId, { title: "Open day", capacity: 1 });
    const first = await register({ eventId: event.id, email: "subject@example.org", name: "Sub", locale: "fr" });
    await register({ eventId: event.id, email: "behind@example.org" });
    const exported = await exportPersonalData(database.db, { networkId, actorUserId: organiserId, email: "subject@example.org" });
    expect(exported.registrations).toEqual([
      expect.objectContaining({
        event: "Open day",
        name: "Sub",
        email: "subject@example.org",
        language: "fr",
        status: "confirmed",
        answers: {},
      }),
    ]);
    expect(exported.messages.map((m) => m.subject)).toEqual(["Vous êtes inscrit·e : Open day"]);

    const erased = await erasePersonalData(database.db, { networkId, actorUserId: organiserId, email: "subject@example.org" });
    expect(erased).toEqual({ registrations: 1, messages: 1 });
    expect(await findRegistrationByToken(database.db, newManageToken(first.ok ? first.registrationId : "").token)).toBeUndefined();
    expect(await mailTo("subject@example.org")).toEqual([]);
    // The freed seat went to the next person.
    expect((await mailTo("behind@example.org")).map((m) => m.kind)).toEqual(["registration-waitlisted", "registration-confirmed"]);
    const audits = await database.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id", "details"])
      .where("action", "in", ["registrations.data_exported", "registrations.data_erased"])
      .orderBy("created_at")
      .execute();
    expect(audits).toEqual([
      { action: "registrations.data_exported", actor_user_id: organiserId, details: { registrations: 1, messages: 1 } },
      { action: "registrations.data_erased", actor_user_id: organiserId, details: { registrations: 1, messages: 1 } },
    ]);
  });
});
