import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

/** Carries the speaker's calendar entry (REQUEST or CANCEL) as an attachment. */
export const speakerCalendar: EmailTemplate<{
  speakerName: string;
  eventTitle: string;
  sessionTitle: string;
  when: string;
  change: "confirmed" | "updated" | "cancelled";
}> = ({ params, t, locale }) => {
  const subject = t(`speakers.emails.calendar.subject.${params.change}`, { event: params.eventTitle });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.speakerName }) },
    {
      kind: "paragraph",
      text: t(`speakers.emails.calendar.intro.${params.change}`, {
        session: params.sessionTitle,
        event: params.eventTitle,
        when: params.when,
      }),
    },
    {
      kind: "note",
      text: params.change === "cancelled" ? t("speakers.emails.calendar.cancelNote") : t("speakers.emails.calendar.requestNote"),
    },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
