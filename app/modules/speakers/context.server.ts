import type { Kysely } from "kysely";
import type { Database, SpeakerInvitation } from "~db/types";
import type { EmailKind } from "~emails/index";
import { isLocale, defaultLocale, type Locale } from "~/i18n/locales";
import { onlineLinkFor } from "~/modules/events/online-link";
import { queueEmail, type QueueEmailInput } from "~/modules/mail/outbox.server";
import { getEnv } from "~/utils/env.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import type { TimeSpan } from "./format";

/**
 * What the speaker features read about an event, its network and the links
 * they e-mail. Shared by the organiser side, the speaker's page and the jobs.
 */
export const speakerEventColumns = [
  "events.id",
  "events.network_id",
  "events.campaign_id",
  "events.title",
  "events.time_zone",
  "events.starts_at",
  "events.ends_at",
  "events.all_day",
  "events.start_date",
  "events.end_date",
  "events.status",
  "events.visibility",
  "events.sequence",
  "events.mode",
  "events.venue_name",
  "events.address",
  "events.city",
  "events.online_url",
  "events.online_url_public",
] as const;

export interface SpeakerEvent {
  id: string;
  network_id: string;
  campaign_id: string | null;
  title: string;
  time_zone: string;
  starts_at: Date;
  ends_at: Date;
  all_day: boolean;
  start_date: string | null;
  end_date: string | null;
  status: "draft" | "pending_review" | "published" | "cancelled";
  visibility: "public" | "partners" | "unlisted";
  sequence: number;
  mode: "in_person" | "online" | "hybrid";
  venue_name: string | null;
  address: string | null;
  city: string | null;
  online_url: string | null;
  online_url_public: boolean;
}

export interface SpeakerNetwork {
  id: string;
  slug: string;
  name: string;
  default_locale: string;
}

/** An event of the network, or undefined: never another network's event. */
export async function findSpeakerEvent(db: Kysely<Database>, networkId: string, eventId: string) {
  return db
    .selectFrom("events")
    .select(speakerEventColumns)
    .where("events.id", "=", eventId)
    .where("events.network_id", "=", networkId)
    .executeTakeFirst() as Promise<SpeakerEvent | undefined>;
}

export async function loadInvitationContext(db: Kysely<Database>, invitationId: string) {
  const invitation = await db.selectFrom("speaker_invitations").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
  const event = (await db
    .selectFrom("events")
    .select(speakerEventColumns)
    .where("events.id", "=", invitation.event_id)
    .executeTakeFirstOrThrow()) as SpeakerEvent;
  const network = await db
    .selectFrom("networks")
    .select(["id", "slug", "name", "default_locale"])
    .where("id", "=", invitation.network_id)
    .executeTakeFirstOrThrow();
  return { invitation, event, network };
}

export function eventSpan(event: SpeakerEvent): TimeSpan {
  return {
    startsAt: event.starts_at,
    endsAt: event.ends_at,
    timeZone: event.time_zone,
    allDay: event.all_day && event.start_date && event.end_date ? { startDate: event.start_date, endDate: event.end_date } : null,
  };
}

/** The speaker's own time: their slot, or the whole event when no slot was set. */
export function slotSpan(invitation: Pick<SpeakerInvitation, "slot_starts_at" | "slot_ends_at">, event: SpeakerEvent): TimeSpan {
  if (invitation.slot_starts_at && invitation.slot_ends_at) {
    return { startsAt: invitation.slot_starts_at, endsAt: invitation.slot_ends_at, timeZone: event.time_zone };
  }
  return eventSpan(event);
}

/** The online room as this speaker may see it: only once they have accepted (and not since withdrawn). */
export function speakerOnlineLink(invitation: Pick<SpeakerInvitation, "status">, event: SpeakerEvent): string | null {
  return onlineLinkFor(
    { onlineUrl: event.online_url, onlineUrlPublic: event.online_url_public },
    { kind: "speaker", status: invitation.status },
  );
}

export function speakerLocale(invitation: Pick<SpeakerInvitation, "locale">): Locale {
  return isLocale(invitation.locale) ? invitation.locale : defaultLocale;
}

/**
 * Queues a message about an invitation (to the speaker, or to organisers
 * about the speaker's answer) and remembers it against the invitation, so
 * that retention blanks it together with the invitation.
 */
export async function queueInvitationEmail<K extends EmailKind>(trx: Kysely<Database>, invitationId: string, input: QueueEmailInput<K>) {
  const outboxId = await queueEmail(trx, input);
  await trx.insertInto("speaker_invitation_emails").values({ invitation_id: invitationId, outbox_id: outboxId }).execute();
  return outboxId;
}

/** A new private link for an invitation. Every link sent stays valid; only its hash is stored. */
export async function issueSpeakerLink(trx: Kysely<Database>, invitationId: string, now: Date): Promise<string> {
  const token = newToken();
  await trx
    .insertInto("speaker_invitation_links")
    .values({ token_hash: hashToken(token), invitation_id: invitationId, created_at: now })
    .execute();
  return token;
}

export function speakerPageUrl(token: string): string {
  return `${getEnv().appUrl}/speak/${token}`;
}

export function organiserPageUrl(networkSlug: string, eventId: string): string {
  return `${getEnv().appUrl}/n/${networkSlug}/events/${eventId}/speakers`;
}

/** The address of MAIL_FROM, which calendar entries name as their organiser. */
export function senderAddress(): string {
  const from = getEnv().mailFrom;
  return (from.match(/<([^>]+)>/)?.[1] ?? from).trim();
}

export function eventHasStarted(event: SpeakerEvent, now: Date): boolean {
  return now.getTime() >= event.starts_at.getTime();
}
