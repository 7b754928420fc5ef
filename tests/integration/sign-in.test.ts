import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { signInLimits, signInWithPassword } from "~/modules/auth/sign-in.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";

describe("sign-in with e-mail and password", () => {
  let database: TestDatabase;
  const password = "correct horse battery";
  beforeAll(async () => {
    database = await createTestDatabase();
    const network = await createNetwork(database.db, "signin");
    await createUser(database.db, { email: "ana@example.org", password, networkId: network.id, role: "organiser" });
    await createUser(database.db, { email: "ben@example.org", password, networkId: network.id, role: "organiser" });
    await createUser(database.db, { email: "cleo@example.org", password, networkId: network.id, role: "organiser" });
    await createUser(database.db, { email: "dora@example.org", password, networkId: network.id, role: "organiser" });
  });
  afterAll(() => database.drop());

  test("the right password signs in, whatever the case of the address; the hash is argon2id", async () => {
    const result = await signInWithPassword(database.db, {
      email: "  Ana@Example.org ",
      password,
      clientAddress: "192.0.2.1",
    });
    expect(result.ok && result.user.email).toBe("ana@example.org");
    expect(result.ok && result.user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test("a wrong password or an unknown address are refused alike", async () => {
    const wrong = await signInWithPassword(database.db, {
      email: "ana@example.org",
      password: "wrong password",
      clientAddress: "192.0.2.2",
    });
    const unknown = await signInWithPassword(database.db, {
      email: "nobody@example.org",
      password,
      clientAddress: "192.0.2.2",
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  test("5 failures lock the account for that address only, and each filled window doubles the next", async () => {
    const now = new Date(`${testYear}-11-21T10:01:00Z`);
    const guess = (at: Date, password = "guess") =>
      signInWithPassword(database.db, { email: "ben@example.org", password, clientAddress: "198.51.100.7" }, at);
    for (let attempt = 0; attempt < signInLimits.accountAddress.limit; attempt++) {
      expect(await guess(now)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await guess(now, password)).toEqual({ ok: false, reason: "rate-limited", retryAfterSeconds: 15 * 60 });
    // The owner, from her own address, is not locked out by someone else's guesses.
    const owner = await signInWithPassword(database.db, { email: "ben@example.org", password, clientAddress: "198.51.100.99" }, now);
    expect(owner.ok).toBe(true);

    // Back within the next window after filling one: that window lasts 30 minutes.
    const secondWindow = new Date(now.getTime() + 15 * 60 * 1000);
    for (let attempt = 0; attempt < signInLimits.accountAddress.limit; attempt++) {
      expect(await guess(secondWindow)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await guess(secondWindow)).toEqual({ ok: false, reason: "rate-limited", retryAfterSeconds: 30 * 60 });
    const thirdWindow = new Date(secondWindow.getTime() + 30 * 60 * 1000);
    for (let attempt = 0; attempt < signInLimits.accountAddress.limit; attempt++) await guess(thirdWindow);
    expect(await guess(thirdWindow)).toEqual({ ok: false, reason: "rate-limited", retryAfterSeconds: 60 * 60 });

    // A quiet window resets the delay.
    const quiet = new Date(thirdWindow.getTime() + 3 * 60 * 60 * 1000);
    expect((await guess(quiet, password)).ok).toBe(true);
  });

  test("guesses spread over many addresses stop at the account's wider limit", async () => {
    const now = new Date(`${testYear}-11-21T13:00:00Z`);
    const outcomes = [];
    for (let attempt = 0; attempt <= signInLimits.account.limit; attempt++) {
      outcomes.push(
        await signInWithPassword(database.db, { email: "dora@example.org", password: "guess", clientAddress: `198.18.0.${attempt}` }, now),
      );
    }
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "invalid")).toHaveLength(signInLimits.account.limit);
    expect(outcomes.at(-1)).toEqual({ ok: false, reason: "rate-limited", retryAfterSeconds: 15 * 60 });
  });

  test("one address trying many accounts is stopped after 30 failures", async () => {
    const now = new Date(`${testYear}-11-21T11:00:00Z`);
    for (let attempt = 0; attempt < signInLimits.address.limit; attempt++) {
      await signInWithPassword(
        database.db,
        { email: `victim${attempt}@example.org`, password: "guess", clientAddress: "203.0.113.7" },
        now,
      );
    }
    const fromSameAddress = await signInWithPassword(
      database.db,
      { email: "cleo@example.org", password, clientAddress: "203.0.113.7" },
      now,
    );
    expect(fromSameAddress).toEqual({ ok: false, reason: "rate-limited", retryAfterSeconds: 15 * 60 });
    const fromElsewhere = await signInWithPassword(database.db, { email: "cleo@example.org", password, clientAddress: "203.0.113.8" }, now);
    expect(fromElsewhere.ok).toBe(true);
  });

  test("a success clears the account's failures", async () => {
    const now = new Date(`${testYear}-11-21T12:00:00Z`);
    const attempt = (pw: string) =>
      signInWithPassword(database.db, { email: "ana@example.org", password: pw, clientAddress: "192.0.2.50" }, now);
    for (let i = 0; i < 4; i++) await attempt("guess");
    expect((await attempt(password)).ok).toBe(true);
    for (let i = 0; i < 4; i++) await attempt("guess");
    expect((await attempt(password)).ok).toBe(true);
  });

  test("rate-limit counters hold no e-mail address", async () => {
    const keys = await database.db.selectFrom("rate_limits").select("key").execute();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((row) => row.key.includes("@"))).toEqual([]);
  });
});
