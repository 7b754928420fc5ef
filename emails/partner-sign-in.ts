import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

export const partnerSignIn: EmailTemplate<{ name: string; networkName: string; signInUrl: string; validMinutes: number }> = ({
  params,
  t,
  locale,
}) => {
  const subject = t("portal.email.subject", { network: params.networkName });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    { kind: "paragraph", text: t("portal.email.intro", { network: params.networkName }) },
    { kind: "button", label: t("portal.email.action"), url: params.signInUrl },
    { kind: "note", text: t("portal.email.validFor", { count: params.validMinutes }) },
    { kind: "note", text: t("portal.email.ignore") },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
