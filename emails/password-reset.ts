import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

export const passwordReset: EmailTemplate<{ name: string; resetUrl: string; validMinutes: number }> = ({ params, t, locale }) => {
  const subject = t("emails.passwordReset.subject");
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    { kind: "paragraph", text: t("emails.passwordReset.intro") },
    { kind: "button", label: t("emails.passwordReset.action"), url: params.resetUrl },
    { kind: "note", text: t("emails.passwordReset.validFor", { count: params.validMinutes }) },
    { kind: "note", text: t("emails.passwordReset.ignore") },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
