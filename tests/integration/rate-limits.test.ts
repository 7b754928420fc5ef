import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requestPasswordReset, resetRequestLimits } from "~/modules/auth/password-reset.server";
import { signInLimits, signInWithPassword } from "~/modules/auth/sign-in.server";
import { portalSignInLimits, requestPortalSignIn } from "~/modules/partners/portal.server";
import { registrationAttempt, registrationLimits } from "~/modules/registrations/spam.server";
import { takeHit } from "~/utils/rate-limit.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";

const BURST = 100;
const burst = <T>(make: (i: number) => Promise<T>) => Promise.all(Array.from({ length: BURST }, (_, i) => make(i)));

// 100 requests at once against every limit: exactly the limit pass, on every driver.
describe.each(testDrivers())("rate limits under a burst (%s)", (driver) => {
  let database: TestDatabase;
  let network: Awaited<ReturnType<typeof createNetwork>>;
  const now = new Date(`${testYear}-11-21T10:00:00Z`);
  beforeAll(async () => {
    database = await createTestDatabase(driver);
    network = await createNetwork(database.db, `limits-${driver}`);
    await createUser(database.db, { email: "owner@example.org", password: "right password", networkId: network.id, role: "owner" });
    const partner = await database.db
      .insertInto("partner_organisations")
      .values({ network_id: network.id, name: "Porto Harm Reduction", country: "PT" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("partner_contacts")
      .values({ network_id: network.id, partner_id: partner.id, name: "Ana", email: "ana@porto.example.org", locale: null })
      .execute();
  });
  afterAll(() => database.drop());

  test("one counter: exactly its limit of simultaneous hits pass, the rest learn when to come back", async () => {
    const outcomes = await burst(() => takeHit(database.db, "burst:plain", { limit: 7, windowSeconds: 60 }, now));
    expect(outcomes.filter((outcome) => outcome.allowed)).toHaveLength(7);
    expect(new Set(outcomes.filter((outcome) => !outcome.allowed).map((outcome) => !outcome.allowed && outcome.retryAfterSeconds))).toEqual(
      new Set([60]),
    );
  });

  test("sign-in: one account from one address gets 5 password checks", async () => {
    const outcomes = await burst(() =>
      signInWithPassword(database.db, { email: "owner@example.org", password: "guess", clientAddress: "198.51.100.1" }, now),
    );
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "invalid")).toHaveLength(signInLimits.accountAddress.limit);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "rate-limited")).toHaveLength(
      BURST - signInLimits.accountAddress.limit,
    );
  });

  test("sign-in: one address trying many accounts gets 30", async () => {
    const outcomes = await burst((i) =>
      signInWithPassword(database.db, { email: `nobody${i}@example.org`, password: "guess", clientAddress: "198.51.100.2" }, now),
    );
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "invalid")).toHaveLength(signInLimits.address.limit);
  });

  test("sign-in: one account from many addresses gets 50", async () => {
    const outcomes = await burst((i) =>
      signInWithPassword(database.db, { email: "target@example.org", password: "guess", clientAddress: `203.0.113.${i}` }, now),
    );
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "invalid")).toHaveLength(signInLimits.account.limit);
  });

  test("registration: 30 per client address, 5 per e-mail address", async () => {
    const perAddress = await burst((i) => registrationAttempt(database.db, { clientAddress: "10.1.0.1", email: `r${i}@example.org` }, now));
    expect(perAddress.filter((wait) => wait === 0)).toHaveLength(registrationLimits.address.limit);
    const perEmail = await burst((i) => registrationAttempt(database.db, { clientAddress: `10.2.0.${i}`, email: "same@example.org" }, now));
    expect(perEmail.filter((wait) => wait === 0)).toHaveLength(registrationLimits.email.limit);
  });

  test("portal sign-in links: 20 per client address, 5 per e-mail address; only those 5 are mailed", async () => {
    const link = (email: string, clientAddress: string) =>
      requestPortalSignIn(database.db, { network, email, clientAddress, appUrl: "https://daymark.test" }, now);
    const perClient = await burst((i) => link(`p${i}@example.org`, "10.3.0.1"));
    expect(perClient.filter((outcome) => outcome.ok)).toHaveLength(portalSignInLimits.client.limit);
    const perEmail = await burst((i) => link("ana@porto.example.org", `10.4.0.${i}`));
    expect(perEmail.filter((outcome) => outcome.ok)).toHaveLength(portalSignInLimits.email.limit);
    const mailed = await database.db.selectFrom("email_outbox").select("id").where("to_address", "=", "ana@porto.example.org").execute();
    expect(mailed).toHaveLength(portalSignInLimits.email.limit);
  });

  test("password reset: 10 requests per client address, 5 links per account", async () => {
    const perAddress = await burst((i) =>
      requestPasswordReset(database.db, { email: `x${i}@example.org`, locale: "en", clientAddress: "10.5.0.1" }),
    );
    expect(perAddress.filter((outcome) => outcome.allowed)).toHaveLength(resetRequestLimits.address.limit);
    await burst((i) => requestPasswordReset(database.db, { email: "owner@example.org", locale: "en", clientAddress: `10.6.0.${i}` }));
    const mailed = await database.db
      .selectFrom("email_outbox")
      .select("id")
      .where("to_address", "=", "owner@example.org")
      .where("kind", "=", "password-reset")
      .execute();
    expect(mailed).toHaveLength(resetRequestLimits.account.limit);
  });
});
