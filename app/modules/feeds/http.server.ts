import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

/**
 * A built feed as HTTP: the bytes in each content coding (compressed once, on
 * first demand, off the main thread), and the headers of every answer worked
 * out in advance, so that a warm request only picks one.
 */
export type Coding = "identity" | "gzip" | "br";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface FeedRepresentation {
  networkId: string;
  /** The content hash; each coding's strong ETag adds its suffix. */
  hash: string;
  /** Last-Modified in whole seconds (HTTP dates have no finer grain). */
  lastModifiedSeconds: number;
  lastModified: string;
  cacheControl: string;
  identity: Buffer;
  coded: Partial<Record<Exclude<Coding, "identity">, Promise<Buffer>>>;
  headers: Partial<Record<Coding, Record<string, string>>>;
  notModified: Partial<Record<Coding, Record<string, string>>>;
}

export const PUBLIC_CACHE_CONTROL = "public, max-age=300";
export const PRIVATE_CACHE_CONTROL = "private, no-store";

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 32);
}

export function newRepresentation(input: {
  networkId: string;
  text: string;
  hash: string;
  lastModified: Date;
  private: boolean;
}): FeedRepresentation {
  const seconds = Math.floor(input.lastModified.getTime() / 1000);
  return {
    networkId: input.networkId,
    hash: input.hash,
    lastModifiedSeconds: seconds,
    lastModified: new Date(seconds * 1000).toUTCString(),
    cacheControl: input.private ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL,
    identity: Buffer.from(input.text, "utf8"),
    coded: {},
    headers: {},
    notModified: {},
  };
}

function etagOf(representation: FeedRepresentation, coding: Coding) {
  return coding === "identity" ? `"${representation.hash}"` : `"${representation.hash}-${coding}"`;
}

function commonHeaders(representation: FeedRepresentation, coding: Coding): Record<string, string> {
  return {
    ETag: etagOf(representation, coding),
    "Last-Modified": representation.lastModified,
    "Cache-Control": representation.cacheControl,
    Vary: "Accept-Encoding",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
  };
}

/** The bytes in a coding: compressed the first time somebody asks for it. */
export function bodyIn(representation: FeedRepresentation, coding: Coding): Promise<Buffer> | Buffer {
  if (coding === "identity") return representation.identity;
  let body = representation.coded[coding];
  if (!body) {
    body =
      coding === "gzip"
        ? gzipAsync(representation.identity, { level: 6 })
        : brotliAsync(representation.identity, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 5,
              [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
              [constants.BROTLI_PARAM_SIZE_HINT]: representation.identity.length,
            },
          });
    representation.coded[coding] = body;
  }
  return body;
}

export function headersFor(representation: FeedRepresentation, coding: Coding, length: number) {
  let headers = representation.headers[coding];
  if (!headers) {
    headers = {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Length": String(length),
      ...(coding === "identity" ? {} : { "Content-Encoding": coding }),
      ...commonHeaders(representation, coding),
    };
    representation.headers[coding] = headers;
  }
  return headers;
}

export function notModifiedHeaders(representation: FeedRepresentation, coding: Coding) {
  let headers = representation.notModified[coding];
  if (!headers) {
    headers = commonHeaders(representation, coding);
    representation.notModified[coding] = headers;
  }
  return headers;
}

/** br when the client takes it, else gzip, else the plain bytes (q=0 refuses a coding). */
export function chooseCoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return "identity";
  if (acceptEncoding === "gzip") return "gzip";
  let best: Coding = "identity";
  for (const part of acceptEncoding.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const refused = params.some((param) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(param));
    if (refused) continue;
    if (name === "br") return "br";
    if (name === "gzip" || name === "x-gzip" || name === "*") best = "gzip";
  }
  return best;
}

/**
 * RFC 9110 conditional GET: If-None-Match wins when present (any coding's tag
 * of the current content matches); otherwise If-Modified-Since.
 */
export function isNotModified(
  representation: FeedRepresentation,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    const current = representation.hash;
    for (const raw of ifNoneMatch.split(",")) {
      const tag = raw.trim();
      if (tag === "*") return true;
      const opaque = tag.startsWith("W/") ? tag.slice(2) : tag;
      if (opaque === `"${current}"` || opaque === `"${current}-gzip"` || opaque === `"${current}-br"`) return true;
    }
    return false;
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && representation.lastModifiedSeconds <= Math.floor(since / 1000);
  }
  return false;
}
