import { describeImportError, displayCalendarUrl } from "~/modules/imports/imports.schema";
import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

export const calendarImportFailing: EmailTemplate<{
  name: string;
  networkName: string;
  partnerName: string;
  calendarUrl: string;
  errorCode: string;
  errorDetail: string;
  failures: number;
  manageUrl: string;
}> = ({ params, t, locale }) => {
  const subject = t("imports.email.subject", { network: params.networkName });
  const error = describeImportError(params.errorCode, params.errorDetail);
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    {
      kind: "paragraph",
      text: t("imports.email.intro", {
        count: params.failures,
        calendar: displayCalendarUrl(params.calendarUrl),
        partner: params.partnerName,
        network: params.networkName,
      }),
    },
    { kind: "paragraph", text: t("imports.email.reason", { reason: t(error.key, error.values) }) },
    { kind: "paragraph", text: t("imports.email.keep") },
    { kind: "button", label: t("imports.email.action"), url: params.manageUrl },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
