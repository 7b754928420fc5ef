import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

interface EventReviewParams {
  recipientName: string;
  networkName: string;
  eventTitle: string;
  /** The organiser's note; may be empty. */
  note: string;
  eventUrl: string;
}

function noteBlocks(note: string, label: string): Block[] {
  return note ? [{ kind: "paragraph", text: `${label}\n${note}` }] : [];
}

/** To the partner contact who submitted an event: it is now in the network's calendar. */
export const eventApproved: EmailTemplate<EventReviewParams> = ({ params, t, locale }) => {
  const subject = t("emails.eventApproved.subject", { event: params.eventTitle });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.recipientName }) },
    { kind: "paragraph", text: t("emails.eventApproved.intro", { event: params.eventTitle, network: params.networkName }) },
    ...noteBlocks(params.note, t("emails.eventApproved.note")),
    { kind: "button", label: t("emails.eventApproved.action"), url: params.eventUrl },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};

/** To the partner contact who submitted an event: it was sent back, with the organiser's note. */
export const eventRejected: EmailTemplate<EventReviewParams> = ({ params, t, locale }) => {
  const subject = t("emails.eventRejected.subject", { event: params.eventTitle });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.recipientName }) },
    { kind: "paragraph", text: t("emails.eventRejected.intro", { event: params.eventTitle, network: params.networkName }) },
    ...noteBlocks(params.note, t("emails.eventRejected.note")),
    { kind: "button", label: t("emails.eventRejected.action"), url: params.eventUrl },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
