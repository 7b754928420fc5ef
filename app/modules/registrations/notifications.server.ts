import type { Kysely } from "kysely";
import type { Database, Registration } from "~db/types";
import type { EventUpdateKind } from "~emails/registrations";
import { isLocale, defaultLocale } from "~/i18n/locales";
import { isEntitledToOnlineLink, type OnlineLinkReader } from "~/modules/events/online-link";
import { queueEmail } from "~/modules/mail/outbox.server";
import { invitationAttachment } from "./calendar.server";
import { eventInLanguage, summarise, type RegistrationEvent } from "./events.server";
import { manageTokenFor, manageUrl } from "./links.server";

type Recipient = Pick<Registration, "id" | "email" | "name" | "locale" | "content_language" | "status" | "manage_token_hash">;

export type AttendeeNotice =
  | { kind: "confirmed"; promoted: boolean }
  | { kind: "waitlisted"; position: number }
  | { kind: "cancelled" }
  | { kind: "update"; change: EventUpdateKind }
  | { kind: "reminder" }
  | { kind: "message"; subject: string; message: string };

/**
 * Queues one message to an attendee in their language, in the caller's
 * transaction, and remembers it against the registration so that
 * anonymisation can blank it later. Confirmations and updates carry the
 * calendar invitation; only people entitled to it see the online link (a
 * cancellation, sent when the seat is gone, never carries it).
 */
export async function notifyAttendee(
  trx: Kysely<Database>,
  original: RegistrationEvent,
  registration: Recipient,
  notice: AttendeeNotice,
): Promise<void> {
  if (!registration.email) return;
  // The event's texts in the language the attendee read it in; the message's own words in their interface language.
  const event = await eventInLanguage(trx, original, registration.content_language ? [registration.content_language] : []);
  const reader: OnlineLinkReader = { kind: "attendee", status: notice.kind === "cancelled" ? "cancelled" : registration.status };
  const locale = isLocale(registration.locale) ? registration.locale : defaultLocale;
  const base = {
    name: registration.name ?? "",
    event: summarise(event, reader),
    manageUrl: manageUrl(await manageTokenFor(trx, registration)),
  };
  const attendee = { name: registration.name ?? "", email: registration.email };
  const common = { to: registration.email, locale, networkId: event.networkId };
  let outboxId: string;
  switch (notice.kind) {
    case "confirmed":
      outboxId = await queueEmail(trx, {
        ...common,
        kind: "registration-confirmed",
        params: { ...base, promoted: notice.promoted },
        attachments: [invitationAttachment(event, "REQUEST", attendee, reader)],
      });
      break;
    case "waitlisted":
      outboxId = await queueEmail(trx, {
        ...common,
        kind: "registration-waitlisted",
        params: { ...base, position: notice.position },
      });
      break;
    case "cancelled":
      outboxId = await queueEmail(trx, {
        ...common,
        kind: "registration-cancelled",
        params: base,
        attachments: [invitationAttachment(event, "CANCEL", attendee, reader)],
      });
      break;
    case "update": {
      const method = notice.change === "cancelled" ? "CANCEL" : "REQUEST";
      outboxId = await queueEmail(trx, {
        ...common,
        kind: "registration-event-update",
        params: { ...base, change: notice.change },
        attachments: isEntitledToOnlineLink(reader) ? [invitationAttachment(event, method, attendee, reader)] : [],
      });
      break;
    }
    case "reminder":
      outboxId = await queueEmail(trx, { ...common, kind: "registration-reminder", params: base });
      break;
    case "message":
      outboxId = await queueEmail(trx, {
        ...common,
        kind: "attendee-message",
        params: { ...base, subject: notice.subject, message: notice.message },
      });
      break;
  }
  await trx.insertInto("registration_emails").values({ registration_id: registration.id, outbox_id: outboxId }).execute();
}
