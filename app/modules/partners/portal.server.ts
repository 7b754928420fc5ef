import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { defaultLocale, isLocale, type Locale } from "~/i18n/locales";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { addMembership, getMembershipRole } from "~/modules/networks/networks.server";
import { takeHits, type RateLimitRule } from "~/utils/rate-limit.server";
import { hashToken, newToken } from "~/utils/tokens.server";

/** Magic links are short-lived and work once. */
export const SIGN_IN_LINK_MINUTES = 15;

/** Sign-in links asked for, per address asked about and per client address. */
export const portalSignInLimits = {
  email: { limit: 5, windowSeconds: 60 * 60 } satisfies RateLimitRule,
  client: { limit: 20, windowSeconds: 60 * 60 } satisfies RateLimitRule,
};

// Hashed, so that the counters hold no address in clear.
const emailKey = (email: string) => `portal-link:email:${hashToken(email)}`;
const clientKey = (address: string) => `portal-link:client:${address}`;

/** The interface language for a contact's messages: theirs if we speak it, else the network's, else English. */
export function messageLocale(contactLocale: string | null, networkLocale: string): Locale {
  if (isLocale(contactLocale)) return contactLocale;
  return isLocale(networkLocale) ? networkLocale : defaultLocale;
}

/**
 * Whether a magic link may sign this address in: only when it has no account
 * yet or a portal account (no password, nothing above partner in any
 * network). Anyone can type an address into a partner contact, so a link must
 * never open an organiser's or owner's account, nor one that signs in with a
 * password.
 */
async function mayUsePortalAccount(db: Kysely<Database>, email: string): Promise<boolean> {
  const user = await db
    .selectFrom("users")
    .select((eb) => [
      "password_hash",
      eb
        .exists(eb.selectFrom("memberships").select("role").whereRef("memberships.user_id", "=", "users.id").where("role", "!=", "partner"))
        .as("above_partner"),
    ])
    .where("email", "=", email)
    .executeTakeFirst();
  return !user || (user.password_hash === null && !user.above_partner);
}

export type SignInLinkResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * E-mails a sign-in link when the address belongs to a contact of the network.
 * The answer is the same either way, so nobody learns who is a contact.
 */
export async function requestPortalSignIn(
  db: Kysely<Database>,
  input: {
    network: { id: string; slug: string; name: string; default_locale: string };
    email: string;
    clientAddress: string;
    appUrl: string;
  },
  now = new Date(),
): Promise<SignInLinkResult> {
  const limit = await takeHits(
    db,
    [
      { key: clientKey(input.clientAddress), rule: portalSignInLimits.client },
      { key: emailKey(input.email), rule: portalSignInLimits.email },
    ],
    now,
  );
  if (!limit.allowed) return { ok: false, retryAfterSeconds: limit.retryAfterSeconds };

  const contact = await db
    .selectFrom("partner_contacts")
    .select(["id", "name", "email", "locale"])
    .where("network_id", "=", input.network.id)
    .where("email", "=", input.email)
    .executeTakeFirst();
  if (!contact || !(await mayUsePortalAccount(db, contact.email))) return { ok: true };
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("partner_sign_in_tokens")
      .values({
        token_hash: hashToken(token),
        contact_id: contact.id,
        expires_at: new Date(now.getTime() + SIGN_IN_LINK_MINUTES * 60 * 1000),
      })
      .execute();
    await queueEmail(trx, {
      kind: "partner-sign-in",
      to: contact.email,
      locale: messageLocale(contact.locale, input.network.default_locale),
      networkId: input.network.id,
      params: {
        name: contact.name,
        networkName: input.network.name,
        signInUrl: `${input.appUrl}/n/${input.network.slug}/portal/signin/${token}`,
        validMinutes: SIGN_IN_LINK_MINUTES,
      },
    });
  });
  return { ok: true };
}

function usableLink(db: Kysely<Database>, networkId: string, token: string, now: Date) {
  return db
    .selectFrom("partner_sign_in_tokens as t")
    .innerJoin("partner_contacts as c", "c.id", "t.contact_id")
    .innerJoin("partner_organisations as o", "o.id", "c.partner_id")
    .where("t.token_hash", "=", hashToken(token))
    .where("t.used_at", "is", null)
    .where("t.expires_at", ">", now)
    .where("c.network_id", "=", networkId);
}

/** Who a link signs in, without using it: mail scanners that open links must not spend them. */
export async function describeSignInLink(db: Kysely<Database>, networkId: string, token: string, now = new Date()) {
  return usableLink(db, networkId, token, now).select(["c.email", "c.name", "o.name as organisation"]).executeTakeFirst();
}

/**
 * Spends a link (one UPDATE, so it works once even when clicked twice at the
 * same moment) and signs its contact in: their portal account is created or
 * reused, joins the network as a partner and is tied to the contact. An
 * address that has since become a password or organiser account spends the
 * link and signs nobody in.
 */
export async function consumeSignInLink(
  db: Kysely<Database>,
  networkId: string,
  token: string,
  now = new Date(),
): Promise<{ userId: string } | undefined> {
  return db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable("partner_sign_in_tokens")
      .set({ used_at: now })
      .where("token_hash", "=", hashToken(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .where("contact_id", "in", (eb) => eb.selectFrom("partner_contacts").select("id").where("network_id", "=", networkId))
      .returning("contact_id")
      .executeTakeFirst();
    if (!spent) return undefined;
    const contact = await trx
      .selectFrom("partner_contacts")
      .select(["id", "name", "email", "locale"])
      .where("id", "=", spent.contact_id)
      .executeTakeFirstOrThrow();
    if (!(await mayUsePortalAccount(trx, contact.email))) return undefined;
    await trx
      .insertInto("users")
      .values({ email: contact.email, name: contact.name, password_hash: null, locale: isLocale(contact.locale) ? contact.locale : null })
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
    const user = await trx.selectFrom("users").select("id").where("email", "=", contact.email).executeTakeFirstOrThrow();
    if (!(await getMembershipRole(trx, networkId, user.id))) await addMembership(trx, networkId, user.id, "partner");
    await trx
      .updateTable("partner_contacts")
      .set({ user_id: user.id, updated_at: sql`now()` })
      .where("id", "=", contact.id)
      .execute();
    await recordAudit(trx, {
      networkId,
      actorUserId: user.id,
      action: "partner.portal-signed-in",
      subjectType: "user",
      subjectId: user.id,
    });
    return { userId: user.id };
  });
}

export async function deleteExpiredSignInLinks(db: Kysely<Database>, now: Date) {
  await db.deleteFrom("partner_sign_in_tokens").where("expires_at", "<", now).execute();
}
