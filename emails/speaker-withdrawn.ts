import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

export const speakerWithdrawn: EmailTemplate<{
  speakerName: string;
  networkName: string;
  eventTitle: string;
  eventWhen: string;
  /** A CANCEL for their calendar entry is attached. */
  calendarCancelled: boolean;
}> = ({ params, t, locale }) => {
  const subject = t("speakers.emails.withdrawn.subject", { event: params.eventTitle });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.speakerName }) },
    {
      kind: "paragraph",
      text: t("speakers.emails.withdrawn.intro", {
        network: params.networkName,
        event: params.eventTitle,
        when: params.eventWhen,
      }),
    },
    ...(params.calendarCancelled ? [{ kind: "note" as const, text: t("speakers.emails.calendar.cancelNote") }] : []),
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
