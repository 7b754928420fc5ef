import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { database } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { takeHit, type RateLimitHit } from "~/utils/rate-limit.server";
import { ApiProblem, jsonAnswer, nonReadAnswer, problemAnswer } from "./http.server";
import { apiReaderFor, API_RATE_LIMITS, type ApiReader } from "./reader.server";

export interface ApiRequest {
  db: Kysely<Database>;
  reader: ApiReader;
  url: URL;
  params: LoaderFunctionArgs["params"];
  appUrl: string;
  now: Date;
}

/**
 * The one shape of every /api/v1 route: the reader (and its token) first,
 * then its rate limit, then the handler; answers and failures as JSON.
 */
export function apiLoader(handler: (request: ApiRequest) => Promise<unknown>) {
  return async ({ request, params, context }: LoaderFunctionArgs): Promise<Response> => {
    const db = await database();
    const clientAddress = context.clientAddress;
    let limit: number = API_RATE_LIMITS.address.limit;
    let hit: RateLimitHit | undefined;
    let authorised = false;
    try {
      const now = new Date();
      const reader = await apiReaderFor(db, request, { clientAddress, now, ...(params.network ? { networkSlug: params.network } : {}) });
      authorised = reader.authorised;
      limit = reader.rule.limit;
      hit = await takeHit(db, reader.rateLimitKey, reader.rule);
      if (!hit.allowed) throw new ApiProblem(429, "Too many requests", undefined, hit.retryAfterSeconds);
      const body = await handler({ db, reader, url: new URL(request.url), params, appUrl: getEnv().appUrl, now });
      return jsonAnswer(body, { request, authorised, limit, hit });
    } catch (error) {
      if (error instanceof ApiProblem) return problemAnswer(error, { authorised, limit, ...(hit ? { hit } : {}) });
      throw error;
    }
  };
}

/** Preflights and refusals of other methods, for every API route. */
export const apiAction = ({ request }: ActionFunctionArgs) => nonReadAnswer(request);
