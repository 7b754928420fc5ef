import { lookup } from "node:dns/promises";
import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import zlib from "node:zlib";
import { isPublicAddress } from "./addresses.server";

/**
 * Fetches an address that someone outside the operator typed in (a partner's
 * calendar, later a webhook) without letting it reach what it should not:
 * only http and https (webcal:// is https), each host name resolved once and
 * the connection pinned to the checked address (so a second DNS answer
 * cannot swap in a private one), at most a few redirects, each checked
 * again, and limits on time and size (a compressed body counts as
 * decompressed). Host names the operator or the network's owner allows skip
 * the address check, nothing else.
 */

export type SafeFetchErrorCode =
  | "invalid-url"
  | "scheme"
  | "credentials"
  | "dns"
  | "private-address"
  | "too-many-redirects"
  | "too-large"
  | "timeout"
  | "connection"
  | "http-status";

export class SafeFetchError extends Error {
  constructor(
    readonly code: SafeFetchErrorCode,
    /** What the message is about: a host, a status code, a limit. */
    readonly detail = "",
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export interface SafeFetchOptions {
  /** Lower-case host names exempt from the public-address rule. */
  allowedHosts?: readonly string[];
  headers?: Record<string, string>;
  maxBytes?: number;
  /** For the whole exchange, redirects included. */
  timeoutMs?: number;
  maxRedirects?: number;
  /** POST sends `body` (webhooks); redirects are then answers, not followed (give maxRedirects 0). */
  method?: "GET" | "POST";
  body?: Buffer;
}

export interface SafeFetchResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Empty for a 304. */
  body: Buffer;
  /** Where the answer came from, after redirects. */
  url: string;
}

export const safeFetchDefaults = { maxBytes: 10 * 1024 * 1024, timeoutMs: 20_000, maxRedirects: 3 };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The address as Daymark keeps it: webcal:// becomes https://; anything else
 * but http(s), or an address with a user name or password in it, is refused.
 */
export function normaliseFetchUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input.trim().replace(/^webcals?:\/\//i, "https://"));
  } catch {
    throw new SafeFetchError("invalid-url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new SafeFetchError("scheme", url.protocol.replace(/:$/, ""));
  if (url.username || url.password) throw new SafeFetchError("credentials");
  url.hash = "";
  return url;
}

/** The bare host name (no brackets around IPv6), lower case. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

/** The one address this request may connect to. */
async function checkedAddress(url: URL, allowedHosts: readonly string[]): Promise<{ address: string; family: number }> {
  const host = hostOf(url);
  const literal = isIP(host);
  const candidates = literal
    ? [{ address: host, family: literal }]
    : await lookup(host, { all: true, verbatim: true }).catch(() => {
        throw new SafeFetchError("dns", host);
      });
  if (candidates.length === 0) throw new SafeFetchError("dns", host);
  // Every answer must be public: a name that also points inward is refused whichever answer would be used.
  if (!allowedHosts.includes(host) && candidates.some((candidate) => !isPublicAddress(candidate.address))) {
    throw new SafeFetchError("private-address", host);
  }
  return candidates[0]!;
}

function pinnedLookup(address: string, family: number): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function decoded(response: IncomingMessage): NodeJS.ReadableStream {
  switch ((response.headers["content-encoding"] ?? "").toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return response.pipe(zlib.createGunzip());
    case "deflate":
      return response.pipe(zlib.createInflate());
    case "br":
      return response.pipe(zlib.createBrotliDecompress());
    default:
      return response;
  }
}

interface Hop {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function requestOnce(url: URL, pinned: { address: string; family: number }, options: Required<SafeFetchOptions>, signal: AbortSignal) {
  return new Promise<Hop>((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(
      url,
      {
        method: options.method,
        headers: { "Accept-Encoding": "gzip, deflate, br", ...options.headers },
        lookup: pinnedLookup(pinned.address, pinned.family),
        // A connection of its own: a pooled socket could be stale, or lead to another hop's address.
        agent: false,
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (REDIRECTS.has(status) || status === 304 || status < 200 || status >= 300) {
          response.resume();
          resolve({ status, headers: response.headers, body: Buffer.alloc(0) });
          return;
        }
        const declared = Number(response.headers["content-length"]);
        if (Number.isFinite(declared) && declared > options.maxBytes) {
          request.destroy();
          reject(new SafeFetchError("too-large", String(options.maxBytes)));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const body = decoded(response);
        body.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            request.destroy();
            reject(new SafeFetchError("too-large", String(options.maxBytes)));
            return;
          }
          chunks.push(chunk);
        });
        const fail = () =>
          reject(signal.aborted ? new SafeFetchError("timeout", String(options.timeoutMs)) : new SafeFetchError("connection", hostOf(url)));
        body.on("end", () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks) }));
        body.on("error", fail);
        response.on("error", fail);
        response.on("aborted", fail);
      },
    );
    request.on("error", (error) => {
      if (signal.aborted) reject(new SafeFetchError("timeout", String(options.timeoutMs)));
      else reject(error instanceof SafeFetchError ? error : new SafeFetchError("connection", hostOf(url)));
    });
    request.end(options.method === "POST" ? options.body : undefined);
  });
}

/**
 * GETs (or POSTs) `input`, following redirects. Throws SafeFetchError for a refused
 * address, a limit or a transport failure, and for any status but 2xx and 304.
 */
export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<SafeFetchResponse> {
  const settings: Required<SafeFetchOptions> = {
    allowedHosts: options.allowedHosts ?? [],
    headers: options.headers ?? {},
    maxBytes: options.maxBytes ?? safeFetchDefaults.maxBytes,
    timeoutMs: options.timeoutMs ?? safeFetchDefaults.timeoutMs,
    maxRedirects: options.maxRedirects ?? safeFetchDefaults.maxRedirects,
    method: options.method ?? "GET",
    body: options.body ?? Buffer.alloc(0),
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  try {
    let url = normaliseFetchUrl(input);
    for (let redirects = 0; ; redirects++) {
      const pinned = await Promise.race([
        checkedAddress(url, settings.allowedHosts),
        new Promise<never>((_, reject) =>
          controller.signal.addEventListener("abort", () => reject(new SafeFetchError("timeout", String(settings.timeoutMs)))),
        ),
      ]);
      const hop = await requestOnce(url, pinned, settings, controller.signal);
      if (REDIRECTS.has(hop.status) && hop.headers.location) {
        if (redirects >= settings.maxRedirects) throw new SafeFetchError("too-many-redirects", String(settings.maxRedirects));
        url = normaliseFetchUrl(new URL(hop.headers.location, url).toString());
        continue;
      }
      if (hop.status !== 304 && (hop.status < 200 || hop.status >= 300)) throw new SafeFetchError("http-status", String(hop.status));
      return { ...hop, url: url.toString() };
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Refuses, before it is saved, an address a fetch would refuse: a scheme, credentials, an unknown or private host. */
export async function checkDestination(input: string, allowedHosts: readonly string[] = []): Promise<URL> {
  const url = normaliseFetchUrl(input);
  await checkedAddress(url, allowedHosts);
  return url;
}
