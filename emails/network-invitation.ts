import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

export const networkInvitation: EmailTemplate<{
  networkName: string;
  inviterName: string;
  roleLabel: string;
  acceptUrl: string;
  validDays: number;
}> = ({ params, t, locale }) => {
  const subject = t("emails.networkInvitation.subject", { network: params.networkName });
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: t("emails.networkInvitation.intro", {
        inviter: params.inviterName,
        network: params.networkName,
        role: params.roleLabel,
      }),
    },
    { kind: "button", label: t("emails.networkInvitation.action"), url: params.acceptUrl },
    { kind: "note", text: t("emails.networkInvitation.validFor", { count: params.validDays }) },
  ];
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
