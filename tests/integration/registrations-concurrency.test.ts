import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cancelRegistration, registerAttendee } from "~/modules/registrations/registrations.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork } from "../support/fixtures";
import { createPublishedEvent } from "../support/registration-fixtures";

describe.each(testDrivers())("500 simultaneous registrations for 50 seats on %s", (driver) => {
  let database: TestDatabase;
  let networkId: string;
  let eventId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    networkId = (await createNetwork(database.db, "rush")).id;
    eventId = (await createPublishedEvent(database.db, networkId, { capacity: 50 })).id;
  });
  afterAll(() => database.drop());

  test("exactly 50 confirmed and 450 waitlisted in arrival order, with no errors; 10 cancellations promote the next 10", async () => {
    const emails = Array.from({ length: 500 }, (_, i) => `person${i}@example.org`);
    const settled = await Promise.allSettled(
      emails.map((email, i) =>
        registerAttendee(database.db, { networkId, eventId, name: `Person ${i}`, email, locale: "en", answers: {} }),
      ),
    );
    const errors = settled.filter((result) => result.status === "rejected");
    expect(errors).toEqual([]);
    const results = settled.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof registerAttendee>>>).value);
    expect(results.every((result) => result.ok && result.outcome === "created")).toBe(true);

    const rows = await database.db
      .selectFrom("registrations")
      .select(["id", "email", "status", "waitlist_rank", "created_at"])
      .where("event_id", "=", eventId)
      .orderBy("created_at")
      .execute();
    expect(rows.length).toBe(500);
    // Arrival order is the order the transactions obtained the event's lock
    // (created_at is the clock at that moment): the first 50 have the seats,
    // and the rest queue in the same order.
    expect(rows.slice(0, 50).every((row) => row.status === "confirmed")).toBe(true);
    expect(rows.slice(50).map((row) => row.waitlist_rank)).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    // Each person was told the position they hold.
    const positionById = new Map(results.map((result) => [result.ok ? result.registrationId : "", result.ok ? result.position : -1]));
    expect(rows.slice(50).map((row) => positionById.get(row.id))).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));

    const mails = await database.db.selectFrom("email_outbox").select(["to_address", "kind"]).where("network_id", "=", networkId).execute();
    expect(mails.filter((m) => m.kind === "registration-confirmed").length).toBe(50);
    expect(mails.filter((m) => m.kind === "registration-waitlisted").length).toBe(450);

    const leaving = rows.slice(0, 10);
    const cancelled = await Promise.allSettled(leaving.map((row) => cancelRegistration(database.db, row.id)));
    expect(cancelled.filter((result) => result.status === "rejected")).toEqual([]);

    const after = await database.db
      .selectFrom("registrations")
      .select(["id", "email", "status", "waitlist_rank"])
      .where("event_id", "=", eventId)
      .execute();
    const count = (status: string) => after.filter((row) => row.status === status).length;
    expect([count("confirmed"), count("waitlisted"), count("cancelled")]).toEqual([50, 440, 10]);
    const promotedEmails = rows.slice(50, 60).map((row) => row.email!);
    expect(after.filter((row) => promotedEmails.includes(row.email!)).map((row) => row.status)).toEqual(Array(10).fill("confirmed"));

    const promotionMails = await database.db
      .selectFrom("email_outbox")
      .select(["to_address", "subject"])
      .where("kind", "=", "registration-confirmed")
      .where("to_address", "in", promotedEmails)
      .execute();
    expect(promotionMails.map((m) => m.to_address).sort()).toEqual([...promotedEmails].sort());
    expect(new Set(promotionMails.map((m) => m.subject))).toEqual(new Set(["You are registered: Naloxone training"]));
    const cancellationMails = await database.db
      .selectFrom("email_outbox")
      .select("to_address")
      .where("kind", "=", "registration-cancelled")
      .execute();
    expect(cancellationMails.map((m) => m.to_address).sort()).toEqual(leaving.map((row) => row.email!).sort());
  });
});
