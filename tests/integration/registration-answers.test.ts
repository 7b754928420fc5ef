import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { action as registerAction } from "~/routes/n.$network.events_.$eventId_.register";
import { loader as manageLoader } from "~/routes/registrations.$token";
import { useDatabase } from "~/utils/db.server";
import { REGISTRATION_ANSWER_MS } from "~/utils/even-timing.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork } from "../support/fixtures";
import { createPublishedEvent } from "../support/registration-fixtures";

const tokenPattern = /[A-Za-z0-9_-]{43}/;

/** What the browser that posted the form receives: status, headers and body. */
async function answer(promise: Promise<unknown>) {
  try {
    const value = (await promise) as { type?: string; init?: { status?: number }; data?: unknown };
    if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, location: null, data: value.data };
    return { status: 200, location: null, data: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location"), data: null };
    throw thrown;
  }
}

describe.each(testDrivers())("the public registration form tells the submitter nothing about anyone on %s", (driver) => {
  let database: TestDatabase;
  let eventId: string;
  let otherEventId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    const networkId = (await createNetwork(database.db, "quiet")).id;
    eventId = (await createPublishedEvent(database.db, networkId, { capacity: 1, title: "Peer support circle" })).id;
    otherEventId = (await createPublishedEvent(database.db, networkId, { title: "Closed-door meeting" })).id;
  });
  afterAll(() => database.drop());

  const post = (event: string, email: string, clientAddress: string) => {
    const body = new FormData();
    for (const [name, value] of Object.entries({ name: "Kit", email, locale: "en", consent: "on" })) body.append(name, value);
    return answer(
      registerAction({
        request: new Request(`http://localhost:3000/n/quiet/events/${event}/register`, { method: "POST", body }),
        params: { network: "quiet", eventId: event },
        context: { clientAddress },
      }),
    );
  };
  const mailTo = (to: string) =>
    database.db.selectFrom("email_outbox").select(["kind", "text_body"]).where("to_address", "=", to).orderBy("created_at").execute();
  const manageLink = (text: string) => text.match(/\/registrations\/([A-Za-z0-9_-]{43})/)![1]!;

  test("a new address, an address already registered and a waitlisted one get the same page; only the e-mail says which and carries the link", async () => {
    // The victim has the one seat of this event and a seat at another event.
    const seat = await post(eventId, "victim@example.org", "192.0.2.10");
    await post(otherEventId, "victim@example.org", "192.0.2.10");
    // The attacker posts the victim's address from elsewhere, then fills the waitlist with a new address.
    const again = await post(eventId, "victim@example.org", "198.51.100.7");
    const waitlisted = await post(eventId, "newcomer@example.org", "198.51.100.7");

    const confirmation = (email: string) => ({
      status: 200,
      location: null,
      data: {
        result: { initialValue: null },
        sentTo: email,
        retryMinutes: 0,
      },
    });
    expect(seat).toEqual(confirmation("victim@example.org"));
    expect(again).toEqual(confirmation("victim@example.org"));
    expect(waitlisted).toEqual(confirmation("newcomer@example.org"));
    expect({ ...again.data!, sentTo: "" }).toEqual({ ...(seat.data as object), sentTo: "" });
    expect({ ...waitlisted.data!, sentTo: "" }).toEqual({ ...(seat.data as object), sentTo: "" });
    for (const reply of [seat, again, waitlisted]) expect(JSON.stringify(reply)).not.toMatch(tokenPattern);

    // The person learns seat or waitlist by mail; a second registration is the same one, its link sent again.
    const victimMail = await mailTo("victim@example.org");
    expect(victimMail.map((m) => m.kind)).toEqual(["registration-confirmed", "registration-confirmed", "registration-confirmed"]);
    expect(manageLink(victimMail[2]!.text_body)).toBe(manageLink(victimMail[0]!.text_body));
    const newcomerMail = await mailTo("newcomer@example.org");
    expect(newcomerMail.map((m) => m.kind)).toEqual(["registration-waitlisted"]);
    expect(newcomerMail[0]!.text_body).toContain("1");
    expect(
      await database.db.selectFrom("registrations").select("email").where("event_id", "=", eventId).orderBy("email").execute(),
    ).toEqual([{ email: "newcomer@example.org" }, { email: "victim@example.org" }]);

    // The link from the e-mail opens the person's own registration.
    const token = manageLink(newcomerMail[0]!.text_body);
    const page = (await manageLoader({
      request: new Request(`http://localhost:3000/registrations/${token}`),
      params: { token },
      context: { clientAddress: "192.0.2.11" },
    })) as unknown as { data: { registration: { status: string; position: number } } };
    expect(page.data.registration).toMatchObject({ status: "waitlisted", position: 1 });
  });

  test("no kind of answer comes sooner than the common floor, so the time tells nothing either", async () => {
    const timed = async (event: string, email: string, clientAddress: string) => {
      const started = performance.now();
      await post(event, email, clientAddress);
      return performance.now() - started;
    };
    // The one seat is taken: a returning address, a waitlisted newcomer, and a new seat at the other event.
    const times = [
      await timed(eventId, "victim@example.org", "203.0.113.1"),
      await timed(eventId, "second-newcomer@example.org", "203.0.113.2"),
      await timed(otherEventId, "seated@example.org", "203.0.113.3"),
    ];
    // Timers may fire up to a millisecond early against performance.now().
    for (const ms of times) expect(ms).toBeGreaterThanOrEqual(REGISTRATION_ANSWER_MS - 1);
  });
});
