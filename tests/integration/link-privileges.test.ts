import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Network } from "~db/types";
import { requestPasswordReset } from "~/modules/auth/password-reset.server";
import { deliverOutboxMessage } from "~/modules/mail/delivery.server";
import { createMailTransport } from "~/modules/mail/transport.server";
import { addContact } from "~/modules/partners/partners.server";
import { consumeSignInLink, requestPortalSignIn } from "~/modules/partners/portal.server";
import { loader as messageLoader } from "~/routes/n.$network.mailbox.$messageId";
import { loader as mailboxLoader } from "~/routes/n.$network.mailbox._index";
import { useDatabase } from "~/utils/db.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";
import { DomainSlots } from "~/modules/mail/pacing";
import { mailTimings } from "~/modules/mail/timing";

/** A loader's answer, or the status and message of the Response it threw. */
async function outcome<T>(promise: Promise<T>) {
  try {
    return { status: 200, data: await promise };
  } catch (thrown) {
    const refused = thrown as { type?: string; init?: { status?: number }; data?: { message?: string } };
    if (refused.type === "DataWithResponseInit") return { status: refused.init?.status, message: refused.data?.message };
    throw thrown;
  }
}

describe.each(testDrivers())("links never raise privileges on %s", (driver) => {
  let database: TestDatabase;
  let network: Network;
  let partnerId: string;
  let organiserId: string;
  let ownerId: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    useDatabase(database);
    network = await createNetwork(database.db, "links");
    const victimNetwork = await createNetwork(database.db, "victims");
    organiserId = (await createUser(database.db, { email: "organiser@links.org", networkId: network.id, role: "organiser" })).id;
    ownerId = (
      await createUser(database.db, { email: "owner@links.org", password: "owner password 1", networkId: network.id, role: "owner" })
    ).id;
    // The owner of another network; an organiser without a password (invited, never set one).
    await createUser(database.db, { email: "boss@victims.org", password: "victim password 1", networkId: victimNetwork.id, role: "owner" });
    await createUser(database.db, { email: "staff@victims.org", networkId: victimNetwork.id, role: "organiser" });
    partnerId = (
      await database.db
        .insertInto("partner_organisations")
        .values({ network_id: network.id, name: "Front Org", country: "NL" })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(() => database.drop());

  const signInMail = (to: string) =>
    database.db.selectFrom("email_outbox").select("id").where("kind", "=", "partner-sign-in").where("to_address", "=", to).execute();

  test("a partner contact with an owner's or organiser's address gets no sign-in link, and a link issued to it signs nobody in", async () => {
    for (const email of ["boss@victims.org", "staff@victims.org", "owner@links.org"]) {
      expect(
        await addContact(database.db, network.id, partnerId, { name: "Victim", email, locale: "en", roleTitle: "", subscribed: true }),
      ).toMatchObject({ ok: true });
      const asked = await requestPortalSignIn(database.db, {
        network,
        email,
        clientAddress: "203.0.113.5",
        appUrl: "https://daymark.test",
      });
      expect(asked).toEqual({ ok: true });
      expect(await signInMail(email)).toEqual([]);

      // A link issued before the account got its password or role: spent, and no session for anyone.
      const contact = await database.db.selectFrom("partner_contacts").select("id").where("email", "=", email).executeTakeFirstOrThrow();
      const token = newToken();
      await database.db
        .insertInto("partner_sign_in_tokens")
        .values({ token_hash: hashToken(token), contact_id: contact.id, expires_at: new Date(Date.now() + 600_000) })
        .execute();
      expect(await consumeSignInLink(database.db, network.id, token)).toBeUndefined();
      const link = await database.db
        .selectFrom("partner_sign_in_tokens")
        .select("used_at")
        .where("token_hash", "=", hashToken(token))
        .executeTakeFirstOrThrow();
      expect(link.used_at).not.toBeNull();
    }
    const victim = await database.db.selectFrom("users").select("id").where("email", "=", "boss@victims.org").executeTakeFirstOrThrow();
    expect(await database.db.selectFrom("sessions").select("user_id").where("user_id", "=", victim.id).execute()).toEqual([]);
    expect(await database.db.selectFrom("memberships").select("role").where("user_id", "=", victim.id).execute()).toEqual([
      { role: "owner" },
    ]);
  });

  test("a new contact still signs in with a link, as a partner", async () => {
    await addContact(database.db, network.id, partnerId, {
      name: "Pat",
      email: "pat@front.org",
      locale: "en",
      roleTitle: "",
      subscribed: true,
    });
    await requestPortalSignIn(database.db, {
      network,
      email: "pat@front.org",
      clientAddress: "203.0.113.6",
      appUrl: "https://daymark.test",
    });
    const mail = await database.db
      .selectFrom("email_outbox")
      .select("text_body")
      .where("to_address", "=", "pat@front.org")
      .executeTakeFirstOrThrow();
    const token = mail.text_body.match(/\/portal\/signin\/([A-Za-z0-9_-]{43})/)![1]!;
    const signedIn = await consumeSignInLink(database.db, network.id, token);
    const pat = await database.db
      .selectFrom("users")
      .select(["id", "password_hash"])
      .where("email", "=", "pat@front.org")
      .executeTakeFirstOrThrow();
    expect(signedIn).toEqual({ userId: pat.id });
    expect(pat.password_hash).toBeNull();
    expect(await database.db.selectFrom("memberships").select("role").where("user_id", "=", pat.id).execute()).toEqual([
      { role: "partner" },
    ]);
  });

  test("the mailbox is the owner's, and hides the private links of messages to anyone else", async () => {
    const transport = createMailTransport(undefined);
    await requestPasswordReset(database.db, { email: "organiser@links.org", locale: "en", clientAddress: "192.0.2.10" });
    await requestPasswordReset(database.db, { email: "owner@links.org", locale: "en", clientAddress: "192.0.2.10" });
    const queued = await database.db.selectFrom("email_outbox").select("id").where("status", "=", "queued").execute();
    for (const { id } of queued)
      await deliverOutboxMessage(database.db, id, transport, { finalAttempt: false, timings: mailTimings(), slots: new DomainSlots(5) });
    const resets = await database.db
      .selectFrom("email_outbox")
      .select(["id", "to_address", "text_body"])
      .where("kind", "=", "password-reset")
      .orderBy("to_address")
      .execute();
    const [toOrganiser, toOwner] = resets;
    const organiserToken = toOrganiser!.text_body.match(/\/reset-password\/([A-Za-z0-9_-]{43})/)![1]!;
    const ownerToken = toOwner!.text_body.match(/\/reset-password\/([A-Za-z0-9_-]{43})/)![1]!;

    const url = "http://localhost:3000/n/links/mailbox";
    const asOrganiser = await signedInRequest(database.db, organiserId, url);
    const context = { clientAddress: "::1" };
    expect(await outcome(mailboxLoader({ request: asOrganiser, params: { network: "links" }, context }))).toEqual({
      status: 403,
      message: "errors.forbidden",
    });
    expect(
      await outcome(
        messageLoader({
          request: await signedInRequest(database.db, organiserId, `${url}/${toOrganiser!.id}`),
          params: { network: "links", messageId: toOrganiser!.id },
          context,
        }),
      ),
    ).toEqual({ status: 403, message: "errors.forbidden" });

    const list = await mailboxLoader({ request: await signedInRequest(database.db, ownerId, url), params: { network: "links" }, context });
    expect(list.messages.map((m) => m.to_address).sort()).toEqual(["owner@links.org", "organiser@links.org", "pat@front.org"].sort());
    expect(JSON.stringify(list)).not.toMatch(/[A-Za-z0-9_-]{43}/);

    const read = async (messageId: string) =>
      messageLoader({
        request: await signedInRequest(database.db, ownerId, `${url}/${messageId}`),
        params: { network: "links", messageId },
        context,
      });

    const others = await read(toOrganiser!.id);
    const everything = JSON.stringify(others);
    expect(everything).not.toContain(organiserToken);
    expect(others.message.text_body).toContain("http://localhost:3000/reset-password/…");
    expect(others.message.html_body).toContain('href="http://localhost:3000/reset-password/…"');
    expect(others.message).toMatchObject({ raw_mime: null, linksHidden: true, to_address: "organiser@links.org" });

    const own = await read(toOwner!.id);
    expect(own.message.text_body).toContain(`http://localhost:3000/reset-password/${ownerToken}`);
    expect(own.message.raw_mime).toContain("To: owner@links.org");
    expect(own.message.linksHidden).toBe(false);
  });
});
