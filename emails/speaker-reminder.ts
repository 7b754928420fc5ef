import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

export const speakerReminder: EmailTemplate<{
  speakerName: string;
  networkName: string;
  eventTitle: string;
  eventWhen: string;
  replyBy: string;
  responseUrl: string;
}> = ({ params, t, locale }) => {
  const subject = t("speakers.emails.reminder.subject", { event: params.eventTitle });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.speakerName }) },
    {
      kind: "paragraph",
      text: t("speakers.emails.reminder.intro", {
        network: params.networkName,
        event: params.eventTitle,
        when: params.eventWhen,
        date: params.replyBy,
      }),
    },
    { kind: "button", label: t("speakers.emails.invitation.action"), url: params.responseUrl },
    { kind: "note", text: t("speakers.emails.privateLink") },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
