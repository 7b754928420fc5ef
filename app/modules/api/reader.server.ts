import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import type { RateLimitRule } from "~/utils/rate-limit.server";
import { ApiProblem } from "./http.server";
import { findLiveApiToken, noteApiTokenUse } from "./tokens.server";

/**
 * Who is reading the API. Without a token: a visitor, who sees what public
 * pages show. With one: what its scopes allow, in its own network only.
 * Limits count per client address, or per token.
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
  token: { limit: 1200, windowSeconds: 60 },
} satisfies Record<string, RateLimitRule>;

export async function apiReaderFor(
  db: Kysely<Database>,
  request: Request,
  input: { clientAddress: string; networkSlug?: string; now: Date },
): Promise<ApiReader> {
  const authorization = request.headers.get("authorization");
  if (authorization === null) {
    return {
      authorised: false,
      partnersEvents: false,
      onlineLinks: false,
      rateLimitKey: `api:address:${input.clientAddress}`,
      rule: API_RATE_LIMITS.address,
    };
  }
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const token = bearer ? await findLiveApiToken(db, bearer) : undefined;
  if (!token) throw new ApiProblem(401, "Unauthorized", "token");
  if (input.networkSlug !== undefined) {
    const network = await db.selectFrom("networks").select("slug").where("id", "=", token.networkId).executeTakeFirst();
    // A token opens nothing in another network; saying so tells its holder nothing they do not know.
    if (network?.slug !== input.networkSlug) throw new ApiProblem(401, "Unauthorized", "token");
  }
  await noteApiTokenUse(db, token.id, input.now);
  return {
    authorised: true,
    partnersEvents: token.scopes.includes("partners_events"),
    onlineLinks: token.scopes.includes("online_links"),
    rateLimitKey: `api:token:${token.id}`,
    rule: API_RATE_LIMITS.token,
  };
}
