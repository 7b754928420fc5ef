import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { countHit, retryAfterSeconds, type RateLimitRule } from "~/utils/rate-limit.server";
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

const keys = (clientAddress: string, email: string) => [
  { key: `registration:address:${clientAddress}`, rule: registrationLimits.address },
  { key: `registration:email:${hashToken(email)}`, rule: registrationLimits.email },
];

/** Counts this attempt; the seconds to wait when over a limit, else 0. */
export async function registrationAttempt(
  db: Kysely<Database>,
  input: { clientAddress: string; email: string },
  now = new Date(),
): Promise<number> {
  let wait = 0;
  for (const { key, rule } of keys(input.clientAddress, input.email)) {
    wait = Math.max(wait, await retryAfterSeconds(db, key, rule, now));
  }
  if (wait > 0) return wait;
  for (const { key, rule } of keys(input.clientAddress, input.email)) await countHit(db, key, rule, now);
  return 0;
}
