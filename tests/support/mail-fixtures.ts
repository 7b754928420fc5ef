import { readFileSync } from "node:fs";

/**
 * A bounce-mailbox sample from tests/fixtures/mail (real reports of Postfix,
 * Exim, Exchange Online, Gmail and Yahoo, addresses changed) with its
 * {{PLACEHOLDERS}} filled: OUTBOX_ID, RECIPIENT, MESSAGE_ID, MAILING_ID, TOKEN.
 */
export function mailFixture(name: string, values: Record<string, string>): string {
  return readFileSync(new URL(`../fixtures/mail/${name}.eml`, import.meta.url), "utf8")
    .replace(/\{\{([A-Z_]+)\}\}/g, (_, key: string) => values[key] ?? "")
    .replace(/\r?\n/g, "\r\n");
}
