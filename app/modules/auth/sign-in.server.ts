import type { Kysely } from "kysely";
import type { Database, User } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { resetCounter, takeHits, type RateLimitRule } from "~/utils/rate-limit.server";
import { hashToken } from "~/utils/tokens.server";
import { verifyAgainstDecoy, verifyPassword } from "./passwords.server";

/**
 * Sign-in attempts, counted before the password is checked. The tight limit is
 * per account and client address, so guesses from elsewhere never lock the
 * owner out; each address and each account also have a wider one against
 * guessing spread over many accounts or many addresses. Every limit that is
 * filled again lengthens its next window (15 minutes, 30, 60, … up to 8 hours).
 */
export const signInLimits = {
  accountAddress: { limit: 5, windowSeconds: 15 * 60, maxLevel: 5 } satisfies RateLimitRule,
  address: { limit: 30, windowSeconds: 15 * 60, maxLevel: 5 } satisfies RateLimitRule,
  account: { limit: 50, windowSeconds: 15 * 60, maxLevel: 5 } satisfies RateLimitRule,
};

export type SignInResult =
  { ok: true; user: User } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

// The e-mail address is hashed so that the counters hold no personal data.
const accountKey = (email: string) => `sign-in:account:${hashToken(email)}`;
const accountAddressKey = (email: string, address: string) => `sign-in:account-address:${hashToken(`${email}\n${address}`)}`;
const addressKey = (address: string) => `sign-in:address:${address}`;

export async function signInWithPassword(
  db: Kysely<Database>,
  input: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const limit = await takeHits(
    db,
    [
      { key: accountAddressKey(email, input.clientAddress), rule: signInLimits.accountAddress },
      { key: addressKey(input.clientAddress), rule: signInLimits.address },
      { key: accountKey(email), rule: signInLimits.account },
    ],
    now,
  );
  if (!limit.allowed) return { ok: false, reason: "rate-limited", retryAfterSeconds: limit.retryAfterSeconds };

  const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  const valid = user?.password_hash ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDecoy(input.password);
  if (!user || !valid) return { ok: false, reason: "invalid" };

  await resetCounter(db, accountAddressKey(email, input.clientAddress));
  await resetCounter(db, accountKey(email));
  await recordAudit(db, { actorUserId: user.id, action: "user.signed-in", subjectType: "user", subjectId: user.id });
  return { ok: true, user };
}
