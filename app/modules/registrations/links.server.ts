import { createHmac, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, Registration } from "~db/types";
import { getEnv } from "~/utils/env.server";
import { hashToken } from "~/utils/tokens.server";

/**
 * The private manage link of a registration. Every message to the attendee
 * (confirmation, promotion, reminder, updates) must carry it, so the token is
 * derived from the registration id with a link key (HMAC-SHA256, 256 bits)
 * instead of being random: the database still stores only its SHA-256, and a
 * copy of the database alone opens no link. The keys are LINK_TOKEN_KEYS, not
 * the session secret: the first makes new links, all of them are accepted.
 */
function derive(key: string, registrationId: string): string {
  return createHmac("sha256", key).update(`registration-manage:${registrationId}`).digest("base64url");
}

/** The token and stored hash of a new registration's link, made with the current key. */
export function newManageToken(registrationId: string): { token: string; hash: string } {
  const token = derive(getEnv().linkTokenKeys[0]!, registrationId);
  return { token, hash: hashToken(token) };
}

/** Whether a token was made for this registration with one of the keys still in use. */
export function isManageToken(registrationId: string, token: string): boolean {
  const given = Buffer.from(token);
  return getEnv().linkTokenKeys.some((key) => {
    const expected = Buffer.from(derive(key, registrationId));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/**
 * The registration's link as its messages carry it: the one it already has,
 * as long as its key is still in use, so every message repeats the same link.
 * A link whose key was removed is replaced by one made with the current key.
 */
export async function manageTokenFor(trx: Kysely<Database>, registration: Pick<Registration, "id" | "manage_token_hash">): Promise<string> {
  for (const key of getEnv().linkTokenKeys) {
    const token = derive(key, registration.id);
    if (hashToken(token) === registration.manage_token_hash) return token;
  }
  const fresh = newManageToken(registration.id);
  await trx.updateTable("registrations").set({ manage_token_hash: fresh.hash }).where("id", "=", registration.id).execute();
  return fresh.token;
}

export function manageUrl(token: string): string {
  return `${getEnv().appUrl}/registrations/${token}`;
}

/** The personal feed: every event this address holds a seat for in the network. */
export function personalFeedUrl(token: string): string {
  return `${manageUrl(token)}/calendar.ics`;
}
