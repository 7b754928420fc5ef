import type { IncomingMessage, ServerResponse } from "node:http";
import { defaultLocale } from "~/i18n/locales";
import { getTranslator } from "~/i18n/registry";
import { localeFromAcceptLanguage } from "~/i18n/negotiate.server";
import type { MessageKey } from "~/i18n/translate";
import type { DatabaseHandle, Listener } from "~db/connection";
import { isDatabaseUnreachable, OUTAGE_RETRY_AFTER_SECONDS } from "~/utils/database-outage.server";
import { database, databaseHandle } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { hashToken } from "~/utils/tokens.server";
import { FeedCache, type CacheEntry } from "./cache.server";
import { loadFeed, type FeedSettings } from "./content.server";
import { FeedFiltersSchema, type FeedFilters, type FeedTarget } from "./feeds.schema";
import {
  bodyIn,
  chooseCoding,
  contentHash,
  headersFor,
  isNotModified,
  newRepresentation,
  notModifiedHeaders,
  PRIVATE_CACHE_CONTROL,
} from "./http.server";
import { recordSnapshot } from "./snapshots.server";
import { markTokenUsed } from "./tokens.server";
import { canonicalLanguage } from "~/modules/translations/languages";

/**
 * Serving feeds. A warm feed is answered from this process's memory without
 * querying the database or running the serializer; the cache is dropped per
 * network when PostgreSQL notifies a change (db/migrations/20261122020000_feeds.ts).
 * On PostgreSQL, where other processes make changes too, a request first
 * waits for the listening connection to catch up (one shared round trip).
 * The same code answers through Remix (the resource routes) and through the
 * fast path server.mjs puts ahead of Express.
 */
const cache = new FeedCache();
const building = new Map<string, { ticket: number; result: Promise<FeedOutcome> }>();
let listening: { handle: DatabaseHandle; listener: Promise<Listener> } | undefined;
/** The listener once it is up, for the request path. */
let activeListener: Listener | undefined;

type FeedFailure = { status: 400 | 404 | 410; message: MessageKey; private: boolean };
type FeedOutcome = CacheEntry | FeedFailure;

export const FEEDS_CHANNEL = "daymark_feeds";

/**
 * Follows change notifications on the process's database (again if the
 * process was pointed at another one); until it is up, feeds are built but not kept.
 */
async function ensureListening(): Promise<Listener> {
  const handle = await databaseHandle();
  if (listening?.handle !== handle) {
    cache.clear();
    const listener = handle.listen(FEEDS_CHANNEL, (networkId) => cache.invalidateNetwork(networkId));
    listening = { handle, listener };
    activeListener = undefined;
    listener.then(
      (started) => {
        started.onGap(() => cache.clear());
        if (listening?.listener === listener) activeListener = started;
      },
      () => {
        if (listening?.listener === listener) listening = undefined;
      },
    );
  }
  return listening.listener;
}

function settings(): FeedSettings {
  const env = getEnv();
  const address = env.mailFrom.match(/<([^>]+)>/)?.[1] ?? env.mailFrom;
  return { appUrl: env.appUrl, organizerEmail: address.trim() };
}

/** A filter query (country, language, mode), or undefined when a value is malformed. */
export function parseFilters(search: URLSearchParams): FeedFilters | undefined {
  const raw = {
    country: search.get("country") || undefined,
    language: search.get("language") || undefined,
    mode: search.get("mode") || undefined,
  };
  const parsed = FeedFiltersSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

function cacheKey(target: FeedTarget): string {
  return `${targetKey(target)}|${target.lang ?? ""}`;
}

function targetKey(target: FeedTarget): string {
  switch (target.kind) {
    case "network":
      return `network|${target.network}|${filterKey(target.filters)}`;
    case "campaign":
      return `campaign|${target.network}|${target.campaignId}|${filterKey(target.filters)}`;
    case "partner":
      return `partner|${target.network}|${target.partnerId}|${filterKey(target.filters)}`;
    case "day":
      return `day|${target.network}|${target.dayKey}|${filterKey(target.filters)}`;
    case "private":
      // Never keep a working token in memory longer than a request needs it.
      return `private|${target.network}|${hashToken(target.token)}`;
    case "event":
      return `event|${target.network}|${target.eventId}`;
  }
}

function filterKey(filters: FeedFilters) {
  return `${filters.country ?? ""}|${filters.language ?? ""}|${filters.mode ?? ""}`;
}

async function build(key: string, target: FeedTarget): Promise<FeedOutcome> {
  const listener = await ensureListening().catch(() => undefined);
  const ticket = cache.ticket();
  const db = await database();
  const content = await loadFeed(db, target, settings());
  if (content.status !== 200) {
    return {
      status: content.status,
      message: content.status === 410 ? "feeds.errors.gone" : "feeds.errors.notFound",
      private: content.private,
    };
  }
  const hash = contentHash(content.text);
  const lastModified = await recordSnapshot(db, {
    feedKey: content.snapshotKey,
    networkId: content.networkId,
    contentHash: hash,
  });
  const entry: CacheEntry = {
    representation: newRepresentation({
      networkId: content.networkId,
      text: content.text,
      hash,
      lastModified,
      private: content.private,
    }),
    expiresAt: content.changesAt ?? Number.POSITIVE_INFINITY,
    ...(content.tokenId ? { tokenId: content.tokenId } : {}),
  };
  if (listener?.connected) cache.store(key, entry, ticket);
  return entry;
}

/** The feed from memory, else built once however many requests ask at the same time. */
function obtain(key: string, target: FeedTarget): CacheEntry | Promise<FeedOutcome> {
  const cached = cache.get(key, Date.now());
  if (cached) return cached;
  const inFlight = building.get(key);
  if (inFlight && cache.unchangedSince(inFlight.ticket)) return inFlight.result;
  const ticket = cache.ticket();
  const result = build(key, target).finally(() => {
    if (building.get(key)?.result === result) building.delete(key);
  });
  building.set(key, { ticket, result });
  return result;
}

/** Private feeds show organisers when they were last used: written at most every 15 minutes per token. */
const TOKEN_USE_RESOLUTION_MS = 15 * 60 * 1000;
const tokenUses = new Map<string, number>();

function noteTokenUse(tokenId: string | undefined) {
  if (!tokenId) return;
  const now = Date.now();
  if (now - (tokenUses.get(tokenId) ?? 0) < TOKEN_USE_RESOLUTION_MS) return;
  tokenUses.set(tokenId, now);
  void database()
    .then((db) => markTokenUsed(db, tokenId, new Date(now)))
    .catch((error) => console.error("Could not record a feed token's use:", error));
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

interface RequestFacts {
  method: string;
  acceptEncoding: string | undefined;
  ifNoneMatch: string | undefined;
  ifModifiedSince: string | undefined;
  acceptLanguage: string | undefined;
}

function failureAnswer(failure: FeedFailure, acceptLanguage: string | undefined, method: string): Answer {
  const t = getTranslator(localeFromAcceptLanguage(acceptLanguage ?? null) ?? defaultLocale);
  const body = Buffer.from(`${t(failure.message)}\n`, "utf8");
  return {
    status: failure.status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(body.length),
      // Unknown and revoked tokens look alike, and nothing about them is kept.
      "Cache-Control": failure.private || failure.status === 400 ? PRIVATE_CACHE_CONTROL : "public, max-age=60",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
    },
    body: method === "HEAD" ? null : body,
  };
}

/** The answer for a cached feed; synchronous unless a coding is being compressed for the first time. */
function entryAnswer(entry: CacheEntry, facts: RequestFacts): Answer | Promise<Answer> {
  noteTokenUse(entry.tokenId);
  const representation = entry.representation;
  const coding = chooseCoding(facts.acceptEncoding);
  if (isNotModified(representation, facts.ifNoneMatch, facts.ifModifiedSince)) {
    return { status: 304, headers: notModifiedHeaders(representation, coding), body: null };
  }
  const body = bodyIn(representation, coding);
  const answer = (bytes: Buffer): Answer => ({
    status: 200,
    headers: headersFor(representation, coding, bytes.length),
    body: facts.method === "HEAD" ? null : bytes,
  });
  return Buffer.isBuffer(body) ? answer(body) : body.then(answer);
}

/** Feed paths that cannot be answered: malformed filters (400) and undecodable segments (404). */
type UnservedUrl = "bad-filter" | "malformed";

function answerFor(target: FeedTarget | UnservedUrl, facts: RequestFacts): Answer | Promise<Answer> {
  if (target === "bad-filter") {
    return failureAnswer({ status: 400, message: "feeds.errors.badFilter", private: false }, facts.acceptLanguage, facts.method);
  }
  if (target === "malformed") {
    return failureAnswer({ status: 404, message: "feeds.errors.notFound", private: true }, facts.acceptLanguage, facts.method);
  }
  const key = cacheKey(target);
  const settle = (result: FeedOutcome) =>
    "representation" in result ? entryAnswer(result, facts) : failureAnswer(result, facts.acceptLanguage, facts.method);
  const answer = () => {
    const outcome = obtain(key, target);
    return outcome instanceof Promise ? outcome.then(settle) : settle(outcome);
  };
  // Changes committed before this request, by any process, must be handled before the cache is read.
  const catchingUp = activeListener?.connected ? activeListener.caughtUp() : undefined;
  if (!catchingUp) return answer();
  return catchingUp.then(answer, () => {
    cache.clear();
    return answer();
  });
}

/** For the Remix resource routes: the same answers as the fast path. */
export async function feedResponse(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const target = feedTargetOfUrl(url.pathname + url.search) ?? { kind: "network", network: "", filters: {} };
  const headers = request.headers;
  const answer = await answerFor(target, {
    method: request.method,
    acceptEncoding: headers.get("accept-encoding") ?? undefined,
    ifNoneMatch: headers.get("if-none-match") ?? undefined,
    ifModifiedSince: headers.get("if-modified-since") ?? undefined,
    acceptLanguage: headers.get("accept-language") ?? undefined,
  });
  // A copy in a plain ArrayBuffer, as the fetch Response type wants.
  const body = answer.body ? new Uint8Array(answer.body).buffer : null;
  return new Response(body, { status: answer.status, headers: answer.headers });
}

const feedPaths: [RegExp, (match: RegExpExecArray) => FeedTarget | undefined][] = [
  [/^\/n\/([^/]+)\/calendar\.ics$/, (m) => ({ kind: "network", network: m[1]!, filters: {} })],
  [/^\/n\/([^/]+)\/campaigns\/([^/]+)\/calendar\.ics$/, (m) => ({ kind: "campaign", network: m[1]!, campaignId: m[2]!, filters: {} })],
  [/^\/n\/([^/]+)\/partners\/([^/]+)\/calendar\.ics$/, (m) => ({ kind: "partner", network: m[1]!, partnerId: m[2]!, filters: {} })],
  [/^\/n\/([^/]+)\/days\/([^/]+)\/calendar\.ics$/, (m) => ({ kind: "day", network: m[1]!, dayKey: m[2]!, filters: {} })],
  [/^\/n\/([^/]+)\/feeds\/([^/]+)\/calendar\.ics$/, (m) => ({ kind: "private", network: m[1]!, token: m[2]! })],
  [/^\/n\/([^/]+)\/events\/([^/]+)\/calendar\.ics$/, (m) => ({ kind: "event", network: m[1]!, eventId: m[2]! })],
];

/** The feed a request path names (with its query), why it cannot be served, or undefined for other paths. */
export function feedTargetOfUrl(url: string): FeedTarget | UnservedUrl | undefined {
  const queryAt = url.indexOf("?");
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  if (!path.endsWith("/calendar.ics") || !path.startsWith("/n/")) return undefined;
  for (const [pattern, toTarget] of feedPaths) {
    const match = pattern.exec(path);
    if (!match) continue;
    let target: FeedTarget | undefined;
    try {
      target = toTarget(match.map((part) => decodeURIComponent(part)) as unknown as RegExpExecArray);
    } catch {
      return "malformed";
    }
    if (!target) return "malformed";
    const lang = queryAt === -1 ? null : new URLSearchParams(url.slice(queryAt + 1)).get("lang");
    if (lang) {
      const tag = canonicalLanguage(lang);
      if (!tag) return "bad-filter";
      target.lang = tag;
    }
    if (target.kind === "network" || target.kind === "campaign" || target.kind === "partner" || target.kind === "day") {
      const filters = queryAt === -1 ? {} : parseFilters(new URLSearchParams(url.slice(queryAt + 1)));
      if (!filters) return "bad-filter";
      target.filters = filters;
    }
    return target;
  }
  return undefined;
}

/** Warm answers by URL, so that a repeated poll skips even parsing its URL (public feeds only). */
const targetsByUrl = new Map<string, FeedTarget | UnservedUrl>();

/**
 * The fast path for server.mjs: answers GET and HEAD for feed URLs straight
 * from node:http and returns true; returns false for anything else.
 */
export function handleFeedRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url;
  if ((req.method !== "GET" && req.method !== "HEAD") || url === undefined || !url.startsWith("/n/")) return false;
  let target = targetsByUrl.get(url);
  if (target === undefined) {
    target = feedTargetOfUrl(url);
    if (target === undefined) return false;
    if (typeof target === "string" || target.kind !== "private") {
      if (targetsByUrl.size >= 10_000) targetsByUrl.clear();
      targetsByUrl.set(url, target);
    }
  }
  const headers = req.headers;
  const facts: RequestFacts = {
    method: req.method,
    acceptEncoding: headers["accept-encoding"],
    ifNoneMatch: headers["if-none-match"],
    ifModifiedSince: headers["if-modified-since"],
    acceptLanguage: headers["accept-language"],
  };
  const send = (answer: Answer) => {
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body ?? undefined);
  };
  try {
    const answer = answerFor(target, facts);
    if (answer instanceof Promise) answer.then(send, (error) => failed(res, error));
    else send(answer);
  } catch (error) {
    failed(res, error);
  }
  return true;
}

function failed(res: ServerResponse, error: unknown) {
  console.error("Feed failed:", error);
  // A calendar app that gets 503 with Retry-After keeps what it has and polls again later.
  const unreachable = isDatabaseUnreachable(error);
  if (!res.headersSent) {
    res.writeHead(unreachable ? 503 : 500, {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "no-store",
      ...(unreachable ? { "Retry-After": String(OUTAGE_RETRY_AFTER_SECONDS) } : {}),
    });
  }
  res.end(unreachable ? "The calendar is briefly unavailable.\n" : "Internal error\n");
}
