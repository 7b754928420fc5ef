import { stringify } from "csv-stringify/sync";
import { sql, type Kysely } from "kysely";
import type { Database, MailEventKind } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { recordAudit } from "~/modules/audit/audit.server";
import { logMailEvents } from "~/modules/mail/log.server";
import { spreadsheetSafe } from "~/utils/spreadsheet";
import { recipientStatuses, type RecipientStatus } from "./mailings.schema";

/**
 * One row per recipient with what its log says: whether each lasting state
 * happened, the latest state, and the latest server answer or report.
 */
function recipientsWithLog(db: Kysely<Database>, mailingId: string) {
  return db
    .selectFrom("mailing_recipients as r")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("mail_events as e")
          .whereRef("e.outbox_id", "=", "r.outbox_id")
          .select([
            sql<boolean>`coalesce(bool_or(e.kind = 'complained'), false)`.as("complained"),
            sql<boolean>`coalesce(bool_or(e.kind = 'unsubscribed'), false)`.as("unsubscribed"),
            sql<boolean>`coalesce(bool_or(e.kind = 'bounced'), false)`.as("bounced"),
            sql<MailEventKind | null>`(array_agg(e.kind order by e.created_at desc, e.id desc) filter (where e.kind in ('queued', 'handed', 'deferred', 'delivered', 'failed')))[1]`.as(
              "last_delivery_kind",
            ),
            sql<string | null>`(array_agg(e.bounce_class order by e.created_at desc) filter (where e.kind = 'bounced'))[1]`.as(
              "bounce_class",
            ),
            sql<string | null>`(array_agg(e.dsn_status order by e.created_at desc) filter (where e.dsn_status is not null))[1]`.as(
              "dsn_status",
            ),
            sql<
              string | null
            >`(array_agg(e.diagnostic order by e.created_at desc) filter (where e.kind in ('deferred', 'failed', 'bounced', 'complained')))[1]`.as(
              "diagnostic",
            ),
            sql<Date | null>`max(e.created_at)`.as("last_at"),
          ])
          .as("ev"),
      (join) => join.onTrue(),
    )
    .where("r.mailing_id", "=", mailingId);
}

/**
 * A recipient's status: complaints, unsubscribes, skips and bounces last
 * (a message delivered and then bounced or unsubscribed from counts as that);
 * otherwise the latest delivery state.
 */
const statusExpression = sql<RecipientStatus>`case
  when ev.complained then 'complained'
  when r.state = 'unsubscribed' or ev.unsubscribed then 'unsubscribed'
  when r.state = 'suppressed' then 'suppressed'
  when ev.bounced then 'bounced'
  when ev.last_delivery_kind = 'failed' then 'failed'
  when ev.last_delivery_kind = 'delivered' then 'sent'
  when ev.last_delivery_kind = 'deferred' then 'deferred'
  else 'queued' end`;

export async function mailingReport(db: Kysely<Database>, mailingId: string) {
  const rows = await db
    .selectFrom(recipientsWithLog(db, mailingId).select(statusExpression.as("status")).as("s"))
    .select(["s.status", (eb) => eb.fn.countAll<number>().as("count")])
    .groupBy("s.status")
    .execute();
  const counts = Object.fromEntries(recipientStatuses.map((status) => [status, 0])) as Record<RecipientStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.count);
  return { counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}

export interface RecipientFilter {
  status?: RecipientStatus;
  /** Part of the address, the name or the organisation. */
  search?: string;
}

function filteredRecipients(db: Kysely<Database>, mailingId: string, filter: RecipientFilter) {
  let query = db.selectFrom(
    recipientsWithLog(db, mailingId)
      .select([
        "r.id",
        "r.position",
        "r.email",
        "r.contact_name",
        "r.partner_name",
        "r.language",
        "r.outbox_id",
        statusExpression.as("status"),
        "ev.bounce_class",
        "ev.dsn_status",
        "ev.diagnostic",
        "ev.last_at",
      ])
      .as("s"),
  );
  if (filter.status) query = query.where("s.status", "=", filter.status);
  const search = filter.search?.trim().toLowerCase();
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb("s.email", "like", pattern),
        eb(eb.fn("lower", ["s.contact_name"]), "like", pattern),
        eb(eb.fn("lower", ["s.partner_name"]), "like", pattern),
      ]),
    );
  }
  return query;
}

/** A page of the report's recipients, in sending order, with how many match the filter. */
export async function listRecipients(
  db: Kysely<Database>,
  mailingId: string,
  filter: RecipientFilter,
  { limit = 100, offset = 0 }: { limit?: number; offset?: number } = {},
) {
  const [rows, total] = await Promise.all([
    filteredRecipients(db, mailingId, filter).selectAll("s").orderBy("s.position").limit(limit).offset(offset).execute(),
    filteredRecipients(db, mailingId, filter)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, matching: Number(total.n) };
}

/** Each state of one recipient's message, with its time, oldest first. */
export async function recipientHistory(db: Kysely<Database>, mailingId: string, recipientIds: string[]) {
  if (recipientIds.length === 0) return [];
  return db
    .selectFrom("mail_events as e")
    .innerJoin("mailing_recipients as r", (join) =>
      join.on((eb) => eb.or([eb("e.outbox_id", "=", eb.ref("r.outbox_id")), eb("e.recipient_id", "=", eb.ref("r.id"))])),
    )
    .select(["r.id as recipientId", "e.kind", "e.bounce_class", "e.dsn_status", "e.diagnostic", "e.created_at"])
    .where("r.mailing_id", "=", mailingId)
    .where("r.id", "in", recipientIds)
    .orderBy("e.created_at")
    .orderBy("e.id")
    .execute();
}

export const recipientCsvColumns = [
  "email",
  "name",
  "organisation",
  "language",
  "status",
  "bounce",
  "dsn_status",
  "diagnostic",
  "last_change",
] as const;

/** Every recipient matching the filter as CSV, for a spreadsheet. */
export async function exportRecipientsCsv(db: Kysely<Database>, mailingId: string, filter: RecipientFilter): Promise<string> {
  const rows = await filteredRecipients(db, mailingId, filter).selectAll("s").orderBy("s.position").execute();
  const records = rows.map((row) =>
    [
      row.email,
      row.contact_name,
      row.partner_name,
      row.language,
      row.status,
      row.bounce_class ?? "",
      row.dsn_status ?? "",
      row.diagnostic ?? "",
      row.last_at ? row.last_at.toISOString() : "",
    ].map(spreadsheetSafe),
  );
  return stringify([[...recipientCsvColumns], ...records]);
}

/**
 * Puts messages that failed after their retries back on the deliver-email
 * queue, except for people who unsubscribed or were suppressed since. A
 * bounced message is not retried: the rules decide about its contact.
 * Returns how many go out again.
 */
export async function retryFailedRecipients(db: Kysely<Database>, networkId: string, mailingId: string, actorUserId: string) {
  return db.transaction().execute(async (trx) => {
    const failed = await filteredRecipients(trx, mailingId, { status: "failed" })
      .innerJoin("mailing_recipients as r", "r.id", "s.id")
      .innerJoin("mailings as m", "m.id", "r.mailing_id")
      .leftJoin("partner_contacts as c", "c.id", "r.contact_id")
      .select(["s.id", "s.outbox_id", "c.subscribed", "c.suppressed_at"])
      .where("m.network_id", "=", networkId)
      .execute();
    let retried = 0;
    for (const recipient of failed) {
      if (!recipient.subscribed || recipient.suppressed_at || !recipient.outbox_id) continue;
      await trx
        .updateTable("email_outbox")
        .set({ status: "queued", last_error: null, updated_at: sql`now()` })
        .where("id", "=", recipient.outbox_id)
        .execute();
      await trx.updateTable("mailing_recipients").set({ handed_off: true }).where("id", "=", recipient.id).execute();
      await logMailEvents(trx, [{ outbox_id: recipient.outbox_id, kind: "queued" }]);
      await enqueueJob(trx, queues.deliverEmail, { outboxId: recipient.outbox_id });
      retried += 1;
    }
    await recordAudit(trx, {
      networkId,
      actorUserId,
      action: "mailing.retried",
      subjectType: "mailing",
      subjectId: mailingId,
      details: { retried },
    });
    return retried;
  });
}
