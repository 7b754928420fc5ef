import { createHmac } from "node:crypto";
import { getEnv } from "~/utils/env.server";
import { hashToken } from "~/utils/tokens.server";

/**
 * The private manage link of a registration. Every message to the attendee
 * (confirmation, promotion, reminder, updates) must carry it, so the token is
 * derived from the registration id with the server's secret (HMAC-SHA256,
 * 256 bits) instead of being random: the database still stores only its
 * SHA-256, and a copy of the database alone opens no link.
 */
export function manageToken(registrationId: string): string {
  return createHmac("sha256", getEnv().sessionSecret).update(`registration-manage:${registrationId}`).digest("base64url");
}

export function manageTokenHash(registrationId: string): string {
  return hashToken(manageToken(registrationId));
}

export function manageUrl(registrationId: string): string {
  return `${getEnv().appUrl}/registrations/${manageToken(registrationId)}`;
}

/** The personal feed: every event this address holds a seat for in the network. */
export function personalFeedUrl(registrationId: string): string {
  return `${manageUrl(registrationId)}/calendar.ics`;
}
