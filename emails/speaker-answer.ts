import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

/** To the organiser who invited the speaker. Private needs stay on the site: the mail only says there are some. */
export const speakerAnswer: EmailTemplate<{
  organiserName: string;
  speakerName: string;
  eventTitle: string;
  answer: "accepted" | "declined" | "tentative";
  note: string;
  hasNeeds: boolean;
  manageUrl: string;
}> = ({ params, t, locale }) => {
  const subject = t(`speakers.emails.answer.subject.${params.answer}`, {
    speaker: params.speakerName,
    event: params.eventTitle,
  });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.organiserName }) },
    { kind: "paragraph", text: subject },
    ...(params.note ? [{ kind: "paragraph" as const, text: t("speakers.emails.answer.note", { note: params.note }) }] : []),
    ...(params.hasNeeds ? [{ kind: "paragraph" as const, text: t("speakers.emails.answer.needs") }] : []),
    { kind: "button", label: t("speakers.emails.answer.action"), url: params.manageUrl },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
