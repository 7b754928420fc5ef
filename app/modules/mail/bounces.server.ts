import { sql, type Kysely } from "kysely";
import type { Database, SuppressionReason } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { pauseIfUnhealthy } from "~/modules/mailings/pause.server";
import type { BounceRules } from "./bounces.schema";
import { logMailEvents } from "./log.server";

export interface BounceInput {
  outboxId: string;
  bounceClass: "hard" | "soft";
  dsnStatus: string | null;
  diagnostic: string | null;
  /** Message-ID of the report read from the bounce mailbox; null for a refusal at send time. */
  reportId: string | null;
}

/**
 * Logs a bounce of one message, then applies the network's rules to the
 * contact it was sent to and checks the mailing it belongs to. Returns false
 * when the report had been read before (nothing changes then).
 */
export async function recordBounce(db: Kysely<Database>, bounce: BounceInput): Promise<boolean> {
  const logged = await logMailEvents(db, [
    {
      outbox_id: bounce.outboxId,
      kind: "bounced",
      bounce_class: bounce.bounceClass,
      dsn_status: bounce.dsnStatus,
      diagnostic: bounce.diagnostic,
      report_id: bounce.reportId,
    },
  ]);
  if (logged === 0) return false;
  await applySuppressionRules(db, bounce.outboxId);
  await pauseIfUnhealthy(db, bounce.outboxId);
  return true;
}

/** An ARF spam complaint about one message (RFC 5965): logged, and by default the contact is suppressed. */
export async function recordComplaint(
  db: Kysely<Database>,
  complaint: { outboxId: string; feedbackType: string; reportId: string | null },
): Promise<boolean> {
  const logged = await logMailEvents(db, [
    { outbox_id: complaint.outboxId, kind: "complained", diagnostic: complaint.feedbackType, report_id: complaint.reportId },
  ]);
  if (logged === 0) return false;
  await applySuppressionRules(db, complaint.outboxId);
  await pauseIfUnhealthy(db, complaint.outboxId);
  return true;
}

/**
 * The contact a message went to: the partner contact of the message's network
 * with its address, for mailings and one-off messages alike.
 */
function contactOf(db: Kysely<Database>, outboxId: string) {
  return db
    .selectFrom("email_outbox as o")
    .innerJoin("partner_contacts as c", (join) => join.onRef("c.network_id", "=", "o.network_id").onRef("c.email", "=", "o.to_address"))
    .innerJoin("networks as n", "n.id", "c.network_id")
    .where("o.id", "=", outboxId);
}

/**
 * The network's rules (docs/mail.md): suppressed after `bounce_hard_limit`
 * hard bounces, or `bounce_soft_limit` soft bounces within `bounce_soft_days`
 * days, or a complaint when `complaint_suppresses`. Only what happened since
 * an organiser last lifted a suppression counts.
 */
async function applySuppressionRules(db: Kysely<Database>, outboxId: string) {
  const contact = await contactOf(db, outboxId)
    .select([
      "c.id",
      "c.email",
      "c.network_id",
      "c.suppressed_at",
      "c.suppression_lifted_at",
      "n.bounce_hard_limit",
      "n.bounce_soft_limit",
      "n.bounce_soft_days",
      "n.complaint_suppresses",
    ])
    .executeTakeFirst();
  if (!contact || contact.suppressed_at) return;
  const since = contact.suppression_lifted_at ?? new Date(0);
  const events = await db
    .selectFrom("mail_events as e")
    .innerJoin("email_outbox as o", "o.id", "e.outbox_id")
    .select(["e.kind", "e.bounce_class", "e.dsn_status", "e.diagnostic", "e.created_at"])
    .where("o.network_id", "=", contact.network_id)
    .where("o.to_address", "=", contact.email)
    .where("e.kind", "in", ["bounced", "complained"])
    .where("e.created_at", ">", since)
    .orderBy("e.created_at", "desc")
    .execute();
  const softSince = Date.now() - contact.bounce_soft_days * 86_400_000;
  const hard = events.filter((event) => event.bounce_class === "hard");
  const soft = events.filter((event) => event.bounce_class === "soft" && event.created_at.getTime() > softSince);
  const complaints = events.filter((event) => event.kind === "complained");
  let reason: SuppressionReason | undefined;
  let detail: (typeof events)[number] | undefined;
  if (contact.complaint_suppresses && complaints.length > 0) [reason, detail] = ["complaint", complaints[0]];
  else if (hard.length >= contact.bounce_hard_limit) [reason, detail] = ["hard_bounce", hard[0]];
  else if (soft.length >= contact.bounce_soft_limit) [reason, detail] = ["soft_bounces", soft[0]];
  if (!reason || !detail) return;
  await db
    .updateTable("partner_contacts")
    .set({
      suppressed_at: sql`now()`,
      suppressed_reason: reason,
      suppressed_detail: [detail.dsn_status, detail.diagnostic].filter(Boolean).join(" ").slice(0, 1000) || null,
      updated_at: sql`now()`,
    })
    .where("id", "=", contact.id)
    .where("suppressed_at", "is", null)
    .execute();
  await logMailEvents(db, [{ outbox_id: outboxId, kind: "suppressed", diagnostic: reason }]);
  await recordAudit(db, {
    networkId: contact.network_id,
    action: "contact.suppressed",
    subjectType: "partner_contact",
    subjectId: contact.id,
    details: { reason },
  });
}

/** An organiser lifts a contact's suppression: mailings reach them again, and older bounces no longer count. */
export async function liftSuppression(db: Kysely<Database>, networkId: string, contactId: string, actorUserId: string) {
  const lifted = await db
    .updateTable("partner_contacts")
    .set({
      suppressed_at: null,
      suppressed_reason: null,
      suppressed_detail: null,
      suppression_lifted_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where("network_id", "=", networkId)
    .where("id", "=", contactId)
    .where("suppressed_at", "is not", null)
    .returning("id")
    .executeTakeFirst();
  if (!lifted) return false;
  await recordAudit(db, {
    networkId,
    actorUserId,
    action: "contact.suppression_lifted",
    subjectType: "partner_contact",
    subjectId: contactId,
  });
  return true;
}

export async function getBounceRules(db: Kysely<Database>, networkId: string): Promise<BounceRules> {
  const row = await db
    .selectFrom("networks")
    .select(["bounce_hard_limit", "bounce_soft_limit", "bounce_soft_days", "complaint_suppresses"])
    .where("id", "=", networkId)
    .executeTakeFirstOrThrow();
  return {
    hardLimit: row.bounce_hard_limit,
    softLimit: row.bounce_soft_limit,
    softDays: row.bounce_soft_days,
    complaintSuppresses: row.complaint_suppresses,
  };
}

/** New rules apply to the next bounce or complaint; contacts already suppressed stay so until lifted. */
export async function saveBounceRules(db: Kysely<Database>, networkId: string, actorUserId: string, rules: BounceRules) {
  await db
    .updateTable("networks")
    .set({
      bounce_hard_limit: rules.hardLimit,
      bounce_soft_limit: rules.softLimit,
      bounce_soft_days: rules.softDays,
      complaint_suppresses: rules.complaintSuppresses,
    })
    .where("id", "=", networkId)
    .execute();
  await recordAudit(db, { networkId, actorUserId, action: "network.bounce_rules", details: { ...rules } });
}

/** Contacts the rules suppressed, newest first, for the rules page. */
export async function listSuppressedContacts(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("partner_contacts as c")
    .innerJoin("partner_organisations as o", "o.id", "c.partner_id")
    .select(["c.id", "c.name", "c.email", "c.partner_id", "o.name as partnerName", "c.suppressed_at", "c.suppressed_reason"])
    .where("c.network_id", "=", networkId)
    .where("c.suppressed_at", "is not", null)
    .orderBy("c.suppressed_at", "desc")
    .limit(500)
    .execute();
}
