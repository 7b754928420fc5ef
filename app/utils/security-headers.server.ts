import { randomBytes } from "node:crypto";

/** A fresh value per page: Remix's inline scripts carry it, and nothing an attacker injects can. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * What a page may load: its own scripts (inline ones only with the page's
 * nonce), styles and images from Daymark itself (and data: images), no
 * plugins, no framing by other sites, forms posted only back to Daymark.
 * Style attributes stay allowed: two charts set a width or a colour inline,
 * and with images confined to 'self' a style cannot call another host.
 * Without a nonce, no inline script runs at all (pages answered before Remix).
 */
export function contentSecurityPolicy(nonce: string | undefined): string {
  return [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * For every response (server.mjs): HSTS when Daymark is served over https, so
 * browsers never try plain http for a year. The policy above is set by each
 * page itself (app/entry.server.tsx), with its nonce: a second policy header
 * would be enforced as well and block the page's scripts.
 */
export function transportSecurityHeaders(appUrl: string): Record<string, string> {
  return appUrl.startsWith("https://") ? { "Strict-Transport-Security": "max-age=31536000" } : {};
}

/**
 * X-Frame-Options for every response but the embeddable calendar's frame,
 * which sets its own frame-ancestors (app/modules/embed): a DENY beside it
 * would keep it out of the partners' sites it is meant for.
 */
export function framingHeaders(path: string): Record<string, string> {
  return /^\/n\/[^/]+\/embed\.html$/.test(path) ? {} : { "X-Frame-Options": "DENY" };
}
