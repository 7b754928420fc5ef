import { sql, type Insertable, type Kysely } from "kysely";
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

/**
 * The network's one-off messages (confirmations, invitations, sign-in links,
 * reminders), newest first, each with its latest state and the latest server
 * answer: what organisers look at when someone says "I never got it".
 * Addresses and subjects only, never bodies (which carry private links).
 */
export async function listOneOffMessages(
  db: Kysely<Database>,
  networkId: string,
  { search = "", limit = 100 }: { search?: string; limit?: number } = {},
) {
  let query = db
    .selectFrom("email_outbox as o")
    .select((eb) => [
      "o.id",
      "o.to_address",
      "o.subject",
      "o.created_at",
      eb
        .selectFrom("mail_events as e")
        .select("e.kind")
        .whereRef("e.outbox_id", "=", "o.id")
        .orderBy("e.created_at", "desc")
        .orderBy("e.id", "desc")
        .limit(1)
        .as("last_kind"),
      eb
        .selectFrom("mail_events as e")
        .select(sql<string>`concat_ws(' ', e.dsn_status, e.diagnostic)`.as("answer"))
        .whereRef("e.outbox_id", "=", "o.id")
        .where("e.kind", "in", ["deferred", "failed", "bounced", "complained"])
        .orderBy("e.created_at", "desc")
        .limit(1)
        .as("answer"),
    ])
    .where("o.network_id", "=", networkId)
    .where("o.kind", "<>", "mailing")
    .where("o.to_address", "<>", "");
  const term = search.trim().toLowerCase();
  if (term) query = query.where("o.to_address", "like", `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const messages = await query.orderBy("o.created_at", "desc").limit(limit).execute();
  const events =
    messages.length === 0
      ? []
      : await db
          .selectFrom("mail_events")
          .select(["outbox_id", "kind", "created_at"])
          .where(
            "outbox_id",
            "in",
            messages.map((message) => message.id),
          )
          .orderBy("created_at")
          .orderBy("id")
          .execute();
  return messages.map((message) => ({ ...message, history: events.filter((event) => event.outbox_id === message.id) }));
}
