import type { Kysely } from "kysely";
import type { Database, SpeakerInvitation } from "~db/types";
import { isLocale, type Locale } from "~/i18n/locales";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashToken } from "~/utils/tokens.server";
import { syncSpeakerCalendar } from "./calendar.server";
import {
  eventHasStarted,
  eventSpan,
  loadInvitationContext,
  organiserPageUrl,
  queueInvitationEmail,
  slotSpan,
  type SpeakerEvent,
  type SpeakerNetwork,
  speakerOnlineLink,
} from "./context.server";
import type { SpeakerAnswer } from "./speakers.schema";

/**
 * The speaker's side, reached only through a private link. A link opens its
 * own invitation and nothing else: every query here starts from the link's hash.
 */
export type ClosedReason = "withdrawn" | "cancelled" | "expired";

export type LinkState =
  | { kind: "unknown" }
  | { kind: "closed"; reason: ClosedReason; eventTitle: string; networkName: string }
  | { kind: "open"; invitation: SpeakerInvitation; event: SpeakerEvent; network: SpeakerNetwork };

async function invitationIdForToken(db: Kysely<Database>, token: string): Promise<string | undefined> {
  const link = await db
    .selectFrom("speaker_invitation_links")
    .select("invitation_id")
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  return link?.invitation_id;
}

function closedReason(invitation: SpeakerInvitation, event: SpeakerEvent, now: Date): ClosedReason | null {
  if (invitation.status === "withdrawn") return "withdrawn";
  if (event.status === "cancelled") return "cancelled";
  // Answers can change until the event starts; after that the page has done its job.
  if (eventHasStarted(event, now)) return "expired";
  return null;
}

/** The invitation behind a link, with its event and network, whatever its state; undefined for an unknown link. */
/** The language the speaker is written to in: their page, opened from the e-mail, speaks it too. */
export async function speakerLocaleForToken(db: Kysely<Database>, token: string): Promise<string | undefined> {
  const invitationId = await invitationIdForToken(db, token);
  if (!invitationId) return undefined;
  const invitation = await db.selectFrom("speaker_invitations").select("locale").where("id", "=", invitationId).executeTakeFirst();
  return invitation?.locale;
}

export async function findSpeakerInvitation(db: Kysely<Database>, token: string) {
  const invitationId = await invitationIdForToken(db, token);
  return invitationId ? loadInvitationContext(db, invitationId) : undefined;
}

export async function openSpeakerLink(db: Kysely<Database>, token: string, now = new Date()): Promise<LinkState> {
  const context = await findSpeakerInvitation(db, token);
  if (!context) return { kind: "unknown" };
  const reason = closedReason(context.invitation, context.event, now);
  if (reason) return { kind: "closed", reason, eventTitle: context.event.title, networkName: context.network.name };
  return { kind: "open", ...context };
}

/** What the speaker's page shows: their own invitation, nothing about other speakers. */
export function speakerPageData(invitation: SpeakerInvitation, event: SpeakerEvent, network: SpeakerNetwork) {
  const place = [event.venue_name, event.address, event.city].filter(Boolean).join(", ");
  return {
    networkName: network.name,
    event: {
      title: event.title,
      span: eventSpan(event),
      place,
      mode: event.mode,
      onlineUrl: speakerOnlineLink(invitation, event),
    },
    name: invitation.name,
    role: invitation.role,
    sessionTitle: invitation.session_title,
    slot: invitation.slot_starts_at ? slotSpan(invitation, event) : null,
    message: invitation.message,
    replyBy: invitation.reply_by,
    status: invitation.status,
    note: invitation.response_note,
    profile: {
      displayName: invitation.display_name,
      pronouns: invitation.pronouns,
      organisation: invitation.organisation,
      bio: invitation.bio,
      consentListName: invitation.consent_list_name,
      consentPhotos: invitation.consent_photos,
      consentRecording: invitation.consent_recording,
      needsTravel: invitation.needs_travel,
      needsAccessibility: invitation.needs_accessibility,
      needsInterpretation: invitation.needs_interpretation,
    },
    inCalendar: invitation.calendar_active,
  };
}
export type SpeakerPageData = ReturnType<typeof speakerPageData>;

const statusForAnswer = { accept: "accepted", decline: "declined", maybe: "tentative" } as const;

export type AnswerResult = { ok: true; status: "accepted" | "declined" | "tentative" } | { ok: false; state: LinkState };

/** Who hears about answers: the organiser who invited, or the network's owners when they are gone. */
async function answerRecipients(trx: Kysely<Database>, invitation: SpeakerInvitation, networkLocale: string) {
  const inviter = invitation.invited_by
    ? await trx
        .selectFrom("users")
        .innerJoin("memberships", "memberships.user_id", "users.id")
        .select(["users.email", "users.name", "users.locale"])
        .where("users.id", "=", invitation.invited_by)
        .where("memberships.network_id", "=", invitation.network_id)
        .where("memberships.role", "in", ["organiser", "owner"])
        .execute()
    : [];
  const people = inviter.length
    ? inviter
    : await trx
        .selectFrom("users")
        .innerJoin("memberships", "memberships.user_id", "users.id")
        .select(["users.email", "users.name", "users.locale"])
        .where("memberships.network_id", "=", invitation.network_id)
        .where("memberships.role", "=", "owner")
        .execute();
  return people.map((person) => ({
    ...person,
    locale: (isLocale(person.locale) ? person.locale : isLocale(networkLocale) ? networkLocale : "en") as Locale,
  }));
}

/**
 * Records the speaker's answer (they may change it until the event starts).
 * Accepting stores the public profile and the consents; declining forgets
 * them and the private needs, which are no longer needed.
 */
export async function answerSpeakerInvitation(
  db: Kysely<Database>,
  input: { token: string; answer: SpeakerAnswer; now?: Date },
): Promise<AnswerResult> {
  const now = input.now ?? new Date();
  const invitationId = await invitationIdForToken(db, input.token);
  if (!invitationId) return { ok: false, state: { kind: "unknown" } };
  return db.transaction().execute(async (trx) => {
    // Locked so that an answer and a withdrawal cannot cross.
    await trx.selectFrom("speaker_invitations").select("id").where("id", "=", invitationId).forUpdate().execute();
    const { invitation, event, network } = await loadInvitationContext(trx, invitationId);
    const reason = closedReason(invitation, event, now);
    if (reason) return { ok: false, state: { kind: "closed", reason, eventTitle: event.title, networkName: network.name } };

    const { answer } = input;
    const status = statusForAnswer[answer.answer];
    const needs = {
      needs_travel: answer.needsTravel,
      needs_accessibility: answer.needsAccessibility,
      needs_interpretation: answer.needsInterpretation,
    };
    const needsChanged =
      needs.needs_travel !== invitation.needs_travel ||
      needs.needs_accessibility !== invitation.needs_accessibility ||
      needs.needs_interpretation !== invitation.needs_interpretation;
    const profile =
      status === "accepted"
        ? {
            display_name: answer.displayName,
            pronouns: answer.pronouns,
            organisation: answer.organisation,
            bio: answer.bio,
            consent_list_name: answer.consentListName,
            consent_photos: answer.consentPhotos,
            consent_recording: answer.consentRecording,
            ...needs,
            ...(needsChanged ? { needs_handled_at: null } : {}),
          }
        : status === "declined"
          ? {
              display_name: "",
              pronouns: "",
              organisation: "",
              bio: "",
              consent_list_name: false,
              consent_photos: false,
              consent_recording: false,
              needs_travel: "",
              needs_accessibility: "",
              needs_interpretation: "",
              needs_handled_at: null,
            }
          : { ...needs, ...(needsChanged ? { needs_handled_at: null } : {}) };
    const updated = await trx
      .updateTable("speaker_invitations")
      .set({
        status,
        response_note: status === "accepted" ? "" : answer.note,
        responded_at: now,
        last_contact_at: now,
        updated_at: now,
        synced_event_sequence: event.sequence,
        ...profile,
      })
      .where("id", "=", invitation.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await syncSpeakerCalendar(trx, invitation.id, { contentChanged: false, now });

    const hasNeeds = Boolean(updated.needs_travel || updated.needs_accessibility || updated.needs_interpretation);
    for (const organiser of await answerRecipients(trx, invitation, network.default_locale)) {
      await queueInvitationEmail(trx, invitation.id, {
        kind: "speaker-answer",
        to: organiser.email,
        locale: organiser.locale,
        networkId: network.id,
        params: {
          organiserName: organiser.name,
          // The organiser knows the name they invited; a pseudonym is added beside it.
          speakerName:
            updated.display_name && updated.display_name !== updated.name ? `${updated.name} (${updated.display_name})` : updated.name,
          eventTitle: event.title,
          answer: status,
          note: updated.response_note,
          hasNeeds,
          manageUrl: organiserPageUrl(network.slug, event.id),
        },
      });
    }
    await recordAudit(trx, {
      networkId: network.id,
      action: "speaker.answered",
      subjectType: "speaker_invitation",
      subjectId: invitation.id,
      details: { status },
    });
    return { ok: true, status };
  });
}
