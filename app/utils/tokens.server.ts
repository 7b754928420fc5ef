import { createHash, randomBytes } from "node:crypto";

/** A 256-bit random token for a private link, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What we store in place of a token: its SHA-256, so a database leak reveals no working link. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token's plausible shape, checked before touching the database. */
export function looksLikeToken(value: string | undefined): value is string {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);
}
