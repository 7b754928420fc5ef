import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import type { RateLimitRule } from "~/utils/rate-limit.server";
import { ApiProblem } from "./http.server";

/**
 * Who is reading the API. Without a token: a visitor, who sees what public
 * pages show. Limits count per client address, or per token.
 */
export interface ApiReader {
  authorised: boolean;
  /** Partners-only events, as a partner's private feed holds them. */
  partnersEvents: boolean;
  /** Every event's online link, as its hosts see it (isEntitledToOnlineLink). */
  onlineLinks: boolean;
  rateLimitKey: string;
  rule: RateLimitRule;
}

export const API_RATE_LIMITS = {
  address: { limit: 300, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

export async function apiReaderFor(
  _db: Kysely<Database>,
  request: Request,
  input: { clientAddress: string; networkSlug?: string },
): Promise<ApiReader> {
  if (request.headers.has("authorization")) throw new ApiProblem(401, "Unauthorized", "token");
  return {
    authorised: false,
    partnersEvents: false,
    onlineLinks: false,
    rateLimitKey: `api:address:${input.clientAddress}`,
    rule: API_RATE_LIMITS.address,
  };
}
