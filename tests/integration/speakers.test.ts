import ICAL from "ical.js";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "~db/types";
import { handleEventChanged } from "~/jobs/event-changed.server";
import { speakerSessionsFeed } from "~/modules/speakers/calendar.server";
import { findSpeakerEvent, type SpeakerEvent } from "~/modules/speakers/context.server";
import {
  changeSlot,
  inviteSpeaker,
  listEventInvitations,
  markNeedsHandled,
  resendInvitation,
  withdrawInvitation,
} from "~/modules/speakers/invitations.server";
import { listCampaignInvitations } from "~/modules/speakers/overview.server";
import { listPublicSpeakers } from "~/modules/speakers/public.server";
import { answerSpeakerInvitation, openSpeakerLink } from "~/modules/speakers/response.server";
import type { InviteSpeakerInput, SpeakerAnswer } from "~/modules/speakers/speakers.schema";
import { useDatabase } from "~/utils/db.server";
import { hashToken } from "~/utils/tokens.server";
import * as eventSpeakersRoute from "~/routes/n.$network.events_.$eventId_.speakers";
import * as publicRoute from "~/routes/n.$network.events_.$eventId_.speakers_.public";
import * as speakRoute from "~/routes/speak.$token";
import * as feedRoute from "~/routes/speak.$token_.sessions[.]ics";
import * as slotRoute from "~/routes/speak.$token_.slot[.]ics";
import { seedDemoSpeakers } from "~db/seed/demo-speakers";
import { testYear } from "../support/calendar";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";

const appUrl = "http://localhost:3000";
/** What server.mjs hands every route. */
const context = { clientAddress: "192.0.2.1" };
/** The clock of these tests: invitations are sent at this instant. */
const sentAt = new Date(`${testYear}-11-21T10:00:00Z`);

async function createEvent(
  db: Kysely<Database>,
  networkId: string,
  values: { title: string; startsAt: string; endsAt: string; campaignId?: string },
): Promise<SpeakerEvent> {
  const { id } = await db
    .insertInto("events")
    .values({
      network_id: networkId,
      campaign_id: values.campaignId ?? null,
      title: values.title,
      time_zone: "Europe/Amsterdam",
      starts_at: values.startsAt,
      ends_at: values.endsAt,
      status: "published",
      venue_name: "Community centre",
      city: "Amsterdam",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return (await findSpeakerEvent(db, networkId, id))!;
}

function invite(overrides: Partial<InviteSpeakerInput> = {}): InviteSpeakerInput {
  return {
    name: "Alice Martin",
    email: "alice@example.org",
    role: "speaker",
    sessionTitle: "Peer naloxone distribution",
    slotStart: `${testYear}-12-10T14:00`,
    slotEnd: `${testYear}-12-10T14:45`,
    message: "We would love to hear you.",
    locale: "en",
    replyBy: `${testYear}-12-05`,
    ...overrides,
  };
}

const acceptAs = (displayName: string, consents: Partial<SpeakerAnswer> = {}): SpeakerAnswer => ({
  answer: "accept",
  note: "",
  displayName,
  pronouns: "she/her",
  organisation: "Peer Network",
  bio: "Harm reduction worker.",
  consentListName: true,
  consentPhotos: false,
  consentRecording: false,
  needsTravel: "",
  needsAccessibility: "",
  needsInterpretation: "",
  ...consents,
});

async function outbox(db: Kysely<Database>, to: string) {
  return db
    .selectFrom("email_outbox")
    .select(["kind", "subject", "text_body", "attachments", "locale"])
    .where("to_address", "=", to)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/** The private link in the newest invitation or reminder sent to an address. */
async function tokenSentTo(db: Kysely<Database>, to: string): Promise<string> {
  const messages = (await outbox(db, to)).filter((m) => m.kind === "speaker-invitation" || m.kind === "speaker-reminder");
  const match = messages.at(-1)?.text_body.match(/\/speak\/([A-Za-z0-9_-]{43})/);
  if (!match?.[1]) throw new Error(`no speaker link sent to ${to}`);
  return match[1];
}

function calendarOf(attachment: { contentBase64: string }) {
  const text = Buffer.from(attachment.contentBase64, "base64").toString("utf8");
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  return {
    method: calendar.getFirstPropertyValue("method"),
    uid: vevent.getFirstPropertyValue("uid"),
    sequence: vevent.getFirstPropertyValue("sequence"),
    status: vevent.getFirstPropertyValue("status"),
    start: (vevent.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
    end: (vevent.getFirstPropertyValue("dtend") as ICAL.Time).toJSDate().toISOString(),
    summary: vevent.getFirstPropertyValue("summary"),
  };
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    const value = await promise;
    if (value instanceof Response) return value.status;
    const init = (value as { init?: { status?: number } } | null)?.init;
    return init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    const data = thrown as { type?: string; init?: { status?: number } };
    if (data.type === "DataWithResponseInit") return data.init?.status ?? 500;
    throw thrown;
  }
}

describe("speaker invitations", () => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let network: { id: string; slug: string };
  let organiser: { id: string };
  let event: SpeakerEvent;

  beforeAll(async () => {
    database = await createTestDatabase();
    useDatabase(database);
    db = database.db;
    network = await createNetwork(db, "speakers", "Harm Reduction Network");
    organiser = await createUser(db, { email: "olga@example.org", name: "Olga", networkId: network.id, role: "organiser" });
    event = await createEvent(db, network.id, {
      title: "Naloxone saves lives",
      startsAt: `${testYear}-12-10T13:00:00Z`,
      endsAt: `${testYear}-12-10T17:00:00Z`,
    });
  });
  afterAll(() => database.drop());

  test("the invitation e-mail carries a private link whose token is stored only as a hash", async () => {
    const outcome = await inviteSpeaker(db, {
      event,
      inviterId: organiser.id,
      values: invite({ email: "Ines@Example.org", name: "Inès" }),
      now: sentAt,
    });
    expect(outcome.ok).toBe(true);
    const [message] = await outbox(db, "ines@example.org");
    expect(message).toMatchObject({ kind: "speaker-invitation", locale: "en", subject: "Invitation to speak: Naloxone saves lives" });
    expect(message!.text_body).toContain("Harm Reduction Network invites you to take part as speaker in Naloxone saves lives.");
    expect(message!.text_body).toContain(
      `When: Dec 10, ${testYear}, 2:00\u2009–\u20096:00\u202fPM (Europe/Amsterdam)\nSession: Peer naloxone distribution\n` +
        `Your slot: Dec 10, ${testYear}, 2:00\u2009–\u20092:45\u202fPM (Europe/Amsterdam)`,
    );
    expect(message!.text_body).toContain(`Please answer by December 5, ${testYear}.`);
    const token = await tokenSentTo(db, "ines@example.org");
    const links = await db.selectFrom("speaker_invitation_links").select("token_hash").execute();
    expect(links.map((link) => link.token_hash)).toContain(hashToken(token));
    expect(JSON.stringify(await db.selectFrom("speaker_invitations").selectAll().execute())).not.toContain(token);
  });

  test("a slot outside the event, or a reply-by date after it starts, is refused beside the field", async () => {
    expect(
      await inviteSpeaker(db, {
        event,
        inviterId: organiser.id,
        values: invite({ slotStart: `${testYear}-12-10T18:30`, slotEnd: `${testYear}-12-10T19:00` }),
        now: sentAt,
      }),
    ).toEqual({ ok: false, fieldErrors: { slotStart: ["speakers.validation.slotOutsideEvent"] } });
    expect(
      await inviteSpeaker(db, { event, inviterId: organiser.id, values: invite({ replyBy: `${testYear}-12-11` }), now: sentAt }),
    ).toEqual({
      ok: false,
      fieldErrors: { replyBy: ["speakers.validation.replyByAfterEvent"] },
    });
  });

  test("a token for one invitation can neither read nor change another", async () => {
    await inviteSpeaker(db, { event, inviterId: organiser.id, values: invite({ email: "ana@example.org", name: "Ana" }), now: sentAt });
    await inviteSpeaker(db, {
      event,
      inviterId: organiser.id,
      values: invite({ email: "ben@example.org", name: "Ben", sessionTitle: "Ben's secret topic" }),
      now: sentAt,
    });
    const anaToken = await tokenSentTo(db, "ana@example.org");
    const benToken = await tokenSentTo(db, "ben@example.org");

    const anaView = await openSpeakerLink(db, anaToken, sentAt);
    expect(anaView.kind === "open" && [anaView.invitation.email, anaView.invitation.session_title]).toEqual([
      "ana@example.org",
      "Peer naloxone distribution",
    ]);

    // Ana's page, posted with Ben's invitation id smuggled in: only Ana's answer changes.
    const form = new URLSearchParams({ answer: "decline", note: "Not available", invitationId: "x", id: "y" });
    const response = await status(
      speakRoute.action({
        request: new Request(`${appUrl}/speak/${anaToken}`, { method: "POST", body: form }),
        params: { token: anaToken },
        context,
      }),
    );
    expect(response).toBe(302);
    const rows = await db
      .selectFrom("speaker_invitations")
      .select(["email", "status", "response_note"])
      .where("email", "in", ["ana@example.org", "ben@example.org"])
      .orderBy("email")
      .execute();
    expect(rows).toEqual([
      { email: "ana@example.org", status: "declined", response_note: "Not available" },
      { email: "ben@example.org", status: "invited", response_note: "" },
    ]);

    // Ana's page and files show nothing of Ben's.
    const page = await speakRoute.loader({ request: new Request(`${appUrl}/speak/${anaToken}`), params: { token: anaToken }, context });
    expect(JSON.stringify(page)).not.toContain("Ben");
    const slot = (await slotRoute.loader({ request: new Request(`${appUrl}/x`), params: { token: anaToken }, context })) as Response;
    expect(await slot.text()).not.toContain("Ben's secret topic");

    // A link that is not one of ours opens nothing.
    const stranger = "A".repeat(43);
    expect(await openSpeakerLink(db, stranger)).toEqual({ kind: "unknown" });
    expect(await answerSpeakerInvitation(db, { token: stranger, answer: acceptAs("Me") })).toEqual({
      ok: false,
      state: { kind: "unknown" },
    });
    const statuses = await Promise.all([
      status(speakRoute.loader({ request: new Request(`${appUrl}/speak/${stranger}`), params: { token: stranger }, context })),
      status(speakRoute.loader({ request: new Request(`${appUrl}/speak/short`), params: { token: "short" }, context })),
      status(slotRoute.loader({ request: new Request(`${appUrl}/x`), params: { token: stranger }, context })),
      status(feedRoute.loader({ request: new Request(`${appUrl}/x`), params: { token: stranger }, context })),
      status(feedRoute.loader({ request: new Request(`${appUrl}/x`), params: { token: benToken }, context })),
    ]);
    expect(statuses).toEqual([404, 404, 404, 404, 200]);
  });

  test("accepting with a pseudonym: the organiser is told, the speaker gets a REQUEST, the public sees only the consented profile", async () => {
    await inviteSpeaker(db, {
      event,
      inviterId: organiser.id,
      values: invite({ email: "carla@example.org", name: "Carla Legalname" }),
      now: sentAt,
    });
    const token = await tokenSentTo(db, "carla@example.org");
    const answeredAt = new Date(`${testYear}-11-22T09:00:00Z`);
    expect(
      await answerSpeakerInvitation(db, {
        token,
        answer: acceptAs("Ace", { pronouns: "", needsAccessibility: "Step-free access please" }),
        now: answeredAt,
      }),
    ).toEqual({ ok: true, status: "accepted" });

    const toOrganiser = (await outbox(db, "olga@example.org")).filter((m) => m.kind === "speaker-answer").at(-1)!;
    expect(toOrganiser.subject).toBe("Carla Legalname (Ace) accepted to speak at Naloxone saves lives");
    expect(toOrganiser.text_body).toContain("They shared needs for the organisers: see them on the speakers page.");
    expect(toOrganiser.text_body).not.toContain("Step-free");
    expect(toOrganiser.text_body).toContain(`${appUrl}/n/speakers/events/${event.id}/speakers`);

    const calendarMail = (await outbox(db, "carla@example.org")).find((m) => m.kind === "speaker-calendar")!;
    expect(calendarMail.subject).toBe("Your session at Naloxone saves lives: in your calendar");
    const invitationId = (
      await db.selectFrom("speaker_invitations").select("id").where("email", "=", "carla@example.org").executeTakeFirstOrThrow()
    ).id;
    expect(calendarOf(calendarMail.attachments[0]!)).toEqual({
      method: "REQUEST",
      uid: `speaker-${invitationId}@localhost`,
      sequence: 1,
      status: "CONFIRMED",
      start: `${testYear}-12-10T13:00:00.000Z`,
      end: `${testYear}-12-10T13:45:00.000Z`,
      summary: "Peer naloxone distribution · Naloxone saves lives",
    });

    const publicSpeakers = await listPublicSpeakers(db, event.id);
    expect(publicSpeakers).toEqual([
      {
        id: invitationId,
        displayName: "Ace",
        pronouns: "",
        organisation: "Peer Network",
        bio: "Harm reduction worker.",
        role: "speaker",
        sessionTitle: "Peer naloxone distribution",
        slotStartsAt: `${testYear}-12-10T13:00:00.000Z`,
        slotEndsAt: `${testYear}-12-10T13:45:00.000Z`,
        photosAllowed: false,
        recordingAllowed: false,
      },
    ]);
    expect(JSON.stringify(publicSpeakers)).not.toMatch(/Legalname|carla@|Step-free/);

    const row = (await listEventInvitations(db, event, answeredAt)).find((r) => r.id === invitationId)!;
    expect([row.state, row.actions, row.needs]).toEqual([
      "accepted",
      ["needs"],
      { travel: "", accessibility: "Step-free access please", interpretation: "", handled: false },
    ]);
    expect(await markNeedsHandled(db, { event, invitationId, now: answeredAt })).toBe("done");
    expect((await listEventInvitations(db, event, answeredAt)).find((r) => r.id === invitationId)!.actions).toEqual([]);

    // The feed behind Carla's link lists her session.
    const feed = await speakerSessionsFeed(db, token, answeredAt);
    expect(feed).toContain(`UID:speaker-${invitationId}@localhost`);

    // Changing her mind to "no" takes the entry off her calendar and her profile off the page.
    await answerSpeakerInvitation(db, { token, answer: { ...acceptAs(""), answer: "decline", note: "Sorry, ill" }, now: answeredAt });
    const cancel = (await outbox(db, "carla@example.org")).filter((m) => m.kind === "speaker-calendar").at(-1)!;
    expect([cancel.subject, calendarOf(cancel.attachments[0]!).method, calendarOf(cancel.attachments[0]!).sequence]).toEqual([
      "Your session at Naloxone saves lives is off your calendar",
      "CANCEL",
      2,
    ]);
    expect(await listPublicSpeakers(db, event.id)).toEqual([]);
    const declined = await db
      .selectFrom("speaker_invitations")
      .select(["display_name", "needs_accessibility", "consent_list_name", "response_note"])
      .where("id", "=", invitationId)
      .executeTakeFirstOrThrow();
    expect(declined).toEqual({ display_name: "", needs_accessibility: "", consent_list_name: false, response_note: "Sorry, ill" });
    expect((await outbox(db, "olga@example.org")).filter((m) => m.kind === "speaker-answer").at(-1)!.subject).toBe(
      "Carla Legalname declined to speak at Naloxone saves lives",
    );
  });

  test("slot and event changes update the accepted speaker's entry with a higher SEQUENCE, once per change", async () => {
    const moving = await createEvent(db, network.id, {
      title: "Drug checking forum",
      startsAt: `${testYear}-12-12T09:00:00Z`,
      endsAt: `${testYear}-12-12T16:00:00Z`,
    });
    await inviteSpeaker(db, {
      event: moving,
      inviterId: organiser.id,
      values: invite({ email: "dan@example.org", name: "Dan", slotStart: "", slotEnd: "" }),
      now: sentAt,
    });
    const token = await tokenSentTo(db, "dan@example.org");
    await answerSpeakerInvitation(db, { token, answer: acceptAs("Dan"), now: sentAt });
    const invitationId = (
      await db.selectFrom("speaker_invitations").select("id").where("email", "=", "dan@example.org").executeTakeFirstOrThrow()
    ).id;
    const calendars = async () =>
      (await outbox(db, "dan@example.org")).filter((m) => m.kind === "speaker-calendar").map((m) => calendarOf(m.attachments[0]!));

    expect((await calendars()).map((c) => [c.method, c.sequence, c.start, c.end])).toEqual([
      ["REQUEST", 1, `${testYear}-12-12T09:00:00.000Z`, `${testYear}-12-12T16:00:00.000Z`],
    ]);

    expect(
      await changeSlot(db, {
        event: moving,
        invitationId,
        actorId: organiser.id,
        slotStart: `${testYear}-12-12T11:00`,
        slotEnd: `${testYear}-12-12T12:00`,
        now: sentAt,
      }),
    ).toBe("done");

    await db
      .updateTable("events")
      .set({ starts_at: `${testYear}-12-12T08:00:00Z`, sequence: 1 })
      .where("id", "=", moving.id)
      .execute();
    await handleEventChanged(db, { eventId: moving.id, sequence: 1, change: "rescheduled" });
    await handleEventChanged(db, { eventId: moving.id, sequence: 1, change: "rescheduled" });

    await db.updateTable("events").set({ status: "cancelled", sequence: 2 }).where("id", "=", moving.id).execute();
    await handleEventChanged(db, { eventId: moving.id, sequence: 2, change: "cancelled" });
    await handleEventChanged(db, { eventId: moving.id, sequence: 2, change: "cancelled" });

    expect((await calendars()).map((c) => [c.method, c.sequence, c.uid, c.start])).toEqual([
      ["REQUEST", 1, `speaker-${invitationId}@localhost`, `${testYear}-12-12T09:00:00.000Z`],
      ["REQUEST", 2, `speaker-${invitationId}@localhost`, `${testYear}-12-12T10:00:00.000Z`],
      ["REQUEST", 3, `speaker-${invitationId}@localhost`, `${testYear}-12-12T10:00:00.000Z`],
      ["CANCEL", 4, `speaker-${invitationId}@localhost`, `${testYear}-12-12T10:00:00.000Z`],
    ]);
    const closed = await openSpeakerLink(db, token, sentAt);
    expect(closed).toEqual({
      kind: "closed",
      reason: "cancelled",
      eventTitle: "Drug checking forum",
      networkName: "Harm Reduction Network",
    });
  });

  test("a withdrawn invitation tells the speaker and its links say so (410); an event that started makes them expire", async () => {
    await inviteSpeaker(db, { event, inviterId: organiser.id, values: invite({ email: "eve@example.org", name: "Eve" }), now: sentAt });
    const token = await tokenSentTo(db, "eve@example.org");
    const invitationId = (
      await db.selectFrom("speaker_invitations").select("id").where("email", "=", "eve@example.org").executeTakeFirstOrThrow()
    ).id;
    expect(await resendInvitation(db, { event, invitationId, actorId: organiser.id, now: sentAt })).toBe("done");
    const resentToken = await tokenSentTo(db, "eve@example.org");
    expect(resentToken).not.toBe(token);
    // Both links open the same invitation.
    for (const link of [token, resentToken]) {
      const state = await openSpeakerLink(db, link, sentAt);
      expect(state.kind === "open" && state.invitation.id).toBe(invitationId);
    }

    expect(await withdrawInvitation(db, { event, invitationId, actorId: organiser.id, now: sentAt })).toBe("done");
    expect((await outbox(db, "eve@example.org")).map((m) => m.subject)).toEqual([
      "Invitation to speak: Naloxone saves lives",
      "Invitation to speak (sent again): Naloxone saves lives",
      "Invitation withdrawn: Naloxone saves lives",
    ]);
    expect(await openSpeakerLink(db, token, sentAt)).toEqual({
      kind: "closed",
      reason: "withdrawn",
      eventTitle: "Naloxone saves lives",
      networkName: "Harm Reduction Network",
    });
    const page = await status(
      speakRoute.loader({ request: new Request(`${appUrl}/speak/${resentToken}`), params: { token: resentToken }, context }),
    );
    expect(page).toBe(410);
    expect(await answerSpeakerInvitation(db, { token, answer: acceptAs("Eve"), now: sentAt })).toMatchObject({
      ok: false,
      state: { reason: "withdrawn" },
    });
    expect(await withdrawInvitation(db, { event, invitationId, actorId: organiser.id, now: sentAt })).toBe("closed");

    // An accepted speaker who is withdrawn gets one message, carrying the CANCEL of their entry.
    await inviteSpeaker(db, { event, inviterId: organiser.id, values: invite({ email: "gil@example.org", name: "Gil" }), now: sentAt });
    await answerSpeakerInvitation(db, { token: await tokenSentTo(db, "gil@example.org"), answer: acceptAs("Gil"), now: sentAt });
    const gilId = (await db.selectFrom("speaker_invitations").select("id").where("email", "=", "gil@example.org").executeTakeFirstOrThrow())
      .id;
    await withdrawInvitation(db, { event, invitationId: gilId, actorId: organiser.id, now: sentAt });
    const gilMail = await outbox(db, "gil@example.org");
    expect(gilMail.map((m) => m.kind)).toEqual(["speaker-invitation", "speaker-calendar", "speaker-withdrawn"]);
    const withdrawal = gilMail[2]!;
    expect(withdrawal.text_body).toContain("The attached calendar file removes the session from your calendar.");
    expect([calendarOf(withdrawal.attachments[0]!).method, calendarOf(withdrawal.attachments[0]!).sequence]).toEqual(["CANCEL", 2]);

    await inviteSpeaker(db, { event, inviterId: organiser.id, values: invite({ email: "fay@example.org", name: "Fay" }), now: sentAt });
    const fayToken = await tokenSentTo(db, "fay@example.org");
    const started = new Date(`${testYear}-12-10T13:00:00Z`);
    expect(await openSpeakerLink(db, fayToken, started)).toMatchObject({ kind: "closed", reason: "expired" });
  });

  test("organisers only, on their own network's events; malformed input answers 400 or 404, never 500", async () => {
    const partner = await createUser(db, { email: "pat@example.org", networkId: network.id, role: "partner" });
    const elsewhere = await createNetwork(db, "elsewhere");
    const foreign = await createEvent(db, elsewhere.id, {
      title: "Not yours",
      startsAt: `${testYear}-12-20T10:00:00Z`,
      endsAt: `${testYear}-12-20T12:00:00Z`,
    });
    const url = (eventId: string) => `${appUrl}/n/speakers/events/${eventId}/speakers`;
    const load = async (userId: string, eventId: string) =>
      status(
        eventSpeakersRoute.loader({
          request: await signedInRequest(db, userId, url(eventId)),
          params: { network: "speakers", eventId },
          context,
        }),
      );
    const post = async (body: BodyInit, headers: Record<string, string> = {}) =>
      status(
        eventSpeakersRoute.action({
          request: await signedInRequest(db, organiser.id, url(event.id), { method: "POST", body, headers }),
          params: { network: "speakers", eventId: event.id },
          context,
        }),
      );
    expect([
      await load(organiser.id, event.id),
      await load(partner.id, event.id),
      await load(organiser.id, foreign.id),
      await load(organiser.id, "not-a-uuid"),
      await post(new URLSearchParams({ intent: "withdraw", invitationId: "nope" })),
      await post(new URLSearchParams({ intent: "resend", invitationId: foreign.id })),
      await post(new URLSearchParams({ intent: "invite", email: "not an address" })),
      await post("{", { "Content-Type": "application/json" }),
    ]).toEqual([200, 403, 404, 404, 400, 404, 400, 400]);

    // The public speakers page follows the event's own visibility.
    const hidden = await createEvent(db, network.id, {
      title: "Partners only",
      startsAt: `${testYear}-12-21T10:00:00Z`,
      endsAt: `${testYear}-12-21T12:00:00Z`,
    });
    await db.updateTable("events").set({ visibility: "partners" }).where("id", "=", hidden.id).execute();
    const draft = await createEvent(db, network.id, {
      title: "Draft",
      startsAt: `${testYear}-12-22T10:00:00Z`,
      endsAt: `${testYear}-12-22T12:00:00Z`,
    });
    await db.updateTable("events").set({ status: "draft" }).where("id", "=", draft.id).execute();
    const readPublic = async (eventId: string, userId?: string) => {
      const address = `${appUrl}/n/speakers/events/${eventId}/speakers/public`;
      const request = userId ? await signedInRequest(db, userId, address) : new Request(address);
      return status(publicRoute.loader({ request, params: { network: "speakers", eventId }, context }));
    };
    expect([
      await readPublic(event.id),
      await readPublic(hidden.id),
      await readPublic(hidden.id, partner.id),
      await readPublic(draft.id),
      await readPublic(draft.id, partner.id),
      await readPublic(draft.id, organiser.id),
      await readPublic(foreign.id),
      await readPublic("1234"),
    ]).toEqual([200, 404, 200, 404, 404, 200, 404, 404]);
  });

  test("the campaign view lists every invitation of its events with state and last contact", async () => {
    const campaign = await db
      .insertInto("campaigns")
      .values({ network_id: network.id, slug: `idud-${testYear}`, title: "International Drug Users' Day" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const first = await createEvent(db, network.id, {
      title: "Day one",
      startsAt: `${testYear}-12-14T10:00:00Z`,
      endsAt: `${testYear}-12-14T12:00:00Z`,
      campaignId: campaign.id,
    });
    const second = await createEvent(db, network.id, {
      title: "Day two",
      startsAt: `${testYear}-12-15T10:00:00Z`,
      endsAt: `${testYear}-12-15T12:00:00Z`,
      campaignId: campaign.id,
    });
    await inviteSpeaker(db, {
      event: first,
      inviterId: organiser.id,
      values: invite({ email: "gus@example.org", name: "Gus", slotStart: "", slotEnd: "" }),
      now: sentAt,
    });
    await inviteSpeaker(db, {
      event: second,
      inviterId: organiser.id,
      values: invite({ email: "gus@example.org", name: "Gus", slotStart: "", slotEnd: "" }),
      now: sentAt,
    });
    const token = await tokenSentTo(db, "gus@example.org");
    await answerSpeakerInvitation(db, { token, answer: { ...acceptAs("Gus"), answer: "maybe", note: "Depends on funding" }, now: sentAt });

    const view = await listCampaignInvitations(db, network.id, `idud-${testYear}`, new Date(`${testYear}-12-16T00:00:00Z`));
    expect(view!.campaign.title).toBe("International Drug Users' Day");
    expect(
      view!.groups.map((group) => [group.event.title, group.invitations.map((i) => [i.name, i.state, i.lastContactAt, i.actions])]),
    ).toEqual([
      ["Day one", [["Gus", "invited", `${testYear}-11-21T10:00:00.000Z`, ["overdue"]]]],
      ["Day two", [["Gus", "tentative", `${testYear}-11-21T10:00:00.000Z`, ["maybe"]]]],
    ]);
    expect(await listCampaignInvitations(db, network.id, "no-such-campaign")).toBeUndefined();
  });

  test("the personal feed behind a speaker's link holds that person's sessions across events, privately", async () => {
    const second = await createEvent(db, network.id, {
      title: "Hepatitis testing day",
      startsAt: `${testYear}-12-18T10:00:00Z`,
      endsAt: `${testYear}-12-18T12:00:00Z`,
    });
    for (const target of [event, second]) {
      await inviteSpeaker(db, {
        event: target,
        inviterId: organiser.id,
        values: invite({ email: "hana@example.org", name: "Hana", slotStart: "", slotEnd: "" }),
        now: sentAt,
      });
      await answerSpeakerInvitation(db, { token: await tokenSentTo(db, "hana@example.org"), answer: acceptAs("Hana"), now: sentAt });
    }
    const hanaIds = (
      await db.selectFrom("speaker_invitations").select("id").where("email", "=", "hana@example.org").orderBy("created_at").execute()
    ).map((row) => row.id);
    const token = await tokenSentTo(db, "hana@example.org");
    const response = (await feedRoute.loader({
      request: new Request(`${appUrl}/speak/${token}/sessions.ics`),
      params: { token },
      context,
    })) as Response;
    expect([response.status, response.headers.get("Content-Type"), response.headers.get("Cache-Control")]).toEqual([
      200,
      "text/calendar; charset=utf-8",
      "private, no-store",
    ]);
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    expect(
      calendar
        .getAllSubcomponents("vevent")
        .map((vevent) => [vevent.getFirstPropertyValue("uid"), vevent.getFirstPropertyValue("summary")]),
    ).toEqual([
      [`speaker-${hanaIds[0]}@localhost`, "Peer naloxone distribution · Naloxone saves lives"],
      [`speaker-${hanaIds[1]}@localhost`, "Peer naloxone distribution · Hepatitis testing day"],
    ]);
  });

  test("the demo seed invites speakers to the first published upcoming events only", async () => {
    const demo = await createNetwork(db, "demo-speakers");
    const draft = await createEvent(db, demo.id, {
      title: "Draft",
      startsAt: `${testYear}-12-01T10:00:00Z`,
      endsAt: `${testYear}-12-01T12:00:00Z`,
    });
    await db.updateTable("events").set({ status: "draft" }).where("id", "=", draft.id).execute();
    const first = await createEvent(db, demo.id, {
      title: "First",
      startsAt: `${testYear}-12-02T10:00:00Z`,
      endsAt: `${testYear}-12-02T12:00:00Z`,
    });
    const second = await createEvent(db, demo.id, {
      title: "Second",
      startsAt: `${testYear}-12-03T10:00:00Z`,
      endsAt: `${testYear}-12-03T12:00:00Z`,
    });
    await createEvent(db, demo.id, { title: "Third", startsAt: `${testYear}-12-04T10:00:00Z`, endsAt: `${testYear}-12-04T12:00:00Z` });
    await seedDemoSpeakers(db, demo.id, sentAt);
    const seeded = await db
      .selectFrom("speaker_invitations")
      .innerJoin("events", "events.id", "speaker_invitations.event_id")
      .select(["events.title", "speaker_invitations.status"])
      .where("speaker_invitations.network_id", "=", demo.id)
      .orderBy("events.starts_at")
      .orderBy("speaker_invitations.name", "desc")
      .execute();
    expect(seeded.map((row) => [row.title, row.status])).toEqual([
      ["First", "accepted"],
      ["First", "invited"],
      ["First", "tentative"],
      ["Second", "accepted"],
      ["Second", "invited"],
      ["Second", "tentative"],
    ]);
    expect((await listPublicSpeakers(db, first.id)).map((speaker) => speaker.displayName)).toEqual(["Rosa R."]);
    expect((await listPublicSpeakers(db, second.id)).map((speaker) => speaker.displayName)).toEqual(["Rosa R."]);
  });
});
