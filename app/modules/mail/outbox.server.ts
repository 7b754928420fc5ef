import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, OutboxAttachment } from "~db/types";
import { renderEmail, type EmailKind, type EmailParams } from "~emails/index";
import { singleLine } from "~emails/layout";
import type { Locale } from "~/i18n/locales";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { getEnv } from "~/utils/env.server";
import { logMailEvents } from "./log.server";

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
  const id = randomUUID();
  await db
    .insertInto("email_outbox")
    .values({ id, ...outboxRow(id, input) })
    .execute();
  await logMailEvents(db, [{ outbox_id: id, kind: "queued" }]);
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
    .values(inputs.map((input) => ({ id: input.id, ...outboxRow(input.id, input) })))
    .execute();
  await logMailEvents(
    db,
    inputs.map((input) => ({ outbox_id: input.id, kind: "queued" as const })),
  );
}

/**
 * VERP: the envelope sender names the message, so a bounce that arrives at
 * bounces+<id>@BOUNCE_DOMAIN tells which message failed, whatever the
 * remote server's report looks like. Unset BOUNCE_DOMAIN: MAIL_FROM's address.
 */
export function returnPathFor(outboxId: string, bounceDomain: string | undefined): string | null {
  return bounceDomain ? `bounces+${outboxId}@${bounceDomain}` : null;
}

function outboxRow<K extends EmailKind>(id: string, input: QueueEmailInput<K>) {
  const rendered = renderEmail(input.kind, input.locale, input.params);
  const headers = Object.fromEntries(Object.entries(input.headers ?? {}).map(([name, value]) => [name, singleLine(value)]));
  return {
    network_id: input.networkId,
    kind: input.kind,
    locale: input.locale,
    to_address: input.to,
    from_address: getEnv().mailFrom,
    return_path: returnPathFor(id, getEnv().bounceDomain),
    subject: rendered.subject,
    text_body: rendered.text,
    html_body: rendered.html,
    headers: JSON.stringify(headers),
    attachments: JSON.stringify(input.attachments ?? []),
    status: "queued" as const,
  };
}
