import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { logMailEvents } from "~/modules/mail/log.server";
import { hashToken } from "~/utils/tokens.server";

function byToken(db: Kysely<Database>, token: string) {
  return db
    .selectFrom("mailing_recipients as r")
    .innerJoin("mailings as m", "m.id", "r.mailing_id")
    .innerJoin("networks as n", "n.id", "m.network_id")
    .leftJoin("partner_contacts as c", "c.id", "r.contact_id")
    .where("r.unsubscribe_token_hash", "=", hashToken(token));
}

/** What an unsubscribe link is about, to show before the reader confirms. */
export async function describeUnsubscribeLink(db: Kysely<Database>, token: string) {
  return byToken(db, token).select(["r.email", "n.name as networkName", "c.subscribed", "r.language"]).executeTakeFirst();
}

/**
 * Unsubscribes the contact a mailing was sent to (RFC 8058 one-click, the
 * footer link, or a message to the mailto: address). Idempotent: a second
 * click changes nothing. Every later mailing skips them; messages of a
 * mailing still being sent are skipped too. The message's log records it,
 * so the report counts people who unsubscribed after it arrived.
 */
export async function unsubscribeByToken(db: Kysely<Database>, token: string) {
  const link = await byToken(db, token)
    .select(["r.id", "r.outbox_id", "r.contact_id", "r.email", "n.name as networkName"])
    .executeTakeFirst();
  if (!link) return undefined;
  const logged = await db
    .selectFrom("mail_events")
    .select("id")
    .where("kind", "=", "unsubscribed")
    .where((eb) => (link.outbox_id ? eb("outbox_id", "=", link.outbox_id) : eb("recipient_id", "=", link.id)))
    .executeTakeFirst();
  if (!logged) {
    await logMailEvents(db, [
      link.outbox_id ? { outbox_id: link.outbox_id, kind: "unsubscribed" } : { recipient_id: link.id, kind: "unsubscribed" },
    ]);
  }
  if (link.contact_id) {
    await db
      .updateTable("partner_contacts")
      .set({ subscribed: false, unsubscribed_at: sql`coalesce(unsubscribed_at, now())`, updated_at: sql`now()` })
      .where("id", "=", link.contact_id)
      .execute();
  }
  return { email: link.email, networkName: link.networkName };
}
