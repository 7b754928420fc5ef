import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { deliverOutboxMessage } from "~/modules/mail/delivery.server";
import { logMailEvents } from "~/modules/mail/log.server";
import { insertOutboxMessages } from "~/modules/mail/outbox.server";
import type { DomainSlots, Pacer } from "~/modules/mail/pacing";
import type { MailTimings } from "~/modules/mail/timing";
import type { MailTransport } from "~/modules/mail/transport.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { startSending } from "./mailings.server";
import { mailingHeaders, loadMailingContext, renderMailingMessage } from "./render.server";
import { queueMailingSentWebhook } from "~/modules/webhooks/queue.server";

export interface DispatchOptions {
  transport: MailTransport;
  appUrl: string;
  /** BOUNCE_DOMAIN: the mailto: unsubscribe address; unset, List-Unsubscribe has the https one only. */
  bounceDomain?: string;
  /** Paces this process's mailing messages (MAILING_RATE_PER_SECOND). */
  pacer: Pacer;
  slots: DomainSlots;
  /** The lease and the slice a job works before handing over derive from MAIL_TIMEOUT_SECONDS. */
  timings: MailTimings;
  /** Delay before the deliver-email queue retries a temporary failure (it then backs off). */
  retryDelaySeconds: number;
  /** True while one-off mail waits in this process: mailings send after it. */
  giveWay?: () => boolean;
  /** Aborted when the worker shuts down: the dispatcher hands the mailing over at once. */
  signal?: AbortSignal;
}

/** "paused": the mailing paused itself (too many bounces or complaints) and waits for an organiser. */
export type DispatchOutcome = "finished" | "continues" | "busy" | "paused" | "nothing-to-do";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the mailing's lease if nobody holds a live one. */
async function acquireLease(db: Kysely<Database>, mailingId: string, owner: string, leaseSeconds: number) {
  const row = await db
    .updateTable("mailings")
    .set({ lease_owner: owner, lease_until: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where("id", "=", mailingId)
    .where("status", "=", "sending")
    .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", sql<Date>`now()`)]))
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Null while this dispatcher holds the mailing; otherwise why it must stop. */
async function stopReason(db: Kysely<Database>, mailingId: string, owner: string): Promise<"paused" | "busy" | null> {
  const row = await db.selectFrom("mailings").select(["status", "lease_owner"]).where("id", "=", mailingId).executeTakeFirst();
  if (row?.status === "paused") return "paused";
  return row?.status === "sending" && row.lease_owner === owner ? null : "busy";
}

async function renewLease(db: Kysely<Database>, mailingId: string, owner: string, leaseSeconds: number) {
  const row = await db
    .updateTable("mailings")
    .set({ lease_until: sql`now() + make_interval(secs => ${leaseSeconds})` })
    .where("id", "=", mailingId)
    .where("status", "=", "sending")
    .where("lease_owner", "=", owner)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Starts a scheduled mailing whose time has come (the job may wake early or late; the row decides). */
async function startIfDue(db: Kysely<Database>, mailingId: string) {
  await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("mailings")
      .select("id")
      .where("id", "=", mailingId)
      .where("status", "=", "scheduled")
      .where("scheduled_at", "<=", sql<Date>`now()`)
      .forUpdate()
      .executeTakeFirst();
    if (due) await startSending(trx, mailingId);
  });
}

/** The next recipients still to send: never written, or written by a dispatcher that died before delivering. */
function nextRecipients(db: Kysely<Database>, mailingId: string, limit: number) {
  return db
    .selectFrom("mailing_recipients as r")
    .leftJoin("email_outbox as o", "o.id", "r.outbox_id")
    .select(["r.id", "r.position", "r.contact_id", "r.email", "r.contact_name", "r.partner_name", "r.language", "r.state", "r.outbox_id"])
    .where("r.mailing_id", "=", mailingId)
    .where((eb) =>
      eb.or([
        eb("r.state", "=", "pending"),
        eb.and([eb("r.state", "=", "outboxed"), eb("r.handed_off", "=", false), eb("o.status", "in", ["queued", "sending"])]),
      ]),
    )
    .orderBy("r.position")
    .limit(limit)
    .execute();
}

/**
 * Sends a mailing's messages one by one, paced by the mailing pacer, while
 * holding the mailing's lease. Each message is written to the outbox (with
 * its unsubscribe token) in one transaction, then delivered: a crash between
 * the two leaves a queued message that the next dispatcher delivers, and a
 * crash during delivery leaves a "sending" one that it sends again. So nobody
 * is lost, and only a message in flight at the crash can arrive twice.
 */
export async function dispatchMailing(db: Kysely<Database>, mailingId: string, options: DispatchOptions): Promise<DispatchOutcome> {
  const sliceMs = options.timings.sliceSeconds * 1000;
  const { leaseSeconds } = options.timings;
  const renewEveryMs = (leaseSeconds * 1000) / 3;
  await startIfDue(db, mailingId);
  const owner = randomUUID();
  if (!(await acquireLease(db, mailingId, owner, leaseSeconds))) {
    const mailing = await db.selectFrom("mailings").select("status").where("id", "=", mailingId).executeTakeFirst();
    return mailing?.status === "sending" ? "busy" : "nothing-to-do";
  }
  // Messages left "sending" by a dispatcher that lost the lease (it died): send them again.
  await db
    .updateTable("email_outbox")
    .set({ status: "queued", updated_at: sql`now()` })
    .where("status", "=", "sending")
    .where("id", "in", (eb) =>
      eb
        .selectFrom("mailing_recipients")
        .select("outbox_id")
        .where("mailing_id", "=", mailingId)
        .where("handed_off", "=", false)
        .where("outbox_id", "is not", null)
        .$narrowType<{ outbox_id: string }>(),
    )
    .execute();

  const context = await loadMailingContext(db, mailingId);
  const started = Date.now();
  let renewedAt = Date.now();
  for (;;) {
    // A mailing that paused itself (pause.server.ts) took the lease away: stop here.
    const stop = await stopReason(db, mailingId, owner);
    if (stop) return stop;
    const batch = await nextRecipients(db, mailingId, 100);
    if (batch.length === 0) {
      await db.transaction().execute(async (trx) => {
        const finished = await trx
          .updateTable("mailings")
          .set({ status: "sent", finished_at: sql`now()`, lease_owner: null, lease_until: null, updated_at: sql`now()` })
          .where("id", "=", mailingId)
          .where("lease_owner", "=", owner)
          .returning(["id", "network_id", "title", "finished_at"])
          .executeTakeFirst();
        if (finished) await queueMailingSentWebhook(trx, finished);
      });
      return "finished";
    }
    const written = await writeMessages(
      db,
      context,
      batch.filter((recipient) => recipient.state === "pending"),
      options.appUrl,
      options.bounceDomain,
    );
    for (const recipient of batch) {
      const outboxId = recipient.outbox_id ?? written.get(recipient.id);
      if (!outboxId) continue;
      // Written but not delivered messages stay "queued": the next slice or dispatcher sends them.
      if (Date.now() - started > sliceMs || options.signal?.aborted) return handOver(db, mailingId, owner);
      // One-off mail goes first, but never so long that the lease would lapse.
      while (options.giveWay?.() && Date.now() - renewedAt < renewEveryMs) await sleep(20);
      if (Date.now() - renewedAt > renewEveryMs) {
        if (!(await renewLease(db, mailingId, owner, leaseSeconds))) return "busy";
        renewedAt = Date.now();
      }
      const outcome = await deliverOutboxMessage(db, outboxId, options.transport, {
        finalAttempt: false,
        timings: options.timings,
        slots: options.slots,
        pacer: options.pacer,
      });
      if (outcome === "failed") {
        const stopNow = await stopReason(db, mailingId, owner);
        if (stopNow) return stopNow;
      }
      if (outcome === "retry" || outcome === "claimed") {
        // A temporary refusal, or a live claim elsewhere: the deliver-email queue comes back to it
        // with backoff, off the paced path.
        await db.transaction().execute(async (trx) => {
          await trx.updateTable("mailing_recipients").set({ handed_off: true }).where("id", "=", recipient.id).execute();
          await enqueueJob(trx, queues.deliverEmail, { outboxId, lane: "mailing" }, { startAfter: options.retryDelaySeconds });
        });
      }
    }
  }
}

type PendingRecipient = Awaited<ReturnType<typeof nextRecipients>>[number];

/**
 * Writes a batch of recipients' messages to the outbox (each with its own
 * unsubscribe token) in one transaction, and marks people who unsubscribed
 * since the list was fixed as skipped. Returns recipient id → outbox id.
 */
async function writeMessages(
  db: Kysely<Database>,
  context: Awaited<ReturnType<typeof loadMailingContext>>,
  recipients: PendingRecipient[],
  appUrl: string,
  bounceDomain: string | undefined,
): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  if (recipients.length === 0) return written;
  await db.transaction().execute(async (trx) => {
    const contactIds = recipients.flatMap((recipient) => (recipient.contact_id ? [recipient.contact_id] : []));
    const contacts = new Map(
      contactIds.length === 0
        ? []
        : (
            await trx.selectFrom("partner_contacts").select(["id", "subscribed", "suppressed_at"]).where("id", "in", contactIds).execute()
          ).map((row) => [row.id, row]),
    );
    const skipState = (recipient: PendingRecipient): "unsubscribed" | "suppressed" | null => {
      const contact = recipient.contact_id ? contacts.get(recipient.contact_id) : undefined;
      if (!contact || !contact.subscribed) return "unsubscribed";
      return contact.suppressed_at ? "suppressed" : null;
    };
    const skipped = recipients.flatMap((recipient) => {
      const state = skipState(recipient);
      return state ? [{ recipient, state }] : [];
    });
    for (const state of ["unsubscribed", "suppressed"] as const) {
      const ids = skipped.filter((skip) => skip.state === state).map((skip) => skip.recipient.id);
      if (ids.length === 0) continue;
      await trx.updateTable("mailing_recipients").set({ state }).where("id", "in", ids).execute();
      await logMailEvents(
        trx,
        ids.map((id) => ({ recipient_id: id, kind: state })),
      );
    }
    const sending = recipients.filter((recipient) => !skipped.some((skip) => skip.recipient === recipient));
    if (sending.length === 0) return;
    const messages = sending.map((recipient) => {
      const token = newToken();
      const unsubscribeUrl = `${appUrl}/unsubscribe/${token}`;
      const outboxId = randomUUID();
      const message = renderMailingMessage(
        context,
        { name: recipient.contact_name, partnerName: recipient.partner_name, language: recipient.language },
        unsubscribeUrl,
      );
      return {
        recipientId: recipient.id,
        tokenHash: hashToken(token),
        outbox: {
          id: outboxId,
          kind: "mailing" as const,
          to: recipient.email,
          locale: message.uiLocale,
          networkId: context.network.id,
          params: message.params,
          headers: mailingHeaders(context, { unsubscribeUrl, token, appUrl, bounceDomain }),
        },
      };
    });
    await insertOutboxMessages(
      trx,
      messages.map((message) => message.outbox),
    );
    const rows = messages.map((m) => sql`(${m.recipientId}::uuid, ${m.outbox.id}::uuid, ${m.tokenHash})`);
    await sql`update mailing_recipients as r
      set state = 'outboxed', outbox_id = v.outbox_id, unsubscribe_token_hash = v.token_hash
      from (values ${sql.join(rows)}) as v(id, outbox_id, token_hash)
      where r.id = v.id`.execute(trx);
    for (const message of messages) written.set(message.recipientId, message.outbox.id);
  });
  return written;
}

/** Ends this job's slice: releases the lease and queues the next job, together. */
async function handOver(db: Kysely<Database>, mailingId: string, owner: string): Promise<DispatchOutcome> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("mailings")
      .set({ lease_owner: null, lease_until: null })
      .where("id", "=", mailingId)
      .where("lease_owner", "=", owner)
      .execute();
    await enqueueJob(trx, queues.mailingDispatch, { mailingId });
  });
  return "continues";
}

/**
 * Run every minute and when a worker starts: wakes scheduled mailings that
 * are due and mailings whose dispatcher died (its lease runs out), so a
 * killed worker's mailing resumes without anyone's help.
 */
export async function wakeMailings(db: Kysely<Database>) {
  const mailings = await db
    .selectFrom("mailings")
    .select(["id", "status", "lease_until"])
    .where((eb) =>
      eb.or([eb("status", "=", "sending"), eb.and([eb("status", "=", "scheduled"), eb("scheduled_at", "<=", sql<Date>`now()`)])]),
    )
    .execute();
  for (const mailing of mailings) {
    const leaseEnds = mailing.lease_until && mailing.lease_until > new Date() ? mailing.lease_until : undefined;
    await enqueueJob(
      db,
      queues.mailingDispatch,
      { mailingId: mailing.id },
      leaseEnds ? { startAfter: new Date(leaseEnds.getTime() + 1000) } : {},
    );
  }
  return mailings.length;
}
