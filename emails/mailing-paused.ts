import type { MailingPauseReason } from "~db/types";
import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

/** Tells an organiser that their mailing paused itself, why, and where to decide what next. */
export const mailingPaused: EmailTemplate<{
  name: string;
  networkName: string;
  mailingTitle: string;
  reason: MailingPauseReason;
  hardBounces: number;
  complaints: number;
  reportUrl: string;
}> = ({ params, t, locale }) => {
  const subject = t("mailings.pausedEmail.subject", { mailing: params.mailingTitle });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    { kind: "paragraph", text: t("mailings.pausedEmail.intro", { mailing: params.mailingTitle, network: params.networkName }) },
    {
      kind: "paragraph",
      text:
        params.reason === "hard_bounces"
          ? t("mailings.pausedEmail.hardBounces", { count: params.hardBounces })
          : t("mailings.pausedEmail.complaints", { count: params.complaints }),
    },
    { kind: "paragraph", text: t("mailings.pausedEmail.next") },
    { kind: "button", label: t("mailings.pausedEmail.action"), url: params.reportUrl },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
