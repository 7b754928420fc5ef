import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database, SpeakerInvitation, SpeakerReminderKind } from "~db/types";
import { eventSpan, issueSpeakerLink, loadInvitationContext, queueInvitationEmail, speakerLocale, speakerPageUrl } from "./context.server";
import { formatDay, formatTimeSpan } from "./format";

/**
 * Reminders to speakers who have not answered: 3 and 7 days after the
 * invitation, and 2 days before the reply-by date (at 09:00 in the event's
 * zone). None once they answered, once the reply-by day is over, or once the
 * event started; each kind at most once, and one e-mail per run even when a
 * stopped worker left several due.
 */
const REMINDER_HOUR = 9;

export function reminderSchedule(
  invitation: Pick<SpeakerInvitation, "invited_at" | "reply_by">,
  timeZone: string,
): { kind: SpeakerReminderKind; dueAt: DateTime }[] {
  const invited = DateTime.fromJSDate(invitation.invited_at, { zone: timeZone });
  const beforeReplyBy = DateTime.fromISO(invitation.reply_by, { zone: timeZone })
    .minus({ days: 2 })
    .set({ hour: REMINDER_HOUR, minute: 0, second: 0, millisecond: 0 });
  return [
    { kind: "after-3-days" as const, dueAt: invited.plus({ days: 3 }) },
    { kind: "after-7-days" as const, dueAt: invited.plus({ days: 7 }) },
    { kind: "before-reply-by" as const, dueAt: beforeReplyBy },
  ].filter((reminder) => reminder.dueAt > invited);
}

/** Reminder kinds due at `now` for a pending invitation (already-sent ones included). */
export function dueReminderKinds(
  invitation: Pick<SpeakerInvitation, "invited_at" | "reply_by" | "status">,
  event: { time_zone: string; starts_at: Date; status: string },
  now: Date,
): SpeakerReminderKind[] {
  if (invitation.status !== "invited" || event.status === "cancelled") return [];
  const at = DateTime.fromJSDate(now);
  const replyByOver = DateTime.fromISO(invitation.reply_by, { zone: event.time_zone }).plus({ days: 1 });
  if (at >= replyByOver || now >= event.starts_at) return [];
  return reminderSchedule(invitation, event.time_zone)
    .filter((reminder) => reminder.dueAt <= at)
    .map((reminder) => reminder.kind);
}

/** Sends every reminder due at `now`; returns how many e-mails were queued. Safe to run concurrently. */
export async function sendDueSpeakerReminders(db: Kysely<Database>, now = new Date()): Promise<number> {
  const candidates = await db
    .selectFrom("speaker_invitations")
    .innerJoin("events", "events.id", "speaker_invitations.event_id")
    .select([
      "speaker_invitations.id",
      "speaker_invitations.invited_at",
      "speaker_invitations.reply_by",
      "speaker_invitations.status",
      "events.time_zone",
      "events.starts_at",
      "events.status as event_status",
    ])
    .where("speaker_invitations.status", "=", "invited")
    .where("events.status", "!=", "cancelled")
    .where("events.starts_at", ">", now)
    .where("speaker_invitations.invited_at", "<=", now)
    .execute();
  let sent = 0;
  for (const candidate of candidates) {
    const due = dueReminderKinds(candidate, { ...candidate, status: candidate.event_status }, now);
    if (due.length === 0) continue;
    if (await remindOne(db, candidate.id, due, now)) sent += 1;
  }
  return sent;
}

async function remindOne(db: Kysely<Database>, invitationId: string, due: SpeakerReminderKind[], now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // The lock and the re-read make a concurrent answer, withdrawal or second run win or wait.
    const invitation = await trx
      .selectFrom("speaker_invitations")
      .select(["id", "status"])
      .where("id", "=", invitationId)
      .forUpdate()
      .executeTakeFirst();
    if (invitation?.status !== "invited") return false;
    const claimed = await trx
      .insertInto("speaker_reminders")
      .values(due.map((kind) => ({ invitation_id: invitationId, kind, sent_at: now })))
      .onConflict((oc) => oc.columns(["invitation_id", "kind"]).doNothing())
      .returning("kind")
      .execute();
    if (claimed.length === 0) return false;

    const context = await loadInvitationContext(trx, invitationId);
    const locale = speakerLocale(context.invitation);
    const token = await issueSpeakerLink(trx, invitationId, now);
    await queueInvitationEmail(trx, invitationId, {
      kind: "speaker-reminder",
      to: context.invitation.email,
      locale,
      networkId: context.network.id,
      params: {
        speakerName: context.invitation.name,
        networkName: context.network.name,
        eventTitle: context.event.title,
        eventWhen: formatTimeSpan(eventSpan(context.event), locale),
        replyBy: formatDay(context.invitation.reply_by, locale),
        responseUrl: speakerPageUrl(token),
      },
    });
    await trx
      .updateTable("speaker_invitations")
      .set((eb) => ({ reminder_count: eb("reminder_count", "+", 1), last_contact_at: now, updated_at: now }))
      .where("id", "=", invitationId)
      .execute();
    return true;
  });
}
