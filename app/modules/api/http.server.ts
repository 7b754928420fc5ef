import { createHash } from "node:crypto";
import type { RateLimitHit } from "~/utils/rate-limit.server";

/**
 * The API's answers: JSON with a strong ETag (304 for a matching
 * If-None-Match), CORS for reading from any site (no credentials: the API never
 * reads cookies), RateLimit headers, and RFC 9457 problems for failures.
 */
export class ApiProblem extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 429,
    readonly title: string,
    readonly detail?: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(title);
  }
}

const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Link, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset",
};

/** Answers of a token are its own; anonymous ones may be shared by caches for a minute. */
function cacheControl(authorised: boolean) {
  return authorised ? "private, no-cache" : "public, max-age=60";
}

function rateLimitHeaders(limit: number, hit: RateLimitHit | undefined): Record<string, string> {
  if (!hit) return {};
  if (!hit.allowed) {
    return { "RateLimit-Limit": String(limit), "RateLimit-Remaining": "0", "RateLimit-Reset": String(hit.retryAfterSeconds) };
  }
  return { "RateLimit-Limit": String(limit), "RateLimit-Remaining": String(hit.remaining), "RateLimit-Reset": String(hit.resetSeconds) };
}

export interface AnswerContext {
  request: Request;
  authorised: boolean;
  limit: number;
  hit?: RateLimitHit;
}

export function jsonAnswer(body: unknown, context: AnswerContext, extraHeaders: Record<string, string> = {}): Response {
  const text = JSON.stringify(body);
  const hash = createHash("sha256").update(text).digest("base64url").slice(0, 32);
  const headers: Record<string, string> = {
    ...CORS_HEADERS,
    ...rateLimitHeaders(context.limit, context.hit),
    ...extraHeaders,
    ETag: `"${hash}"`,
    "Cache-Control": cacheControl(context.authorised),
    Vary: "Authorization, Accept-Encoding",
  };
  if (matchesTag(context.request.headers.get("if-none-match"), `"${hash}"`)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(context.request.method === "HEAD" ? null : text, {
    status: 200,
    headers: { ...headers, "Content-Type": "application/json; charset=utf-8" },
  });
}

/** RFC 9110 If-None-Match: weak comparison, a list of tags or `*`. */
function matchesTag(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(",").some((raw) => {
    const tag = raw.trim();
    return tag === "*" || (tag.startsWith("W/") ? tag.slice(2) : tag) === etag;
  });
}

export function problemAnswer(problem: ApiProblem, context: Omit<AnswerContext, "request">): Response {
  const body = {
    type: "about:blank",
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: {
      ...CORS_HEADERS,
      ...rateLimitHeaders(context.limit, context.hit),
      ...(problem.retryAfterSeconds ? { "Retry-After": String(problem.retryAfterSeconds) } : {}),
      ...(problem.status === 401 ? { "WWW-Authenticate": 'Bearer realm="daymark"' } : {}),
      "Content-Type": "application/problem+json; charset=utf-8",
      "Cache-Control": "no-store",
    },
  });
}

/**
 * Every other method: CORS preflights (a browser sends one before a GET with
 * an Authorization header) get 204, anything else 405.
 */
export function nonReadAnswer(request: Request): Response {
  if (request.method === "OPTIONS") {
    return new Response(null, {
      status: 204,
      headers: {
        ...CORS_HEADERS,
        "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
        "Access-Control-Allow-Headers": "Authorization, If-None-Match",
        "Access-Control-Max-Age": "86400",
      },
    });
  }
  return new Response(null, { status: 405, headers: { ...CORS_HEADERS, Allow: "GET, HEAD, OPTIONS" } });
}
