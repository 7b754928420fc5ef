import type { Kysely } from "kysely";
import type { Database, OutboxAttachment } from "~db/types";
import { renderEmail, type EmailKind, type EmailParams } from "~emails/index";
import { singleLine } from "~emails/layout";
import type { Locale } from "~/i18n/locales";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { getEnv } from "~/utils/env.server";

export interface QueueEmailInput<K extends EmailKind> {
  kind: K;
  to: string;
  locale: Locale;
  params: EmailParams<K>;
  /** The network the message belongs to; null for account messages such as a password reset. */
  networkId: string | null;
  headers?: Record<string, string>;
  attachments?: OutboxAttachment[];
}

/**
 * Renders a message and puts it in the outbox with its delivery job. Call it
 * with the transaction that makes the change the message reports: both commit
 * together or neither does.
 */
export async function queueEmail<K extends EmailKind>(db: Kysely<Database>, input: QueueEmailInput<K>) {
  const { id } = await db.insertInto("email_outbox").values(outboxRow(input)).returning("id").executeTakeFirstOrThrow();
  await enqueueJob(db, queues.deliverEmail, { outboxId: id });
  return id;
}

/**
 * Renders messages into the outbox without delivery jobs, in one statement,
 * for a sender that delivers them itself (the mailing dispatcher, which paces
 * a whole list). Each input carries the id its row gets.
 */
export async function insertOutboxMessages<K extends EmailKind>(
  db: Kysely<Database>,
  inputs: (QueueEmailInput<K> & { id: string })[],
): Promise<void> {
  if (inputs.length === 0) return;
  await db
    .insertInto("email_outbox")
    .values(inputs.map((input) => ({ id: input.id, ...outboxRow(input) })))
    .execute();
}

function outboxRow<K extends EmailKind>(input: QueueEmailInput<K>) {
  const rendered = renderEmail(input.kind, input.locale, input.params);
  const headers = Object.fromEntries(Object.entries(input.headers ?? {}).map(([name, value]) => [name, singleLine(value)]));
  return {
    network_id: input.networkId,
    kind: input.kind,
    locale: input.locale,
    to_address: input.to,
    from_address: getEnv().mailFrom,
    subject: rendered.subject,
    text_body: rendered.text,
    html_body: rendered.html,
    headers: JSON.stringify(headers),
    attachments: JSON.stringify(input.attachments ?? []),
    status: "queued" as const,
  };
}
