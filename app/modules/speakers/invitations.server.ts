import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database, SpeakerInvitation } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  eventHasStarted,
  eventSpan,
  issueSpeakerLink,
  loadInvitationContext,
  queueInvitationEmail,
  slotSpan,
  type SpeakerEvent,
  speakerLocale,
  speakerPageUrl,
} from "./context.server";
import { syncSpeakerCalendar } from "./calendar.server";
import { formatDay, formatTimeSpan } from "./format";
import type { InviteSpeakerInput } from "./speakers.schema";

type FieldErrors = Partial<Record<"slotStart" | "slotEnd" | "replyBy", string[]>>;
export type InviteResult = { ok: true; invitationId: string } | { ok: false; fieldErrors?: FieldErrors; formError?: string };

/** A datetime-local value read in the event's zone; null for an empty field. */
function slotInstant(value: string | undefined, zone: string): Date | null {
  if (!value) return null;
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** The slot as instants, or the field errors that keep it out of the event. */
function checkSlot(event: SpeakerEvent, slotStart: string | undefined, slotEnd: string | undefined) {
  const startsAt = slotInstant(slotStart, event.time_zone);
  const endsAt = slotInstant(slotEnd, event.time_zone);
  if (!startsAt || !endsAt) return { ok: true as const, startsAt: null, endsAt: null };
  if (startsAt < event.starts_at || endsAt > event.ends_at) {
    return { ok: false as const, fieldErrors: { slotStart: ["speakers.validation.slotOutsideEvent"] } };
  }
  return { ok: true as const, startsAt, endsAt };
}

/** Sends the invitation e-mail with a new private link (the first one, or a copy on resend). */
async function sendInvitationEmail(trx: Kysely<Database>, invitationId: string, { resent, now }: { resent: boolean; now: Date }) {
  const { invitation, event, network } = await loadInvitationContext(trx, invitationId);
  const token = await issueSpeakerLink(trx, invitation.id, now);
  const locale = speakerLocale(invitation);
  const hasSlot = Boolean(invitation.slot_starts_at);
  await queueInvitationEmail(trx, invitation.id, {
    kind: "speaker-invitation",
    to: invitation.email,
    locale,
    networkId: network.id,
    params: {
      speakerName: invitation.name,
      networkName: network.name,
      eventTitle: event.title,
      eventWhen: formatTimeSpan(eventSpan(event), locale),
      role: invitation.role,
      sessionTitle: invitation.session_title,
      slotWhen: hasSlot ? formatTimeSpan(slotSpan(invitation, event), locale) : null,
      message: invitation.message,
      replyBy: formatDay(invitation.reply_by, locale),
      responseUrl: speakerPageUrl(token),
      resent,
    },
  });
  return token;
}

/**
 * Invites one person to speak at an event of the organiser's network and
 * e-mails them a private link. The same person may be invited to many events.
 */
export async function inviteSpeaker(
  db: Kysely<Database>,
  input: { event: SpeakerEvent; inviterId: string; values: InviteSpeakerInput; now?: Date },
): Promise<InviteResult> {
  const { event, values } = input;
  const now = input.now ?? new Date();
  if (event.status === "cancelled" || eventHasStarted(event, now)) return { ok: false, formError: "speakers.errors.eventClosed" };
  const slot = checkSlot(event, values.slotStart, values.slotEnd);
  if (!slot.ok) return { ok: false, fieldErrors: slot.fieldErrors };
  const today = DateTime.fromJSDate(now, { zone: event.time_zone }).toISODate()!;
  const eventDay = DateTime.fromJSDate(event.starts_at, { zone: event.time_zone }).toISODate()!;
  if (values.replyBy < today) return { ok: false, fieldErrors: { replyBy: ["speakers.validation.replyByPast"] } };
  if (values.replyBy > eventDay) return { ok: false, fieldErrors: { replyBy: ["speakers.validation.replyByAfterEvent"] } };

  const invitationId = await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("speaker_invitations")
      .values({
        network_id: event.network_id,
        event_id: event.id,
        invited_by: input.inviterId,
        name: values.name,
        email: values.email.toLowerCase(),
        role: values.role,
        session_title: values.sessionTitle,
        slot_starts_at: slot.startsAt,
        slot_ends_at: slot.endsAt,
        message: values.message,
        locale: values.locale,
        reply_by: values.replyBy,
        invited_at: now,
        last_contact_at: now,
        synced_event_sequence: event.sequence,
        created_at: now,
        updated_at: now,
        calendar_updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sendInvitationEmail(trx, id, { resent: false, now });
    await recordAudit(trx, {
      networkId: event.network_id,
      actorUserId: input.inviterId,
      action: "speaker.invited",
      subjectType: "speaker_invitation",
      subjectId: id,
      details: { eventId: event.id },
    });
    return id;
  });
  return { ok: true, invitationId };
}

export type InvitationChange = "done" | "not-found" | "closed";

/** Locks one invitation of this event (and so of this network) for a change, or undefined. */
async function lockInvitation(trx: Kysely<Database>, event: SpeakerEvent, invitationId: string) {
  return trx
    .selectFrom("speaker_invitations")
    .selectAll()
    .where("id", "=", invitationId)
    .where("event_id", "=", event.id)
    .where("network_id", "=", event.network_id)
    .forUpdate()
    .executeTakeFirst();
}

/** E-mails the invitation again with a fresh link (earlier links keep working). */
export async function resendInvitation(
  db: Kysely<Database>,
  input: { event: SpeakerEvent; invitationId: string; actorId: string; now?: Date },
): Promise<InvitationChange> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const invitation = await lockInvitation(trx, input.event, input.invitationId);
    if (!invitation) return "not-found";
    if (invitation.status === "withdrawn" || eventHasStarted(input.event, now) || input.event.status === "cancelled") return "closed";
    await sendInvitationEmail(trx, invitation.id, { resent: true, now });
    await trx.updateTable("speaker_invitations").set({ last_contact_at: now, updated_at: now }).where("id", "=", invitation.id).execute();
    await recordAudit(trx, {
      networkId: input.event.network_id,
      actorUserId: input.actorId,
      action: "speaker.resent",
      subjectType: "speaker_invitation",
      subjectId: invitation.id,
    });
    return "done";
  });
}

/** Withdraws an invitation: the speaker is told, their calendar entry cancelled, and their links say so. */
export async function withdrawInvitation(
  db: Kysely<Database>,
  input: { event: SpeakerEvent; invitationId: string; actorId: string; now?: Date },
): Promise<InvitationChange> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const invitation = await lockInvitation(trx, input.event, input.invitationId);
    if (!invitation) return "not-found";
    if (invitation.status === "withdrawn") return "closed";
    await trx
      .updateTable("speaker_invitations")
      .set({ status: "withdrawn", withdrawn_at: now, last_contact_at: now, updated_at: now })
      .where("id", "=", invitation.id)
      .execute();
    const calendar = await syncSpeakerCalendar(trx, invitation.id, { contentChanged: false, now, sendEmail: false });
    const { event, network } = await loadInvitationContext(trx, invitation.id);
    const locale = speakerLocale(invitation);
    await queueInvitationEmail(trx, invitation.id, {
      kind: "speaker-withdrawn",
      to: invitation.email,
      locale,
      networkId: network.id,
      params: {
        speakerName: invitation.display_name || invitation.name,
        networkName: network.name,
        eventTitle: event.title,
        eventWhen: formatTimeSpan(eventSpan(event), locale),
        calendarCancelled: calendar.outcome === "cancelled",
      },
      attachments: calendar.attachment ? [calendar.attachment] : [],
    });
    await recordAudit(trx, {
      networkId: input.event.network_id,
      actorUserId: input.actorId,
      action: "speaker.withdrawn",
      subjectType: "speaker_invitation",
      subjectId: invitation.id,
    });
    return "done";
  });
}

export type SlotChange = InvitationChange | { fieldErrors: FieldErrors };

/** Moves (or clears) a speaker's slot; an accepted speaker's calendar entry follows. */
export async function changeSlot(
  db: Kysely<Database>,
  input: { event: SpeakerEvent; invitationId: string; actorId: string; slotStart?: string; slotEnd?: string; now?: Date },
): Promise<SlotChange> {
  const now = input.now ?? new Date();
  const slot = checkSlot(input.event, input.slotStart, input.slotEnd);
  if (!slot.ok) return { fieldErrors: slot.fieldErrors };
  return db.transaction().execute(async (trx) => {
    const invitation = await lockInvitation(trx, input.event, input.invitationId);
    if (!invitation) return "not-found";
    if (invitation.status === "withdrawn") return "closed";
    await trx
      .updateTable("speaker_invitations")
      .set({ slot_starts_at: slot.startsAt, slot_ends_at: slot.endsAt, updated_at: now })
      .where("id", "=", invitation.id)
      .execute();
    await syncSpeakerCalendar(trx, invitation.id, { contentChanged: true, now });
    await recordAudit(trx, {
      networkId: input.event.network_id,
      actorUserId: input.actorId,
      action: "speaker.slotChanged",
      subjectType: "speaker_invitation",
      subjectId: invitation.id,
    });
    return "done";
  });
}

/** The organiser has dealt with the speaker's private needs: they leave the "to act on" list. */
export async function markNeedsHandled(
  db: Kysely<Database>,
  input: { event: SpeakerEvent; invitationId: string; now?: Date },
): Promise<InvitationChange> {
  const result = await db
    .updateTable("speaker_invitations")
    .set({ needs_handled_at: input.now ?? new Date() })
    .where("id", "=", input.invitationId)
    .where("event_id", "=", input.event.id)
    .where("network_id", "=", input.event.network_id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n ? "done" : "not-found";
}

export type ActionNeeded = "needs" | "maybe" | "overdue";

/** What an organiser should do about an invitation, most pressing first. */
export function actionsNeeded(invitation: SpeakerInvitation, timeZone: string, now: Date): ActionNeeded[] {
  const actions: ActionNeeded[] = [];
  const hasNeeds = Boolean(invitation.needs_travel || invitation.needs_accessibility || invitation.needs_interpretation);
  if (hasNeeds && !invitation.needs_handled_at && (invitation.status === "accepted" || invitation.status === "tentative")) {
    actions.push("needs");
  }
  if (invitation.status === "tentative") actions.push("maybe");
  const replyByEnd = DateTime.fromISO(invitation.reply_by, { zone: timeZone }).plus({ days: 1 });
  if (invitation.status === "invited" && DateTime.fromJSDate(now) >= replyByEnd) actions.push("overdue");
  return actions;
}

/** One row of the organiser's list, plain data for the page. */
export function organiserRow(invitation: SpeakerInvitation, event: SpeakerEvent, now: Date) {
  const hasNeeds = Boolean(invitation.needs_travel || invitation.needs_accessibility || invitation.needs_interpretation);
  return {
    id: invitation.id,
    name: invitation.name,
    email: invitation.email,
    role: invitation.role,
    sessionTitle: invitation.session_title,
    slotStartsAt: invitation.slot_starts_at?.toISOString() ?? null,
    slotEndsAt: invitation.slot_ends_at?.toISOString() ?? null,
    state: invitation.status === "invited" && invitation.reminder_count > 0 ? ("reminded" as const) : invitation.status,
    responseNote: invitation.response_note,
    respondedAt: invitation.responded_at?.toISOString() ?? null,
    lastContactAt: invitation.last_contact_at.toISOString(),
    replyBy: invitation.reply_by,
    profile: {
      displayName: invitation.display_name,
      pronouns: invitation.pronouns,
      organisation: invitation.organisation,
      listName: invitation.consent_list_name,
      photos: invitation.consent_photos,
      recording: invitation.consent_recording,
    },
    needs: hasNeeds
      ? {
          travel: invitation.needs_travel,
          accessibility: invitation.needs_accessibility,
          interpretation: invitation.needs_interpretation,
          handled: Boolean(invitation.needs_handled_at),
        }
      : null,
    actions: actionsNeeded(invitation, event.time_zone, now),
  };
}
export type OrganiserRow = ReturnType<typeof organiserRow>;

export async function listEventInvitations(db: Kysely<Database>, event: SpeakerEvent, now = new Date()): Promise<OrganiserRow[]> {
  const rows = await db
    .selectFrom("speaker_invitations")
    .selectAll()
    .where("event_id", "=", event.id)
    .where("network_id", "=", event.network_id)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((row) => organiserRow(row, event, now));
}
