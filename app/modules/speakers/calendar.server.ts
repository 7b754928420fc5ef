import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database, OutboxAttachment, SpeakerInvitation } from "~db/types";
import type { JobPayloads } from "~/jobs/queues";
import { getTranslator } from "~/i18n/registry";
import { buildCalendar, hostOf, type CalendarEvent, type CalendarOptions } from "~/modules/calendar/ical.server";
import { getEnv } from "~/utils/env.server";
import { hashToken } from "~/utils/tokens.server";
import {
  loadInvitationContext,
  queueInvitationEmail,
  senderAddress,
  slotSpan,
  type SpeakerEvent,
  speakerEventColumns,
  speakerLocale,
  type SpeakerNetwork,
  speakerOnlineLink,
} from "./context.server";
import { formatTimeSpan } from "./format";

/**
 * A speaker's slot is a calendar entry of its own (UID speaker-<invitation>@host),
 * separate from the event's: it is in their calendar while they have accepted
 * and the event goes ahead, and each change reaches them with a higher SEQUENCE.
 */
export function speakerEntryId(invitationId: string): string {
  return `speaker-${invitationId}`;
}

export function speakerCalendarEvent(invitation: SpeakerInvitation, event: SpeakerEvent, options: { cancelled: boolean }): CalendarEvent {
  const t = getTranslator(speakerLocale(invitation));
  const span = slotSpan(invitation, event);
  const onlineUrl = speakerOnlineLink(invitation, event);
  const place = [event.venue_name, event.address, event.city].filter(Boolean).join(", ");
  return {
    id: speakerEntryId(invitation.id),
    title: `${invitation.session_title} · ${event.title}`,
    description: t("speakers.calendar.description", {
      role: t(`speakers.roles.${invitation.role}`),
      event: event.title,
    }),
    timeZone: event.time_zone,
    startsAt: new Date(span.startsAt),
    endsAt: new Date(span.endsAt),
    allDay: Boolean(span.allDay),
    startDate: span.allDay?.startDate ?? null,
    endDate: span.allDay?.endDate ?? null,
    status: options.cancelled ? "cancelled" : "confirmed",
    sequence: invitation.calendar_sequence,
    createdAt: invitation.created_at,
    updatedAt: invitation.calendar_updated_at,
    location: place || onlineUrl,
    url: onlineUrl,
  };
}

function calendarOptions(method: CalendarOptions["method"], network: SpeakerNetwork, invitation: SpeakerInvitation): CalendarOptions {
  return {
    method,
    host: hostOf(getEnv().appUrl),
    organizer: { name: network.name, email: senderAddress() },
    attendee: { name: invitation.display_name || invitation.name, email: invitation.email },
  };
}

/** The .ics of one speaker's slot, as offered on their page (METHOD:REQUEST, or CANCEL once it is off). */
export function speakerSlotFile(invitation: SpeakerInvitation, event: SpeakerEvent, network: SpeakerNetwork): string {
  const inCalendar = invitation.calendar_active;
  return buildCalendar(
    [speakerCalendarEvent(invitation, event, { cancelled: !inCalendar })],
    calendarOptions(inCalendar ? "REQUEST" : "CANCEL", network, invitation),
  );
}

/**
 * Brings one speaker's calendar entry in line with their answer and the event,
 * inside the caller's transaction: e-mails a REQUEST when the entry appears or
 * its content changed, a CANCEL when it goes away, and nothing otherwise.
 */
export async function syncSpeakerCalendar(
  trx: Kysely<Database>,
  invitationId: string,
  { contentChanged, now, sendEmail = true }: { contentChanged: boolean; now: Date; sendEmail?: boolean },
): Promise<{ outcome: "requested" | "cancelled" | "unchanged"; attachment: OutboxAttachment | null }> {
  const { invitation, event, network } = await loadInvitationContext(trx, invitationId);
  const wanted = invitation.status === "accepted" && event.status !== "cancelled";
  const active = invitation.calendar_active;
  if ((!wanted && !active) || (wanted && active && !contentChanged)) return { outcome: "unchanged", attachment: null };

  const updated = await trx
    .updateTable("speaker_invitations")
    .set({
      calendar_active: wanted,
      calendar_sequence: invitation.calendar_sequence + 1,
      calendar_updated_at: now,
      updated_at: now,
    })
    .where("id", "=", invitation.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const method = wanted ? "REQUEST" : "CANCEL";
  const file = buildCalendar([speakerCalendarEvent(updated, event, { cancelled: !wanted })], calendarOptions(method, network, updated));
  const attachment: OutboxAttachment = {
    filename: wanted ? "invite.ics" : "cancel.ics",
    contentType: `text/calendar; charset=utf-8; method=${method}`,
    contentBase64: Buffer.from(file, "utf8").toString("base64"),
  };
  const outcome = wanted ? "requested" : "cancelled";
  // A caller that tells the speaker in its own message (a withdrawal) attaches the file there.
  if (!sendEmail) return { outcome, attachment };
  const locale = speakerLocale(updated);
  await queueInvitationEmail(trx, updated.id, {
    kind: "speaker-calendar",
    to: updated.email,
    locale,
    networkId: network.id,
    params: {
      speakerName: updated.display_name || updated.name,
      eventTitle: event.title,
      sessionTitle: updated.session_title,
      when: formatTimeSpan(slotSpan(updated, event), locale),
      change: !wanted ? "cancelled" : active ? "updated" : "confirmed",
    },
    attachments: [attachment],
  });
  return { outcome, attachment };
}

/**
 * The speakers' step of the event-changed job. Idempotent: an invitation
 * remembers the event sequence it was last brought up to, so a job that runs
 * twice (or an older change that arrives late) sends nothing more.
 */
export async function followEventChangeForSpeakers(
  db: Kysely<Database>,
  change: JobPayloads["event-changed"],
  now = new Date(),
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const stale = await trx
      .selectFrom("speaker_invitations")
      .select("id")
      .where("event_id", "=", change.eventId)
      .where("synced_event_sequence", "<", change.sequence)
      .orderBy("id")
      .forUpdate()
      .execute();
    let sent = 0;
    for (const { id } of stale) {
      const { outcome } = await syncSpeakerCalendar(trx, id, { contentChanged: true, now });
      if (outcome !== "unchanged") sent += 1;
      await trx.updateTable("speaker_invitations").set({ synced_event_sequence: change.sequence }).where("id", "=", id).execute();
    }
    return sent;
  });
}

/** How long a session stays in the personal feed after its event ended, cancelled ones included. */
const FEED_KEEPS_DAYS = 30;

/**
 * The personal feed behind one speaker link: every session of the same person
 * (same address) in the same network that has been in their calendar.
 * Undefined when the link is unknown.
 */
export async function speakerSessionsFeed(db: Kysely<Database>, token: string, now = new Date()): Promise<string | undefined> {
  const owner = await db
    .selectFrom("speaker_invitation_links")
    .innerJoin("speaker_invitations", "speaker_invitations.id", "speaker_invitation_links.invitation_id")
    .innerJoin("networks", "networks.id", "speaker_invitations.network_id")
    .select([
      "speaker_invitations.network_id",
      "speaker_invitations.email",
      "speaker_invitations.name",
      "networks.name as networkName",
      "networks.slug as networkSlug",
      "networks.default_locale",
    ])
    .where("speaker_invitation_links.token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!owner) return undefined;
  const since = DateTime.fromJSDate(now).minus({ days: FEED_KEEPS_DAYS }).toJSDate();
  const events = (await db
    .selectFrom("events")
    .innerJoin("speaker_invitations", "speaker_invitations.event_id", "events.id")
    .select(speakerEventColumns)
    .distinct()
    .where("speaker_invitations.network_id", "=", owner.network_id)
    .where("speaker_invitations.email", "=", owner.email)
    .where("events.ends_at", ">", since)
    .execute()) as SpeakerEvent[];
  const eventsById = new Map(events.map((event) => [event.id, event]));
  const invitations = await db
    .selectFrom("speaker_invitations")
    .selectAll()
    .where("network_id", "=", owner.network_id)
    .where("email", "=", owner.email)
    .where("calendar_sequence", ">", 0)
    .orderBy("created_at")
    .execute();
  const entries = invitations.flatMap((invitation) => {
    const event = eventsById.get(invitation.event_id);
    return event ? [speakerCalendarEvent(invitation, event, { cancelled: !invitation.calendar_active })] : [];
  });
  const t = getTranslator(speakerLocale({ locale: owner.default_locale }));
  return buildCalendar(entries, {
    method: "PUBLISH",
    host: hostOf(getEnv().appUrl),
    organizer: { name: owner.networkName, email: senderAddress() },
    name: t("speakers.feed.name", { network: owner.networkName }),
  });
}
