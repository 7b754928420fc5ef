import "~/i18n/catalogues.server";
import type { Locale } from "~/i18n/locales";
import { getTranslator } from "~/i18n/registry";
import { calendarImportFailing } from "./calendar-import-failing";
import { campaignDigest } from "./campaign-digest";
import { eventApproved, eventRejected } from "./event-review";
import { singleLine } from "./layout";
import { mailing } from "./mailing";
import { mailingPaused } from "./mailing-paused";
import { networkInvitation } from "./network-invitation";
import { partnerSignIn } from "./partner-sign-in";
import { passwordReset } from "./password-reset";
import { speakerAnswer } from "./speaker-answer";
import { speakerCalendar } from "./speaker-calendar";
import { speakerInvitation } from "./speaker-invitation";
import { speakerReminder } from "./speaker-reminder";
import { speakerWithdrawn } from "./speaker-withdrawn";
import {
  attendeeMessage,
  registrationCancelled,
  registrationConfirmed,
  registrationEventUpdate,
  registrationReminder,
  registrationWaitlisted,
} from "./registrations";
import type { EmailTemplate, RenderedEmail } from "./types";

/** Every kind of message Daymark sends. Add a template here and its strings under `emails` in each catalogue. */
export const emailTemplates = {
  "password-reset": passwordReset,
  "network-invitation": networkInvitation,
  "campaign-digest": campaignDigest,
  "speaker-invitation": speakerInvitation,
  "speaker-reminder": speakerReminder,
  "speaker-withdrawn": speakerWithdrawn,
  "speaker-answer": speakerAnswer,
  "speaker-calendar": speakerCalendar,
  "event-approved": eventApproved,
  "event-rejected": eventRejected,
  "registration-confirmed": registrationConfirmed,
  "registration-waitlisted": registrationWaitlisted,
  "registration-cancelled": registrationCancelled,
  "registration-event-update": registrationEventUpdate,
  "registration-reminder": registrationReminder,
  "attendee-message": attendeeMessage,
  "partner-sign-in": partnerSignIn,
  "calendar-import-failing": calendarImportFailing,
  mailing,
  "mailing-paused": mailingPaused,
};

export type EmailKind = keyof typeof emailTemplates;
export type EmailParams<K extends EmailKind> = (typeof emailTemplates)[K] extends EmailTemplate<infer P> ? P : never;

export function renderEmail<K extends EmailKind>(kind: K, locale: Locale, params: EmailParams<K>): RenderedEmail {
  const template = emailTemplates[kind] as EmailTemplate<EmailParams<K>>;
  const rendered = template({ params, t: getTranslator(locale), locale });
  return { ...rendered, subject: singleLine(rendered.subject) };
}
