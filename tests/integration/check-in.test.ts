import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { updateAttendeesAfterChange } from "~/modules/registrations/event-updates.server";
import { registerAttendee } from "~/modules/registrations/registrations.server";
import { action as checkInAction, loader as checkInLoader } from "~/routes/n.$network.events_.$eventId_.check-in";
import { useDatabase } from "~/utils/db.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";
import { createPublishedEvent } from "../support/registration-fixtures";

describe.each(testDrivers())("check-in and what a checked-in attendee is told, on %s", (driver) => {
  let database: TestDatabase;
  let networkId: string;
  let organiserId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    networkId = (await createNetwork(database.db, "door")).id;
    organiserId = (await createUser(database.db, { email: "organiser@door.org", networkId, role: "organiser" })).id;
  });
  afterAll(() => database.drop());

  async function checkIn(eventId: string, registrationId: string, intent?: "undo") {
    const body = new FormData();
    body.append("registrationId", registrationId);
    if (intent) body.append("intent", intent);
    const url = `http://localhost:3000/n/door/events/${eventId}/check-in`;
    await checkInAction({
      request: await signedInRequest(database.db, organiserId, url, { method: "POST", body }),
      params: { network: "door", eventId },
      context: { clientAddress: "192.0.2.1" },
    });
    const loaded = await checkInLoader({
      request: await signedInRequest(database.db, organiserId, url),
      params: { network: "door", eventId },
      context: { clientAddress: "192.0.2.1" },
    });
    return loaded.people.map((person) => [person.name, person.attended]);
  }

  test("a check-in is undone, and the arrival time forgotten", async () => {
    const event = await createPublishedEvent(database.db, networkId, { capacity: 3 });
    const moth = await registerAttendee(database.db, {
      networkId,
      eventId: event.id,
      name: "Moth",
      email: "moth@door.org",
      locale: "en",
      answers: {},
    });
    if (!moth.ok) throw new Error("not registered");
    expect(await checkIn(event.id, moth.registrationId)).toEqual([["Moth", true]]);
    expect(await checkIn(event.id, moth.registrationId, "undo")).toEqual([["Moth", false]]);
    const row = await database.db
      .selectFrom("registrations")
      .select(["status", "attended_at"])
      .where("id", "=", moth.registrationId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "confirmed", attended_at: null });
  });

  test("a checked-in attendee gets the new time (a higher SEQUENCE) and the cancellation", async () => {
    const event = await createPublishedEvent(database.db, networkId, { capacity: 3 });
    const kim = await registerAttendee(database.db, {
      networkId,
      eventId: event.id,
      name: "Kim",
      email: "kim@door.org",
      locale: "en",
      answers: {},
    });
    if (!kim.ok) throw new Error("not registered");
    await checkIn(event.id, kim.registrationId);
    await database.db
      .updateTable("events")
      .set({ sequence: event.sequence + 1 })
      .where("id", "=", event.id)
      .execute();
    expect(await updateAttendeesAfterChange(database.db, { eventId: event.id, sequence: event.sequence + 1, change: "rescheduled" })).toBe(
      1,
    );
    await database.db
      .updateTable("events")
      .set({ sequence: event.sequence + 2, status: "cancelled" })
      .where("id", "=", event.id)
      .execute();
    expect(await updateAttendeesAfterChange(database.db, { eventId: event.id, sequence: event.sequence + 2, change: "cancelled" })).toBe(1);
    const mails = await database.db
      .selectFrom("email_outbox")
      .select(["kind", "attachments"])
      .where("to_address", "=", "kim@door.org")
      .orderBy("created_at")
      .execute();
    const invitations = mails.map((m) => Buffer.from(m.attachments[0]!.contentBase64, "base64").toString("utf8"));
    const methods = invitations.map((ics) => /^METHOD:(\w+)/m.exec(ics)?.[1]);
    const sequences = invitations.map((ics) => Number(/^SEQUENCE:(\d+)/m.exec(ics)?.[1]));
    expect(methods).toEqual(["REQUEST", "REQUEST", "CANCEL"]);
    expect(sequences).toEqual([event.sequence, event.sequence + 1, event.sequence + 2]);
  });
});
