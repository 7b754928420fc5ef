import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { hashToken } from "~/utils/tokens.server";
import { useDatabase } from "~/utils/db.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork } from "../support/fixtures";
import { createPublishedEvent } from "../support/registration-fixtures";

const oldKey = process.env.LINK_TOKEN_KEYS!;
const newKey = "rotated-link-token-key-that-is-long-enough-0123456789";

/** The registration module as a process started with this environment sees it (the environment is read once). */
async function withEnvironment(env: Record<string, string>) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  return import("~/modules/registrations/registrations.server");
}

describe.each(testDrivers())("manage links are keyed by LINK_TOKEN_KEYS and survive rotation on %s", (driver) => {
  let database: TestDatabase;
  let networkId: string;
  let eventId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    networkId = (await createNetwork(database.db, "keys")).id;
    eventId = (await createPublishedEvent(database.db, networkId)).id;
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });
  afterAll(() => database.drop());

  const lastLink = async (to: string) => {
    const [mail] = await database.db
      .selectFrom("email_outbox")
      .select("text_body")
      .where("to_address", "=", to)
      .orderBy("created_at", "desc")
      .limit(1)
      .execute();
    return mail!.text_body.match(/\/registrations\/([A-Za-z0-9_-]{43})/)![1]!;
  };
  const registerWith = (module: Awaited<ReturnType<typeof withEnvironment>>, email: string) =>
    module.registerAttendee(database.db, { networkId, eventId, email, name: "Kit", locale: "en", answers: {} });

  test("a new key goes first: old links keep working and are repeated; removing the old key ends them and mails a new one", async () => {
    const before = await withEnvironment({ LINK_TOKEN_KEYS: oldKey });
    await registerWith(before, "early@example.org");
    const early = await lastLink("early@example.org");

    // Rotation: the new key first, the old one still accepted. A new session secret changes nothing for links.
    const rotating = await withEnvironment({
      LINK_TOKEN_KEYS: `${newKey}, ${oldKey}`,
      SESSION_SECRET: "another-session-secret-long-enough-0123456789",
    });
    expect((await rotating.findRegistrationByToken(database.db, early))?.email).toBe("early@example.org");
    await registerWith(rotating, "late@example.org");
    const late = await lastLink("late@example.org");
    expect(late).toBe(
      createHmac("sha256", newKey)
        .update(`registration-manage:${(await rotating.findRegistrationByToken(database.db, late))!.id}`)
        .digest("base64url"),
    );
    // Asking again repeats the link the person already has.
    await registerWith(rotating, "early@example.org");
    expect(await lastLink("early@example.org")).toBe(early);

    // The old key removed: its links open nothing; the next message brings a link made with the new key.
    const after = await withEnvironment({ LINK_TOKEN_KEYS: newKey });
    expect(await after.findRegistrationByToken(database.db, early)).toBeUndefined();
    expect((await after.findRegistrationByToken(database.db, late))?.email).toBe("late@example.org");
    await registerWith(after, "early@example.org");
    const renewed = await lastLink("early@example.org");
    expect(renewed).not.toBe(early);
    expect((await after.findRegistrationByToken(database.db, renewed))?.email).toBe("early@example.org");
  });

  test("links made before LINK_TOKEN_KEYS existed (keyed by the session secret) keep working with that secret listed last", async () => {
    const sessionSecret = process.env.SESSION_SECRET!;
    const module = await withEnvironment({ LINK_TOKEN_KEYS: oldKey });
    await registerWith(module, "legacy@example.org");
    const row = await database.db
      .selectFrom("registrations")
      .select("id")
      .where("email", "=", "legacy@example.org")
      .executeTakeFirstOrThrow();
    const legacy = createHmac("sha256", sessionSecret).update(`registration-manage:${row.id}`).digest("base64url");
    await database.db
      .updateTable("registrations")
      .set({ manage_token_hash: hashToken(legacy) })
      .where("id", "=", row.id)
      .execute();

    expect(await module.findRegistrationByToken(database.db, legacy)).toBeUndefined();
    const upgraded = await withEnvironment({ LINK_TOKEN_KEYS: `${newKey},${sessionSecret}` });
    expect((await upgraded.findRegistrationByToken(database.db, legacy))?.id).toBe(row.id);
  });
});
