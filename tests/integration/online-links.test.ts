import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findSpeakerEvent } from "~/modules/speakers/context.server";
import { inviteSpeaker, withdrawInvitation } from "~/modules/speakers/invitations.server";
import { answerSpeakerInvitation } from "~/modules/speakers/response.server";
import { cancelRegistration, registerAttendee } from "~/modules/registrations/registrations.server";
import { loader as manageLoader } from "~/routes/registrations.$token";
import { loader as feedLoader } from "~/routes/registrations.$token_.calendar[.ics]";
import { loader as eventFileLoader } from "~/routes/registrations.$token_.event[.ics]";
import { loader as speakerPageLoader } from "~/routes/speak.$token";
import { loader as sessionsLoader } from "~/routes/speak.$token_.sessions[.]ics";
import { loader as slotLoader } from "~/routes/speak.$token_.slot[.]ics";
import { useDatabase } from "~/utils/db.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";
import { createPublishedEvent } from "../support/registration-fixtures";

const room = "https://meet.example.org/naloxone-secret";
const context = { clientAddress: "192.0.2.1" };
/** iCalendar folds long lines: join them again before searching. */
const unfold = (ics: string) => ics.replace(/\r?\n[ \t]/g, "");

describe.each(testDrivers())("online meeting links reach only the entitled on %s", (driver) => {
  let database: TestDatabase;
  let networkId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    networkId = (await createNetwork(database.db, "rooms")).id;
  });
  afterAll(() => database.drop());

  const mailTo = (to: string) =>
    database.db
      .selectFrom("email_outbox")
      .select(["kind", "text_body", "html_body", "attachments"])
      .where("to_address", "=", to)
      .orderBy("created_at")
      .execute();
  const lastToken = async (to: string, path: string) =>
    (await mailTo(to)).at(-1)!.text_body.match(new RegExp(`/${path}/([A-Za-z0-9_-]{43})`))![1]!;
  const text = async (response: Response) => ({ status: response.status, body: unfold(await response.text()) });
  const fileOf = async (loader: typeof eventFileLoader, token: string) =>
    text((await loader({ request: new Request(`http://localhost:3000/x/${token}`), params: { token }, context })) as Response);
  const attachmentsOf = (messages: { attachments: { contentBase64: string }[] }[]) =>
    unfold(messages.flatMap((m) => m.attachments.map((a) => Buffer.from(a.contentBase64, "base64").toString("utf8"))).join("\n"));

  test("a waitlisted or cancelled attendee's page, event.ics, feed and e-mails carry no link; a seat brings it", async () => {
    const event = await createPublishedEvent(database.db, networkId, { capacity: 1, online_url: room, mode: "hybrid" });
    const register = (email: string) =>
      registerAttendee(database.db, { networkId, eventId: event.id, email, name: "Kit", locale: "en", answers: {} });
    await register("seated@example.org");
    await register("waiting@example.org");
    const waiting = await lastToken("waiting@example.org", "registrations");
    const seated = await lastToken("seated@example.org", "registrations");

    const waitingFile = await fileOf(eventFileLoader, waiting);
    expect(waitingFile.status).toBe(200);
    expect(waitingFile.body).toContain("BEGIN:VEVENT");
    expect(waitingFile.body).not.toContain("meet.example.org");
    expect((await fileOf(feedLoader, waiting)).body).not.toContain("BEGIN:VEVENT");
    const waitingPage = (await manageLoader({
      request: new Request("http://localhost:3000/"),
      params: { token: waiting },
      context,
    })) as unknown as {
      data: { event: { onlineUrl: string | null } };
    };
    expect(waitingPage.data.event.onlineUrl).toBeNull();
    const waitingMail = await mailTo("waiting@example.org");
    expect(waitingMail.map((m) => m.kind)).toEqual(["registration-waitlisted"]);
    expect(JSON.stringify(waitingMail) + attachmentsOf(waitingMail)).not.toContain("meet.example.org");

    expect((await fileOf(eventFileLoader, seated)).body).toContain(room);
    expect((await fileOf(feedLoader, seated)).body).toContain(room);
    const seatedMail = await mailTo("seated@example.org");
    expect(seatedMail[0]!.text_body).toContain(room);
    expect(attachmentsOf(seatedMail)).toContain(room);

    // The seated person cancels: the waitlisted one gets the seat and, only now, the link.
    const seatedRow = await database.db
      .selectFrom("registrations")
      .select("id")
      .where("email", "=", "seated@example.org")
      .executeTakeFirstOrThrow();
    await cancelRegistration(database.db, seatedRow.id);
    const cancelledFile = await fileOf(eventFileLoader, seated);
    expect(cancelledFile.body).not.toContain("meet.example.org");
    const cancelledMail = (await mailTo("seated@example.org")).at(-1)!;
    expect(cancelledMail.kind).toBe("registration-cancelled");
    expect(JSON.stringify(cancelledMail) + attachmentsOf([cancelledMail])).not.toContain("meet.example.org");
    const promoted = (await mailTo("waiting@example.org")).at(-1)!;
    expect(promoted.kind).toBe("registration-confirmed");
    expect(promoted.text_body).toContain(room);
    expect((await fileOf(eventFileLoader, waiting)).body).toContain(room);
  });

  test("a speaker's page, slot.ics and feed carry the link only between acceptance and withdrawal", async () => {
    const organiser = await createUser(database.db, { email: "olga@rooms.org", networkId, role: "organiser" });
    const { id: eventId } = await database.db
      .insertInto("events")
      .values({
        network_id: networkId,
        title: "Online peer panel",
        time_zone: "Europe/Amsterdam",
        starts_at: `${testYear}-12-10T13:00:00Z`,
        ends_at: `${testYear}-12-10T17:00:00Z`,
        status: "published",
        mode: "online",
        online_url: room,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const event = (await findSpeakerEvent(database.db, networkId, eventId))!;
    const now = new Date(`${testYear}-11-21T10:00:00Z`);
    const invited = await inviteSpeaker(database.db, {
      event,
      inviterId: organiser.id,
      values: {
        name: "Alice",
        email: "alice@example.org",
        role: "speaker",
        sessionTitle: "Peer work online",
        slotStart: `${testYear}-12-10T14:00`,
        slotEnd: `${testYear}-12-10T14:45`,
        message: "",
        locale: "en",
        replyBy: `${testYear}-12-05`,
      },
      now,
    });
    expect(invited.ok).toBe(true);
    const token = await lastToken("alice@example.org", "speak");
    const page = async () =>
      (
        (await speakerPageLoader({ request: new Request(`http://localhost:3000/speak/${token}`), params: { token }, context })) as {
          page?: { event: { onlineUrl: string | null } };
        }
      ).page?.event.onlineUrl ?? null;

    expect((await fileOf(slotLoader, token)).body).not.toContain("meet.example.org");
    expect(await page()).toBeNull();

    const accepted = await answerSpeakerInvitation(database.db, {
      token,
      now,
      answer: {
        answer: "accept",
        note: "",
        displayName: "Alice",
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
    });
    expect(accepted.ok).toBe(true);
    expect(await page()).toBe(room);
    expect((await fileOf(slotLoader, token)).body).toContain(room);
    expect((await fileOf(sessionsLoader, token)).body).toContain(room);

    const invitation = await database.db
      .selectFrom("speaker_invitations")
      .select("id")
      .where("email", "=", "alice@example.org")
      .executeTakeFirstOrThrow();
    await withdrawInvitation(database.db, { event, invitationId: invitation.id, actorId: organiser.id, now });
    const slot = await fileOf(slotLoader, token);
    expect(slot.body).toContain("METHOD:CANCEL");
    expect(slot.body).not.toContain("meet.example.org");
    expect((await fileOf(sessionsLoader, token)).body).not.toContain("meet.example.org");
    const withdrawal = (await mailTo("alice@example.org")).at(-1)!;
    expect(JSON.stringify(withdrawal) + attachmentsOf([withdrawal])).not.toContain("meet.example.org");
  });
});
