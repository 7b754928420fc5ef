import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { takeHits, type RateLimitRule } from "~/utils/rate-limit.server";
import { hashToken } from "~/utils/tokens.server";

/**
 * Registration is open to anyone, so it is limited per client address (a
 * shared office or shelter connection registers several people) and per
 * e-mail address (stored only hashed in the counter's key).
 */
export const registrationLimits = {
  address: { limit: 30, windowSeconds: 3600 } satisfies RateLimitRule,
  email: { limit: 5, windowSeconds: 3600 } satisfies RateLimitRule,
};

/** Counts this attempt before any work; the seconds to wait when over a limit, else 0. */
export async function registrationAttempt(
  db: Kysely<Database>,
  input: { clientAddress: string; email: string },
  now = new Date(),
): Promise<number> {
  const outcome = await takeHits(
    db,
    [
      { key: `registration:address:${input.clientAddress}`, rule: registrationLimits.address },
      { key: `registration:email:${hashToken(input.email)}`, rule: registrationLimits.email },
    ],
    now,
  );
  return outcome.allowed ? 0 : outcome.retryAfterSeconds;
}
