import type { SpeakerRole } from "~/modules/speakers/speakers.schema";
import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

export const speakerInvitation: EmailTemplate<{
  speakerName: string;
  networkName: string;
  eventTitle: string;
  eventWhen: string;
  role: SpeakerRole;
  sessionTitle: string;
  slotWhen: string | null;
  message: string;
  replyBy: string;
  responseUrl: string;
  /** A fresh copy sent by the organiser: says so, and that every earlier link still works. */
  resent: boolean;
}> = ({ params, t, locale }) => {
  const subject = t(params.resent ? "speakers.emails.invitation.subjectResent" : "speakers.emails.invitation.subject", {
    event: params.eventTitle,
  });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.speakerName }) },
    {
      kind: "paragraph",
      text: t("speakers.emails.invitation.intro", {
        network: params.networkName,
        role: t(`speakers.roles.${params.role}`),
        event: params.eventTitle,
      }),
    },
    {
      kind: "paragraph",
      text: [
        t("speakers.emails.invitation.when", { when: params.eventWhen }),
        t("speakers.emails.invitation.session", { title: params.sessionTitle }),
        params.slotWhen ? t("speakers.emails.invitation.slot", { when: params.slotWhen }) : null,
      ]
        .filter(Boolean)
        .join("\n"),
    },
    ...(params.message ? [{ kind: "paragraph" as const, text: params.message }] : []),
    { kind: "paragraph", text: t("speakers.emails.invitation.replyBy", { date: params.replyBy }) },
    { kind: "button", label: t("speakers.emails.invitation.action"), url: params.responseUrl },
    { kind: "note", text: t("speakers.emails.privateLink") },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
