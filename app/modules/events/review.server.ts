import { sql, type Kysely } from "kysely";
import type { Database } from "~db/types";
import { defaultLocale, isLocale } from "~/i18n/locales";
import { recordAudit } from "~/modules/audit/audit.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { getEnv } from "~/utils/env.server";
import { recordEventChange } from "./changes.server";

/**
 * Review of partner-submitted events. An organiser approves (published at
 * once) or rejects (back to draft, for the partner to change and resend), with
 * a note; the partner contact who submitted it is e-mailed either way, in the
 * same transaction. Both are one conditional UPDATE: when two organisers
 * decide at once, the second is told the event was already reviewed.
 */

export type ReviewOutcome = { ok: true } | { ok: false; reason: "not-found" | "already-reviewed" };

export async function reviewEvent(
  db: Kysely<Database>,
  input: {
    network: { id: string; slug: string; name: string; default_locale: string };
    eventId: string;
    reviewerId: string;
    decision: "approve" | "reject";
    note: string;
  },
): Promise<ReviewOutcome> {
  const approve = input.decision === "approve";
  return db.transaction().execute(async (trx) => {
    const event = await trx
      .updateTable("events")
      .set({
        status: approve ? "published" : "draft",
        sequence: sql`sequence + 1`,
        review_note: input.note,
        reviewed_at: new Date(),
        reviewed_by: input.reviewerId,
        updated_at: new Date(),
      })
      .where("network_id", "=", input.network.id)
      .where("id", "=", input.eventId)
      .where("status", "=", "pending_review")
      .returning(["id", "sequence", "title", "created_by", "submitted_by_partner_id"])
      .executeTakeFirst();
    if (!event) {
      const exists = await trx
        .selectFrom("events")
        .select("id")
        .where("network_id", "=", input.network.id)
        .where("id", "=", input.eventId)
        .executeTakeFirst();
      return { ok: false, reason: exists ? "already-reviewed" : "not-found" };
    }
    if (approve) await recordEventChange(trx, event, "published");

    const recipient = await submitterContact(trx, event);
    if (recipient) {
      const base = `${getEnv().appUrl}/n/${input.network.slug}/events/${event.id}`;
      await queueEmail(trx, {
        kind: approve ? "event-approved" : "event-rejected",
        to: recipient.email,
        locale: isLocale(recipient.locale)
          ? recipient.locale
          : isLocale(input.network.default_locale)
            ? input.network.default_locale
            : defaultLocale,
        networkId: input.network.id,
        params: {
          recipientName: recipient.name,
          networkName: input.network.name,
          eventTitle: event.title,
          note: input.note,
          eventUrl: approve ? base : `${base}/edit`,
        },
      });
    }
    await recordAudit(trx, {
      networkId: input.network.id,
      actorUserId: input.reviewerId,
      action: approve ? "event.approved" : "event.rejected",
      subjectType: "event",
      subjectId: event.id,
    });
    return { ok: true };
  });
}

/**
 * The contact who submitted the event (their partner_contacts row: the address
 * and language the organisation gave), else their account's address.
 */
async function submitterContact(
  db: Kysely<Database>,
  event: { created_by: string | null; submitted_by_partner_id: string | null },
): Promise<{ email: string; name: string; locale: string | null } | undefined> {
  if (!event.created_by) return undefined;
  if (event.submitted_by_partner_id) {
    const contact = await db
      .selectFrom("partner_contacts")
      .select(["email", "name", "locale"])
      .where("partner_id", "=", event.submitted_by_partner_id)
      .where("user_id", "=", event.created_by)
      .executeTakeFirst();
    if (contact) return contact;
  }
  return db.selectFrom("users").select(["email", "name", "locale"]).where("id", "=", event.created_by).executeTakeFirst();
}

/** An organiser has seen a partner's change to a published event's time or place. */
export async function acknowledgePartnerChange(
  db: Kysely<Database>,
  input: { networkId: string; eventId: string; actorUserId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("events")
      .set({ partner_changed_at: null })
      .where("network_id", "=", input.networkId)
      .where("id", "=", input.eventId)
      .where("partner_changed_at", "is not", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "event.change-acknowledged",
      subjectType: "event",
      subjectId: input.eventId,
    });
    return true;
  });
}
