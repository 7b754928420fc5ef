import { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { plainPage } from "./plain-page.server";

/** How long a client is asked to wait while the database cannot be reached: about a PostgreSQL restart. */
export const OUTAGE_RETRY_AFTER_SECONDS = 30;

/** Errors of the network between the app and PostgreSQL. */
const connectionErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
/** SQLSTATEs of a server shutting down, starting up, or out of connections; class 08 is every connection exception. */
const serverUnavailableStates = new Set(["57P01", "57P02", "57P03", "53300"]);
/** node-postgres reports a dropped or timed-out connection with a message and no code. */
const lostConnectionMessages = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error",
];

/** Whether `error` means the database could not be reached, rather than a query gone wrong. */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (connectionErrorCodes.has(code) || serverUnavailableStates.has(code) || code.startsWith("08")))
    return true;
  if (lostConnectionMessages.some((message) => error.message.includes(message))) return true;
  // A failed connect to a host with several addresses arrives as an AggregateError of each attempt's error.
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnreachable);
  return isDatabaseUnreachable(error.cause);
}

interface RequestOutcome {
  databaseUnreachable: boolean;
}
const currentRequest = new AsyncLocalStorage<RequestOutcome>();

/** From Remix's handleError: remembers that the request being answered failed for want of the database. */
export function noteRequestError(error: unknown) {
  const outcome = currentRequest.getStore();
  if (outcome && isDatabaseUnreachable(error)) outcome.databaseUnreachable = true;
}

/** Whether the request being answered has met a database that cannot be reached. */
export function databaseUnreachableInThisRequest() {
  return currentRequest.getStore()?.databaseUnreachable ?? false;
}

const retryHeaders = { "Retry-After": String(OUTAGE_RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };

/**
 * Answers one request with `handle`; an answer that would have been a 5xx
 * because the database could not be reached goes out as 503 with
 * Retry-After instead, so browsers, feed readers and proxies know to come
 * back rather than take it for a broken page. (Document requests get a page
 * saying so from entry.server; resource routes and data requests keep
 * Remix's body with the corrected status.)
 */
export function answerDuringOutages(res: ServerResponse, handle: () => void) {
  const outcome: RequestOutcome = { databaseUnreachable: false };
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (outcome.databaseUnreachable && typeof args[0] === "number" && args[0] >= 500) {
      args[0] = 503;
      this.statusMessage = "Service Unavailable";
      if (typeof args[1] === "string") args[1] = this.statusMessage;
      for (const [name, value] of Object.entries(retryHeaders)) this.setHeader(name, value);
    }
    return (writeHead as (...all: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
  currentRequest.run(outcome, handle);
}

/** The page a reader gets while the database cannot be reached, in the reader's language. */
export async function outageResponse(headers: Headers) {
  const page = await plainPage({ status: 503, title: "errorPage.unavailable.title", body: "errorPage.unavailable.body" }, {
    cookie: headers.get("cookie") ?? undefined,
    "accept-language": headers.get("accept-language") ?? undefined,
  } satisfies IncomingHttpHeaders);
  return new Response(page.body, { status: page.status, headers: { ...page.headers, ...retryHeaders } });
}
