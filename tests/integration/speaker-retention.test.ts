import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runMaintenance } from "~/jobs/maintenance.server";
import { findSpeakerEvent } from "~/modules/speakers/context.server";
import { inviteSpeaker } from "~/modules/speakers/invitations.server";
import { answerSpeakerInvitation, findSpeakerInvitation } from "~/modules/speakers/response.server";
import type { InviteSpeakerInput } from "~/modules/speakers/speakers.schema";
import { useDatabase } from "~/utils/db.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";

const sentAt = new Date(`${testYear}-11-21T10:00:00Z`);

describe.each(testDrivers())("speaker data follows the network's retention on %s", (driver) => {
  let database: TestDatabase;
  let networkId: string;
  let organiserId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    networkId = (await createNetwork(database.db, "kept")).id;
    await database.db.updateTable("networks").set({ anonymise_after_days: 10 }).where("id", "=", networkId).execute();
    organiserId = (await createUser(database.db, { email: "olga@kept.org", networkId, role: "organiser" })).id;
  });
  afterAll(() => database.drop());

  async function acceptedSpeaker(title: string, day: string, email: string) {
    const { id } = await database.db
      .insertInto("events")
      .values({
        network_id: networkId,
        title,
        time_zone: "Europe/Amsterdam",
        starts_at: `${day}T13:00:00Z`,
        ends_at: `${day}T17:00:00Z`,
        status: "published",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const event = (await findSpeakerEvent(database.db, networkId, id))!;
    const values: InviteSpeakerInput = {
      name: "Alice Martin",
      email,
      role: "speaker",
      sessionTitle: "Peer naloxone distribution",
      slotStart: `${day}T14:00`,
      slotEnd: `${day}T14:45`,
      message: "We would love to hear you.",
      locale: "en",
      replyBy: `${testYear}-12-01`,
    };
    await inviteSpeaker(database.db, { event, inviterId: organiserId, values, now: sentAt });
    const mail = await database.db
      .selectFrom("email_outbox")
      .select("text_body")
      .where("to_address", "=", email)
      .where("kind", "=", "speaker-invitation")
      .executeTakeFirstOrThrow();
    const token = mail.text_body.match(/\/speak\/([A-Za-z0-9_-]{43})/)![1]!;
    const answered = await answerSpeakerInvitation(database.db, {
      token,
      now: sentAt,
      answer: {
        answer: "accept",
        note: "Arriving by night train",
        displayName: "Al",
        pronouns: "she/her",
        organisation: "Peer Network",
        bio: "Harm reduction worker, formerly in prison.",
        consentListName: true,
        consentPhotos: true,
        consentRecording: false,
        needsTravel: "Train from Lyon",
        needsAccessibility: "Step-free access",
        needsInterpretation: "",
      },
    });
    expect(answered.ok).toBe(true);
    return { eventId: id, token };
  }

  test("an invitation loses its personal data, links and messages once the event ended longer ago than the network keeps data", async () => {
    const past = await acceptedSpeaker("Closed panel", `${testYear}-12-10`, "alice@example.org");
    const later = await acceptedSpeaker("Later panel", `${testYear}-12-30`, "bob@example.org");
    const messagesAbout = (eventId: string) =>
      database.db
        .selectFrom("email_outbox as o")
        .innerJoin("speaker_invitation_emails as l", "l.outbox_id", "o.id")
        .innerJoin("speaker_invitations as s", "s.id", "l.invitation_id")
        .select(["o.kind", "o.to_address", "o.text_body", "o.attachments"])
        .where("s.event_id", "=", eventId)
        .orderBy("o.kind")
        .execute();
    // The invitation, the calendar entry to the speaker and the answer to the organiser, who reads the needs.
    expect((await messagesAbout(past.eventId)).map((m) => [m.kind, m.to_address])).toEqual([
      ["speaker-answer", "olga@kept.org"],
      ["speaker-calendar", "alice@example.org"],
      ["speaker-invitation", "alice@example.org"],
    ]);

    // Nine days after the end: still kept. Ten days after: gone.
    await runMaintenance(database.db, new Date(`${testYear}-12-19T17:00:00Z`));
    expect(await findSpeakerInvitation(database.db, past.token)).toBeDefined();
    await runMaintenance(database.db, new Date(`${testYear}-12-20T17:00:00Z`));

    const [row] = await database.db.selectFrom("speaker_invitations").selectAll().where("event_id", "=", past.eventId).execute();
    expect(row).toMatchObject({
      name: "",
      email: "",
      display_name: "",
      pronouns: "",
      organisation: "",
      bio: "",
      message: "",
      response_note: "",
      needs_travel: "",
      needs_accessibility: "",
      needs_interpretation: "",
      consent_list_name: false,
      consent_photos: false,
      status: "accepted",
      session_title: "Peer naloxone distribution",
      anonymised_at: new Date(`${testYear}-12-20T17:00:00Z`),
    });
    expect(await findSpeakerInvitation(database.db, past.token)).toBeUndefined();
    expect(
      await database.db.selectFrom("speaker_invitation_links").select("token_hash").where("invitation_id", "=", row!.id).execute(),
    ).toEqual([]);
    expect(await messagesAbout(past.eventId)).toEqual([
      { kind: "speaker-answer", to_address: "", text_body: "", attachments: [] },
      { kind: "speaker-calendar", to_address: "", text_body: "", attachments: [] },
      { kind: "speaker-invitation", to_address: "", text_body: "", attachments: [] },
    ]);
    const everything = JSON.stringify(await database.db.selectFrom("email_outbox").selectAll().execute());
    expect(everything).not.toContain("Step-free access");
    expect(everything).not.toContain("alice@example.org");
    expect(
      await database.db
        .selectFrom("audit_log")
        .select(["action", "subject_id", "details"])
        .where("action", "=", "speakers.anonymised")
        .execute(),
    ).toEqual([{ action: "speakers.anonymised", subject_id: past.eventId, details: { invitations: 1, messages: 3 } }]);

    // The later event's speaker keeps everything, and the link still opens.
    expect(await findSpeakerInvitation(database.db, later.token)).toMatchObject({
      invitation: { email: "bob@example.org", needs_accessibility: "Step-free access", anonymised_at: null },
    });
  });
});
