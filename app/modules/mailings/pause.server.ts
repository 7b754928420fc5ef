import { sql, type Kysely } from "kysely";
import type { Database, MailingPauseReason } from "~db/types";
import { enqueueJob } from "~/jobs/enqueue.server";
import { queues } from "~/jobs/queues";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { messageLocale } from "~/modules/partners/portal.server";
import { getEnv } from "~/utils/env.server";

/** The first this many messages of a mailing are its sample: hard bounces among them tell a bad list. */
export const PAUSE_SAMPLE = 500;
/** More than this share of the sample bouncing hard pauses the mailing. */
export const PAUSE_HARD_BOUNCE_RATE = 0.05;
/** More complaints than this share of the messages delivered (at least the sample) pauses it. */
export const PAUSE_COMPLAINT_RATE = 0.003;

/** What the pause rules look at: recipients, the sample's hard bounces, complaints, deliveries. */
export async function mailingHealth(db: Kysely<Database>, mailingId: string) {
  const row = await db
    .selectFrom("mailing_recipients as r")
    .select((eb) => [
      eb.fn.countAll<number>().as("recipients"),
      sql<number>`count(*) filter (where r.position <= ${PAUSE_SAMPLE} and exists (
        select 1 from mail_events e where e.outbox_id = r.outbox_id and e.kind = 'bounced' and e.bounce_class = 'hard'))`.as(
        "sampleHardBounces",
      ),
      sql<number>`count(*) filter (where exists (
        select 1 from mail_events e where e.outbox_id = r.outbox_id and e.kind = 'complained'))`.as("complaints"),
      sql<number>`count(*) filter (where exists (
        select 1 from mail_events e where e.outbox_id = r.outbox_id and e.kind = 'delivered'))`.as("delivered"),
    ])
    .where("r.mailing_id", "=", mailingId)
    .executeTakeFirstOrThrow();
  return {
    recipients: Number(row.recipients),
    sampleHardBounces: Number(row.sampleHardBounces),
    complaints: Number(row.complaints),
    delivered: Number(row.delivered),
  };
}

/**
 * The limits count against the whole sample, however small the mailing: more
 * than 25 hard bounces among the first 500, more than 0.3% complaints of the
 * messages delivered (at least 500, so two complaints early on are enough and
 * one is not).
 */
export function pauseReason(health: Awaited<ReturnType<typeof mailingHealth>>): MailingPauseReason | null {
  if (health.sampleHardBounces > PAUSE_HARD_BOUNCE_RATE * PAUSE_SAMPLE) return "hard_bounces";
  if (health.complaints > PAUSE_COMPLAINT_RATE * Math.max(health.delivered, PAUSE_SAMPLE)) return "complaints";
  return null;
}

/**
 * After a hard bounce or a complaint: pauses the mailing the message belongs
 * to when it crosses a limit, and tells whoever created it (or, if they left,
 * the network's organisers). The dispatcher stops at its next look at the
 * mailing; nothing more is sent until an organiser resumes it.
 */
export async function pauseIfUnhealthy(db: Kysely<Database>, outboxId: string) {
  const mailing = await db
    .selectFrom("mailing_recipients as r")
    .innerJoin("mailings as m", "m.id", "r.mailing_id")
    .innerJoin("networks as n", "n.id", "m.network_id")
    .select(["m.id", "m.title", "m.created_by", "n.id as networkId", "n.slug", "n.name as networkName", "n.default_locale"])
    .where("r.outbox_id", "=", outboxId)
    .where("m.status", "=", "sending")
    .where("m.auto_pause_off", "=", false)
    .executeTakeFirst();
  if (!mailing) return null;
  const health = await mailingHealth(db, mailing.id);
  const reason = pauseReason(health);
  if (!reason) return null;
  const paused = await db
    .updateTable("mailings")
    .set({ status: "paused", paused_reason: reason, lease_owner: null, lease_until: null, updated_at: sql`now()` })
    .where("id", "=", mailing.id)
    .where("status", "=", "sending")
    .returning("id")
    .executeTakeFirst();
  if (!paused) return null;
  await recordAudit(db, {
    networkId: mailing.networkId,
    action: "mailing.paused",
    subjectType: "mailing",
    subjectId: mailing.id,
    details: { reason, hardBounces: health.sampleHardBounces, complaints: health.complaints },
  });
  const organisers = await db
    .selectFrom("memberships as ms")
    .innerJoin("users as u", "u.id", "ms.user_id")
    .select(["u.id", "u.email", "u.name", "u.locale"])
    .where("ms.network_id", "=", mailing.networkId)
    .where("ms.role", "in", ["organiser", "owner"])
    .orderBy("u.email")
    .execute();
  const creator = organisers.filter((user) => user.id === mailing.created_by);
  for (const user of creator.length > 0 ? creator : organisers) {
    await queueEmail(db, {
      kind: "mailing-paused",
      to: user.email,
      locale: messageLocale(user.locale, mailing.default_locale),
      networkId: mailing.networkId,
      params: {
        name: user.name,
        networkName: mailing.networkName,
        mailingTitle: mailing.title,
        reason,
        hardBounces: health.sampleHardBounces,
        complaints: health.complaints,
        reportUrl: `${getEnv().appUrl}/n/${mailing.slug}/mailings/${mailing.id}/report`,
      },
    });
  }
  return reason;
}

/** An organiser resumes a paused mailing: it goes on, and does not pause itself again. */
export async function resumeMailing(db: Kysely<Database>, networkId: string, mailingId: string, actorUserId: string) {
  return db.transaction().execute(async (trx) => {
    const resumed = await trx
      .updateTable("mailings")
      .set({ status: "sending", auto_pause_off: true, updated_at: sql`now()` })
      .where("network_id", "=", networkId)
      .where("id", "=", mailingId)
      .where("status", "=", "paused")
      .returning("id")
      .executeTakeFirst();
    if (!resumed) return false;
    await enqueueJob(trx, queues.mailingDispatch, { mailingId });
    await recordAudit(trx, { networkId, actorUserId, action: "mailing.resumed", subjectType: "mailing", subjectId: mailingId });
    return true;
  });
}
