import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { isLocale, type Locale } from "~/i18n/locales";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { getEnv } from "~/utils/env.server";
import { takeHits, type RateLimitOutcome, type RateLimitRule } from "~/utils/rate-limit.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { hashPassword } from "./passwords.server";
import { destroyAllSessions } from "./sessions.server";

export const RESET_VALID_MINUTES = 60;

/**
 * Reset links are e-mails: one client address can ask for a few, for anybody,
 * and one account receives a few, whoever asks.
 */
export const resetRequestLimits = {
  address: { limit: 10, windowSeconds: 60 * 60 } satisfies RateLimitRule,
  account: { limit: 5, windowSeconds: 60 * 60 } satisfies RateLimitRule,
};

/**
 * Emails a single-use reset link when the address has an account and no limit
 * is reached. The caller answers the same either way, so the form does not
 * reveal who has an account.
 */
export async function requestPasswordReset(
  db: Kysely<Database>,
  input: { email: string; locale: Locale; clientAddress: string },
): Promise<RateLimitOutcome> {
  const email = input.email.toLowerCase();
  const limit = await takeHits(db, [
    { key: `password-reset:address:${input.clientAddress}`, rule: resetRequestLimits.address },
    { key: `password-reset:account:${hashToken(email)}`, rule: resetRequestLimits.account },
  ]);
  if (!limit.allowed) return limit;
  const user = await db.selectFrom("users").select(["id", "name", "email", "locale"]).where("email", "=", email).executeTakeFirst();
  if (!user) return limit;
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("password_reset_tokens")
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        expires_at: new Date(Date.now() + RESET_VALID_MINUTES * 60 * 1000),
      })
      .execute();
    await queueEmail(trx, {
      kind: "password-reset",
      to: user.email,
      locale: isLocale(user.locale) ? user.locale : input.locale,
      networkId: null,
      params: {
        name: user.name,
        resetUrl: `${getEnv().appUrl}/reset-password/${token}`,
        validMinutes: RESET_VALID_MINUTES,
      },
    });
  });
  return limit;
}

/** The account a reset link belongs to, if the link is unused and still valid. */
export async function findResetAccount(db: Kysely<Database>, token: string) {
  return db
    .selectFrom("password_reset_tokens")
    .innerJoin("users", "users.id", "password_reset_tokens.user_id")
    .select(["users.id", "users.email"])
    .where("password_reset_tokens.token_hash", "=", hashToken(token))
    .where("password_reset_tokens.used_at", "is", null)
    .where("password_reset_tokens.expires_at", ">", new Date())
    .executeTakeFirst();
}

/** Sets the new password, spends the link and signs out every existing session. */
export async function resetPassword(db: Kysely<Database>, input: { token: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const spent = await trx
      .updateTable("password_reset_tokens")
      .set({ used_at: new Date() })
      .where("token_hash", "=", hashToken(input.token))
      .where("used_at", "is", null)
      .where("expires_at", ">", new Date())
      .returning("user_id")
      .executeTakeFirst();
    if (!spent) return { ok: false as const };
    await trx.updateTable("users").set({ password_hash: passwordHash, updated_at: new Date() }).where("id", "=", spent.user_id).execute();
    await destroyAllSessions(trx, spent.user_id);
    await recordAudit(trx, { actorUserId: spent.user_id, action: "user.password-reset", subjectType: "user", subjectId: spent.user_id });
    return { ok: true as const, userId: spent.user_id };
  });
}
