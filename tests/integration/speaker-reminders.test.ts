import { sql, type Kysely } from "kysely";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { startJobRunner } from "~/jobs/runner.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { findSpeakerEvent, type SpeakerEvent } from "~/modules/speakers/context.server";
import { inviteSpeaker } from "~/modules/speakers/invitations.server";
import { sendDueSpeakerReminders } from "~/modules/speakers/reminders.server";
import { answerSpeakerInvitation, openSpeakerLink } from "~/modules/speakers/response.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";

/**
 * The reminder job is driven by a clock the tests hold: every run is given its
 * `now`. Invitations are sent on 21 November of the test year at 10:00 UTC,
 * to reply by 5 December (Europe/Amsterdam) for an event on 10 December. Due:
 * 11-24 10:00Z (3 days), 11-28 10:00Z (7 days), 12-03 08:00Z (09:00 in
 * Amsterdam, 2 days before the reply-by date).
 */
const sentAt = new Date(`${testYear}-11-21T10:00:00Z`);
const at = (iso: string) => new Date(iso);

describe("speaker reminders", () => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let event: SpeakerEvent;
  let organiserId: string;

  async function invite(email: string) {
    await inviteSpeaker(db, {
      event,
      inviterId: organiserId,
      values: {
        name: email.split("@")[0]!,
        email,
        role: "panellist",
        sessionTitle: "Drug policy panel",
        message: "",
        locale: "en",
        replyBy: `${testYear}-12-05`,
      },
      now: sentAt,
    });
  }
  const reminderSubjects = async (email: string) =>
    (
      await db
        .selectFrom("email_outbox")
        .select(["kind", "text_body"])
        .where("to_address", "=", email)
        .where("kind", "=", "speaker-reminder")
        .orderBy("created_at")
        .execute()
    ).length;
  const sentKinds = async (email: string) =>
    (
      await db
        .selectFrom("speaker_reminders")
        .innerJoin("speaker_invitations", "speaker_invitations.id", "speaker_reminders.invitation_id")
        .select(["kind", "sent_at"])
        .where("speaker_invitations.email", "=", email)
        .orderBy("sent_at")
        .orderBy("kind")
        .execute()
    ).map((row) => [row.kind, row.sent_at.toISOString()]);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    const network = await createNetwork(db, "reminders");
    organiserId = (await createUser(db, { email: "org@example.org", networkId: network.id, role: "organiser" })).id;
    const { id } = await db
      .insertInto("events")
      .values({
        network_id: network.id,
        title: "Support. Don't Punish forum",
        time_zone: "Europe/Amsterdam",
        starts_at: `${testYear}-12-10T09:00:00Z`,
        ends_at: `${testYear}-12-10T16:00:00Z`,
        status: "published",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    event = (await findSpeakerEvent(db, network.id, id))!;
  });
  afterAll(() => database.drop());

  test("sent on the right days, each once, and none after the reply-by day", async () => {
    await invite("pending@example.org");
    const runs: [string, number][] = [];
    for (const time of [
      `${testYear}-11-22T10:00:00Z`,
      `${testYear}-11-24T09:59:00Z`,
      `${testYear}-11-24T10:00:00Z`, // 3 days after sending
      `${testYear}-11-24T10:00:00Z`, // the same run again: nothing more
      `${testYear}-11-26T12:00:00Z`,
      `${testYear}-11-28T10:00:00Z`, // 7 days
      `${testYear}-12-03T07:59:00Z`,
      `${testYear}-12-03T08:00:00Z`, // 09:00 in Amsterdam, 2 days before the reply-by date
      `${testYear}-12-04T08:00:00Z`,
      `${testYear}-12-06T08:00:00Z`, // the reply-by day is over
    ]) {
      await sendDueSpeakerReminders(db, at(time));
      runs.push([time, await reminderSubjects("pending@example.org")]);
    }
    expect(runs.map(([, count]) => count)).toEqual([0, 0, 1, 1, 1, 2, 2, 3, 3, 3]);
    expect(await sentKinds("pending@example.org")).toEqual([
      ["after-3-days", `${testYear}-11-24T10:00:00.000Z`],
      ["after-7-days", `${testYear}-11-28T10:00:00.000Z`],
      ["before-reply-by", `${testYear}-12-03T08:00:00.000Z`],
    ]);
    const state = await db
      .selectFrom("speaker_invitations")
      .select(["reminder_count", "last_contact_at"])
      .where("email", "=", "pending@example.org")
      .executeTakeFirstOrThrow();
    expect([state.reminder_count, state.last_contact_at.toISOString()]).toEqual([3, `${testYear}-12-03T08:00:00.000Z`]);
  });

  test("never after an answer", async () => {
    await invite("answers@example.org");
    await sendDueSpeakerReminders(db, at(`${testYear}-11-24T10:00:00Z`));
    const link = (
      await db
        .selectFrom("email_outbox")
        .select("text_body")
        .where("to_address", "=", "answers@example.org")
        .where("kind", "=", "speaker-reminder")
        .executeTakeFirstOrThrow()
    ).text_body.match(/\/speak\/([A-Za-z0-9_-]{43})/)![1]!;
    // The reminder's own link works.
    expect((await openSpeakerLink(db, link, at(`${testYear}-11-25T10:00:00Z`))).kind).toBe("open");
    await answerSpeakerInvitation(db, {
      token: link,
      answer: {
        answer: "maybe",
        note: "",
        displayName: "",
        pronouns: "",
        organisation: "",
        bio: "",
        consentListName: false,
        consentPhotos: false,
        consentRecording: false,
        needsTravel: "",
        needsAccessibility: "",
        needsInterpretation: "",
      },
      now: at(`${testYear}-11-25T10:00:00Z`),
    });
    for (const time of [`${testYear}-11-28T10:00:00Z`, `${testYear}-12-03T08:00:00Z`]) await sendDueSpeakerReminders(db, at(time));
    expect(await reminderSubjects("answers@example.org")).toBe(1);
  });

  test("a run that comes late sends one reminder for all that fell due, and never repeats them", async () => {
    await invite("late@example.org");
    await sendDueSpeakerReminders(db, at(`${testYear}-11-29T00:00:00Z`));
    await sendDueSpeakerReminders(db, at(`${testYear}-11-30T00:00:00Z`));
    expect(await reminderSubjects("late@example.org")).toBe(1);
    expect(await sentKinds("late@example.org")).toEqual([
      ["after-3-days", `${testYear}-11-29T00:00:00.000Z`],
      ["after-7-days", `${testYear}-11-29T00:00:00.000Z`],
    ]);
  });

  test("runs at the same moment on several workers send each reminder once", async () => {
    await invite("busy@example.org");
    await Promise.all(Array.from({ length: 4 }, () => sendDueSpeakerReminders(db, at(`${testYear}-11-24T10:30:00Z`))));
    expect(await reminderSubjects("busy@example.org")).toBe(1);
  });

  test("the job is scheduled hourly in pg-boss, and a run reminds whoever is due at the time it runs", async () => {
    const runner = await startJobRunner(database, {
      transport: createMailTransport(undefined),
      pollSeconds: 0.5,
      emailRetryLimit: 0,
      emailRetryDelaySeconds: 1,
      schedule: true,
    });
    try {
      const schedules = await sql<{ name: string; cron: string }>`select name, cron from pgboss.schedule order by name`.execute(db);
      expect(schedules.rows).toContainEqual({ name: "speaker-reminders", cron: "5 * * * *" });

      // Relative to the real clock, as the job reads it: sent 4 days ago, so the 3-day reminder is due.
      const zone = "Europe/Amsterdam";
      const now = DateTime.now().setZone(zone);
      const { id } = await db
        .insertInto("events")
        .values({
          network_id: event.network_id,
          title: "Later forum",
          time_zone: zone,
          starts_at: now.plus({ days: 20 }).toJSDate(),
          ends_at: now.plus({ days: 20, hours: 3 }).toJSDate(),
          status: "published",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const later = (await findSpeakerEvent(db, event.network_id, id))!;
      await inviteSpeaker(db, {
        event: later,
        inviterId: organiserId,
        values: {
          name: "Sched",
          email: "scheduled@example.org",
          role: "trainer",
          sessionTitle: "Overdose response",
          message: "",
          locale: "fr",
          replyBy: now.plus({ days: 10 }).toISODate()!,
        },
        now: now.minus({ days: 4 }).toJSDate(),
      });
      await enqueueJob(db, queues.speakerReminders, {});
      await expect.poll(() => reminderSubjects("scheduled@example.org"), { timeout: 20_000, interval: 250 }).toBe(1);
      expect((await sentKinds("scheduled@example.org")).map(([kind]) => kind)).toEqual(["after-3-days"]);
      const reminder = await db
        .selectFrom("email_outbox")
        .select(["subject", "locale"])
        .where("to_address", "=", "scheduled@example.org")
        .where("kind", "=", "speaker-reminder")
        .executeTakeFirstOrThrow();
      expect(reminder).toEqual({ subject: "Rappel : invitation à intervenir à Later forum", locale: "fr" });
    } finally {
      await runner.stop();
    }
  });
});
