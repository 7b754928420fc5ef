import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findResetAccount, requestPasswordReset, resetPassword } from "~/modules/auth/password-reset.server";
import { getSessionUser } from "~/modules/auth/sessions.server";
import { signInWithPassword } from "~/modules/auth/sign-in.server";
import { acceptInvitation, findOpenInvitation, inviteMember } from "~/modules/networks/invitations.server";
import { listMembers } from "~/modules/networks/networks.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";

/** The private link in the newest outbox message to an address. */
async function linkSentTo(database: TestDatabase, email: string, pattern: RegExp) {
  const message = await database.db
    .selectFrom("email_outbox")
    .select(["text_body", "kind", "locale"])
    .where("to_address", "=", email)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const match = message.text_body.match(pattern);
  if (!match?.[1]) throw new Error(`no link in ${message.text_body}`);
  return { token: match[1], message };
}

describe("password reset", () => {
  let database: TestDatabase;
  let userId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    const network = await createNetwork(database.db, "reset");
    userId = (
      await createUser(database.db, { email: "ana@example.org", password: "old password 1", networkId: network.id, role: "organiser" })
    ).id;
  });
  afterAll(() => database.drop());

  test("an unknown address gets no message", async () => {
    await requestPasswordReset(database.db, { email: "nobody@example.org", locale: "en", clientAddress: "192.0.2.10" });
    const rows = await database.db.selectFrom("email_outbox").select("id").where("to_address", "=", "nobody@example.org").execute();
    expect(rows).toEqual([]);
  });

  test("the emailed link sets a new password once, signs out old sessions, and stores only a hash", async () => {
    const oldSession = await signedInRequest(database.db, userId, "http://localhost:3000/");
    await requestPasswordReset(database.db, { email: "ANA@example.org", locale: "fr", clientAddress: "192.0.2.10" });
    const { token, message } = await linkSentTo(database, "ana@example.org", /\/reset-password\/([A-Za-z0-9_-]{43})/);
    expect(message).toMatchObject({ kind: "password-reset", locale: "fr" });
    const stored = await database.db.selectFrom("password_reset_tokens").select("token_hash").execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    expect(await findResetAccount(database.db, token)).toEqual({ id: userId, email: "ana@example.org" });
    expect(await resetPassword(database.db, { token, password: "new password 2" })).toEqual({ ok: true, userId });
    expect(await resetPassword(database.db, { token, password: "third password" })).toEqual({ ok: false });
    expect(await findResetAccount(database.db, token)).toBeUndefined();

    expect(await getSessionUser(database.db, oldSession)).toBeUndefined();
    const signIn = (password: string) =>
      signInWithPassword(database.db, { email: "ana@example.org", password, clientAddress: "192.0.2.9" });
    expect((await signIn("old password 1")).ok).toBe(false);
    expect((await signIn("new password 2")).ok).toBe(true);
  });

  test("an expired link does nothing", async () => {
    await requestPasswordReset(database.db, { email: "ana@example.org", locale: "en", clientAddress: "192.0.2.10" });
    const { token } = await linkSentTo(database, "ana@example.org", /\/reset-password\/([A-Za-z0-9_-]{43})/);
    await database.db
      .updateTable("password_reset_tokens")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect(await findResetAccount(database.db, token)).toBeUndefined();
    expect(await resetPassword(database.db, { token, password: "never set this" })).toEqual({ ok: false });
  });
});

describe("inviting organisers", () => {
  let database: TestDatabase;
  let network: { id: string; name: string; slug: string };
  let owner: { id: string; name: string };
  beforeAll(async () => {
    database = await createTestDatabase();
    network = await createNetwork(database.db, "invite", "Harm Reduction Network");
    owner = await createUser(database.db, { email: "owner@example.org", networkId: network.id, role: "owner" });
  });
  afterAll(() => database.drop());

  test("a new person accepts by creating an account and becomes an organiser", async () => {
    await inviteMember(database.db, {
      network,
      inviter: owner,
      email: "New@Example.org",
      role: "organiser",
      locale: "en",
    });
    const { token, message } = await linkSentTo(database, "New@Example.org", /\/invitations\/([A-Za-z0-9_-]{43})/);
    expect(message.kind).toBe("network-invitation");
    expect(await findOpenInvitation(database.db, token)).toMatchObject({
      email: "new@example.org",
      role: "organiser",
      networkSlug: "invite",
    });

    const accepted = await acceptInvitation(database.db, {
      token,
      account: { name: "Nadia", password: "a long password", locale: "fr" },
    });
    expect(accepted).toMatchObject({ ok: true, networkSlug: "invite" });
    const members = await listMembers(database.db, network.id);
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ["new@example.org", "organiser"],
      ["owner@example.org", "owner"],
    ]);
    expect(await acceptInvitation(database.db, { token, account: { name: "Again", password: "a long password", locale: "en" } })).toEqual({
      ok: false,
    });

    const audit = await database.db.selectFrom("audit_log").select(["action", "details"]).orderBy("created_at").execute();
    expect(audit).toEqual([
      { action: "member.invited", details: { role: "organiser" } },
      { action: "member.joined", details: { role: "organiser" } },
    ]);
  });

  test("an existing account accepts only as itself", async () => {
    const existing = await createUser(database.db, { email: "known@example.org" });
    const stranger = await createUser(database.db, { email: "stranger@example.org" });
    await inviteMember(database.db, { network, inviter: owner, email: "known@example.org", role: "owner", locale: "en" });
    const { token } = await linkSentTo(database, "known@example.org", /\/invitations\/([A-Za-z0-9_-]{43})/);
    expect(await acceptInvitation(database.db, { token, account: { existing: stranger } })).toEqual({ ok: false });
    expect(await acceptInvitation(database.db, { token, account: { existing } })).toMatchObject({ ok: true });
    const members = await listMembers(database.db, network.id);
    expect(members.find((m) => m.email === "known@example.org")?.role).toBe("owner");
    expect(members.find((m) => m.email === "stranger@example.org")).toBeUndefined();
  });
});
