import type { Insertable, Kysely } from "kysely";
import type { Database, MailEventsTable } from "~db/types";

export type NewMailEvent = Insertable<MailEventsTable>;

/**
 * Appends states to the per-recipient log. A state read from a report that
 * was already read (same report Message-ID) is not logged twice.
 */
export async function logMailEvents(db: Kysely<Database>, events: NewMailEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const result = await db
    .insertInto("mail_events")
    .values(events.map((event) => ({ ...event, diagnostic: event.diagnostic?.slice(0, 1000) ?? null })))
    .onConflict((oc) => oc.columns(["outbox_id", "kind", "report_id"]).where("report_id", "is not", null).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

/** The states of one message, oldest first. */
export async function messageHistory(db: Kysely<Database>, outboxId: string) {
  return db
    .selectFrom("mail_events")
    .select(["kind", "bounce_class", "dsn_status", "diagnostic", "created_at"])
    .where("outbox_id", "=", outboxId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

/**
 * The RFC 3463 status of an SMTP answer: the enhanced code when the server
 * gave one ("550 5.1.1 User unknown"), else the class the reply code implies.
 */
export function smtpAnswerStatus(answer: { responseCode?: number; response?: string }): string | null {
  const enhanced = answer.response?.match(/^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/);
  if (enhanced) return enhanced[1]!;
  const code = answer.responseCode;
  return typeof code === "number" && code >= 400 && code < 600 ? `${Math.floor(code / 100)}.0.0` : null;
}
