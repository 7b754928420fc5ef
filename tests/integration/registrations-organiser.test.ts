import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  addQuestion,
  attendeesCsv,
  countRegistrations,
  listAttendees,
  listQuestions,
  messageAttendees,
} from "~/modules/registrations/organiser.server";
import { seedDemoRegistrations } from "~db/seed/demo-registrations";
import { findNetworkEvent } from "~/modules/registrations/events.server";
import { moveAttendee, registerAttendee } from "~/modules/registrations/registrations.server";
import { action as registerAction, loader as registerLoader } from "~/routes/n.$network.events_.$eventId_.register";
import { loader as attendeesLoader } from "~/routes/n.$network.events_.$eventId_.attendees";
import { useDatabase } from "~/utils/db.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";
import { createPublishedEvent } from "../support/registration-fixtures";

/** A thrown Response or data() as the status and message a reader would get. */
async function outcome(promise: Promise<unknown>) {
  try {
    const value = await promise;
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location") };
    const wrapped = value as { type?: string; init?: { status?: number }; data?: unknown };
    if (wrapped?.type === "DataWithResponseInit") return { status: wrapped.init?.status, data: wrapped.data };
    return { status: 200, data: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    const data = thrown as { type?: string; init?: { status?: number }; data?: { message?: string } };
    if (data.type === "DataWithResponseInit") return { status: data.init?.status, message: data.data?.message };
    throw thrown;
  }
}

describe.each(testDrivers())("organiser tools and the registration form on %s", (driver) => {
  let database: TestDatabase;
  let networkId: string;
  let eventId: string;
  let organiserId: string;
  let partnerId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    networkId = (await createNetwork(database.db, "tools")).id;
    organiserId = (await createUser(database.db, { email: "organiser@tools.org", networkId, role: "organiser" })).id;
    partnerId = (await createUser(database.db, { email: "partner@tools.org", networkId, role: "partner" })).id;
    eventId = (await createPublishedEvent(database.db, networkId, { capacity: 2, title: "Harm reduction café" })).id;
    await addQuestion(database.db, eventId, { label: "Dietary needs", kind: "short_text", required: false, options: [] });
    await addQuestion(database.db, eventId, { label: "Session", kind: "single_choice", required: true, options: ["Morning", "Evening"] });
  });
  afterAll(() => database.drop());

  const form = (fields: Record<string, string | string[]>) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(name, v);
    return body;
  };
  const url = () => `http://localhost:3000/n/tools/events/${eventId}/register`;
  const post = (body: FormData, clientAddress = "192.0.2.1") =>
    registerAction({
      request: new Request(url(), { method: "POST", body }),
      params: { network: "tools", eventId },
      context: { clientAddress },
    });

  test("the form registers with answers to the organiser's questions and answers with the check-your-inbox confirmation", async () => {
    const [dietary, session] = await listQuestions(database.db, eventId);
    const result = await outcome(
      post(
        form({
          name: "=Moth",
          email: "Moth@Example.org",
          locale: "fr",
          consent: "on",
          [`q_${dietary!.id}`]: "vegan",
          [`q_${session!.id}`]: "Evening",
        }),
      ),
    );
    expect(result.status).toBe(200);
    expect((result.data as { sentTo: string }).sentTo).toBe("moth@example.org");
    const [row] = await listAttendees(database.db, eventId);
    expect(row).toMatchObject({
      name: "=Moth",
      email: "moth@example.org",
      locale: "fr",
      status: "confirmed",
      answers: { [dietary!.id]: "vegan", [session!.id]: "Evening" },
    });
  });

  test("missing consent, a required answer or an unknown choice is refused with the field's message; a filled honeypot registers nobody", async () => {
    const [, session] = await listQuestions(database.db, eventId);
    const refused = await outcome(post(form({ name: "Ana", email: "ana@example.org", locale: "en", [`q_${session!.id}`]: "Midnight" })));
    expect(refused.status).toBe(400);
    expect((refused.data as { result: { error: Record<string, string[]> } }).result.error).toEqual({
      consent: ["registrations.validation.consent"],
      [`q_${session!.id}`]: ["registrations.validation.option"],
    });
    const robot = await outcome(
      post(
        form({
          name: "Bot",
          email: "bot@example.org",
          locale: "en",
          consent: "on",
          website: "http://spam",
          [`q_${session!.id}`]: "Morning",
        }),
      ),
    );
    expect(robot.status).toBe(400);
    expect((await listAttendees(database.db, eventId, "bot")).length).toBe(0);
  });

  test("malformed or foreign event ids answer 404, never 500", async () => {
    const other = await createNetwork(database.db, "tools-other");
    const foreign = await createPublishedEvent(database.db, other.id);
    const request = new Request("http://localhost:3000/n/tools/events/x/register");
    expect(
      await outcome(registerLoader({ request, params: { network: "tools", eventId: "not-a-uuid" }, context: { clientAddress: "::1" } })),
    ).toEqual({ status: 404, message: "errors.notFound" });
    expect(
      await outcome(registerLoader({ request, params: { network: "tools", eventId: foreign.id }, context: { clientAddress: "::1" } })),
    ).toEqual({ status: 404, message: "errors.notFound" });
  });

  test("attendee lists are for the network's organisers only", async () => {
    const listUrl = `http://localhost:3000/n/tools/events/${eventId}/attendees`;
    const asPartner = await signedInRequest(database.db, partnerId, listUrl);
    expect(
      await outcome(attendeesLoader({ request: asPartner, params: { network: "tools", eventId }, context: { clientAddress: "::1" } })),
    ).toEqual({ status: 403, message: "errors.forbidden" });
    const asOrganiser = await signedInRequest(database.db, organiserId, `${listUrl}?q=moth`);
    const loaded = await outcome(
      attendeesLoader({ request: asOrganiser, params: { network: "tools", eventId }, context: { clientAddress: "::1" } }),
    );
    expect((loaded.data as { attendees: { email: string }[] }).attendees.map((a) => a.email)).toEqual(["moth@example.org"]);
  });

  test("manual add, moves between lists, check-in, counts, CSV and a message to everyone with a seat", async () => {
    const add = (name: string, email: string) =>
      registerAttendee(database.db, { networkId, eventId, name, email, locale: "en", answers: {}, addedByOrganiser: true });
    const kim = await add("Kim", "kim@example.org");
    const lou = await add("Lou", "lou@example.org");
    expect([kim.ok && kim.status, lou.ok && lou.status, lou.ok && lou.position]).toEqual(["confirmed", "waitlisted", 1]);

    await moveAttendee(database.db, { eventId, registrationId: kim.ok ? kim.registrationId : "", status: "attended" });
    await moveAttendee(database.db, { eventId, registrationId: kim.ok ? kim.registrationId : "", status: "cancelled" });
    // Kim's seat went to Lou, the first (and only) person waiting.
    expect(await countRegistrations(database.db, eventId)).toEqual({ confirmed: 2, waitlisted: 0, cancelled: 1, attended: 0 });
    const lous = await listAttendees(database.db, eventId, "LOU");
    expect(lous.map((a) => [a.name, a.status])).toEqual([["Lou", "confirmed"]]);
    await moveAttendee(database.db, { eventId, registrationId: lous[0]!.id, status: "attended" });

    const event = (await findNetworkEvent(database.db, networkId, eventId))!;
    const sent = await messageAttendees(database.db, {
      event,
      subject: "Bring water",
      message: "It will be hot.",
      actorUserId: organiserId,
    });
    expect(sent).toBe(2);
    const messages = await database.db
      .selectFrom("email_outbox")
      .select(["to_address", "subject"])
      .where("kind", "=", "attendee-message")
      .orderBy("to_address")
      .execute();
    expect(messages).toEqual([
      { to_address: "lou@example.org", subject: "Bring water" },
      { to_address: "moth@example.org", subject: "Bring water" },
    ]);

    const questions = await listQuestions(database.db, eventId);
    const csv = attendeesCsv(await listAttendees(database.db, eventId), questions, [
      "Name",
      "E-mail",
      "Language",
      "Status",
      "Waitlist",
      "Registered",
    ]);
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("Name,E-mail,Language,Status,Waitlist,Registered,Dietary needs,Session");
    expect(lines.slice(1).map((line) => line.split(",").slice(0, 5).join(","))).toEqual([
      "'=Moth,moth@example.org,fr,confirmed,",
      "Lou,lou@example.org,en,attended,",
      "Kim,kim@example.org,en,cancelled,",
    ]);
    expect(lines[1]!.endsWith(",vegan,Evening")).toBe(true);
  });

  test("the demo seed registers its people on the first published upcoming events, seats then waitlist", async () => {
    const demo = await createNetwork(database.db, "demo-seed");
    const small = await createPublishedEvent(database.db, demo.id, { capacity: 3, startsInHours: 48 });
    const open = await createPublishedEvent(database.db, demo.id, { startsInHours: 72 });
    await createPublishedEvent(database.db, demo.id, { status: "draft", startsInHours: 24 });
    await seedDemoRegistrations(database.db, demo.id, new Date());
    expect(await countRegistrations(database.db, small.id)).toEqual({ confirmed: 3, waitlisted: 1, cancelled: 0, attended: 0 });
    expect(await countRegistrations(database.db, open.id)).toEqual({ confirmed: 4, waitlisted: 0, cancelled: 0, attended: 0 });
    const waiting = await listAttendees(database.db, small.id);
    expect(waiting.map((a) => [a.name, a.waitlistPosition])).toEqual([
      ["Moth", null],
      ["Camille R.", null],
      ["Kestrel", null],
      ["Sasha", 1],
    ]);
  });
});
