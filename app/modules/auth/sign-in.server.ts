import type { Kysely } from "kysely";
import type { Database, User } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { countHit, resetCounter, retryAfterSeconds, type RateLimitRule } from "~/utils/rate-limit.server";
import { hashToken } from "~/utils/tokens.server";
import { verifyAgainstDecoy, verifyPassword } from "./passwords.server";

/** Failed sign-ins allowed per account and per client address in each window. */
export const signInLimits = {
  account: { limit: 5, windowSeconds: 15 * 60 } satisfies RateLimitRule,
  address: { limit: 30, windowSeconds: 15 * 60 } satisfies RateLimitRule,
};

export type SignInResult =
  { ok: true; user: User } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

// The e-mail address is hashed so that the counters hold no personal data.
const accountKey = (email: string) => `sign-in:account:${hashToken(email)}`;
const addressKey = (address: string) => `sign-in:address:${address}`;

export async function signInWithPassword(
  db: Kysely<Database>,
  input: { email: string; password: string; clientAddress: string },
  now = new Date(),
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const wait = Math.max(
    await retryAfterSeconds(db, accountKey(email), signInLimits.account, now),
    await retryAfterSeconds(db, addressKey(input.clientAddress), signInLimits.address, now),
  );
  if (wait > 0) return { ok: false, reason: "rate-limited", retryAfterSeconds: wait };

  const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  const valid = user?.password_hash ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDecoy(input.password);

  if (!user || !valid) {
    await countHit(db, accountKey(email), signInLimits.account, now);
    await countHit(db, addressKey(input.clientAddress), signInLimits.address, now);
    return { ok: false, reason: "invalid" };
  }
  await resetCounter(db, accountKey(email));
  await recordAudit(db, { actorUserId: user.id, action: "user.signed-in", subjectType: "user", subjectId: user.id });
  return { ok: true, user };
}
