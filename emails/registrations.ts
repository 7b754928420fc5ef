import { formatEventWhenInZone } from "~/modules/events/event-times";
import type { EventSummary } from "~/modules/registrations/event-summary";
import type { Translate } from "~/i18n/translate";
import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate, RenderedEmail } from "./types";
import type { Locale } from "~/i18n/locales";

/** The messages attendees receive. Every one carries the private manage link. */

function eventBlocks(event: EventSummary, t: Translate, locale: Locale): Block[] {
  const lines = [
    t("registrations.emails.when", { when: formatEventWhenInZone(event, locale) }),
    event.place ? t("registrations.emails.where", { place: event.place }) : null,
    event.onlineUrl ? t("registrations.emails.online", { url: event.onlineUrl }) : null,
    event.host ? t("registrations.emails.host", { host: event.host }) : null,
  ].filter((line): line is string => line !== null);
  // The title may be a translation in a language the message's words are not (Ukrainian within English).
  const title =
    event.titleLanguage && event.titleLanguage !== locale ? { text: event.title, lang: event.titleLanguage } : { text: event.title };
  return [{ kind: "lines", lines: [title, ...lines.map((text) => ({ text }))] }];
}

function compose(locale: Locale, subject: string, blocks: Block[]): RenderedEmail {
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
}

function manageBlocks(t: Translate, manageUrl: string): Block[] {
  return [
    { kind: "button", label: t("registrations.emails.manage"), url: manageUrl },
    { kind: "note", text: t("registrations.emails.privateLink") },
  ];
}

interface AttendeeParams {
  name: string;
  event: EventSummary;
  manageUrl: string;
}

export const registrationConfirmed: EmailTemplate<AttendeeParams & { promoted: boolean }> = ({ params, t, locale }) => {
  const subject = t("registrations.emails.confirmed.subject", { event: params.event.title });
  return compose(locale, subject, [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    {
      kind: "paragraph",
      text: params.promoted
        ? t("registrations.emails.confirmed.promoted", { network: params.event.networkName })
        : t("registrations.emails.confirmed.intro", { network: params.event.networkName }),
    },
    ...eventBlocks(params.event, t, locale),
    { kind: "paragraph", text: t("registrations.emails.confirmed.calendar") },
    ...manageBlocks(t, params.manageUrl),
  ]);
};

export const registrationWaitlisted: EmailTemplate<AttendeeParams & { position: number }> = ({ params, t, locale }) => {
  const subject = t("registrations.emails.waitlisted.subject", { event: params.event.title });
  return compose(locale, subject, [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    { kind: "paragraph", text: t("registrations.emails.waitlisted.intro", { position: params.position }) },
    ...eventBlocks({ ...params.event, onlineUrl: null }, t, locale),
    ...manageBlocks(t, params.manageUrl),
  ]);
};

export const registrationCancelled: EmailTemplate<AttendeeParams> = ({ params, t, locale }) => {
  const subject = t("registrations.emails.cancelled.subject", { event: params.event.title });
  return compose(locale, subject, [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    { kind: "paragraph", text: t("registrations.emails.cancelled.intro") },
    ...eventBlocks({ ...params.event, onlineUrl: null }, t, locale),
    ...manageBlocks(t, params.manageUrl),
  ]);
};

export type EventUpdateKind = "rescheduled" | "moved" | "cancelled";

export const registrationEventUpdate: EmailTemplate<AttendeeParams & { change: EventUpdateKind }> = ({ params, t, locale }) => {
  const subject = t(`registrations.emails.update.${params.change}.subject`, { event: params.event.title });
  return compose(locale, subject, [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    { kind: "paragraph", text: t(`registrations.emails.update.${params.change}.intro`) },
    ...eventBlocks(params.event, t, locale),
    ...manageBlocks(t, params.manageUrl),
  ]);
};

export const registrationReminder: EmailTemplate<AttendeeParams> = ({ params, t, locale }) => {
  const subject = t("registrations.emails.reminder.subject", { event: params.event.title });
  return compose(locale, subject, [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    { kind: "paragraph", text: t("registrations.emails.reminder.intro") },
    ...eventBlocks(params.event, t, locale),
    { kind: "note", text: t("registrations.emails.reminder.cannotCome") },
    ...manageBlocks(t, params.manageUrl),
  ]);
};

export const attendeeMessage: EmailTemplate<AttendeeParams & { subject: string; message: string }> = ({ params, t, locale }) => {
  return compose(locale, params.subject, [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    { kind: "paragraph", text: params.message },
    { kind: "note", text: t("registrations.emails.message.from", { network: params.event.networkName, event: params.event.title }) },
    ...manageBlocks(t, params.manageUrl),
  ]);
};
