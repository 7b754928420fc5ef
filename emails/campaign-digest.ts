import { DateTime } from "luxon";
import { renderHtml, renderText, type Block } from "./layout";
import type { EmailTemplate } from "./types";

export interface DigestAction {
  title: string;
  campaignTitle: string;
  /** 'YYYY-MM-DD', or null for an action without a date yet. */
  dueOn: string | null;
}

/** The weekly list of an organiser's open actions: overdue first, then the next four weeks. */
export const campaignDigest: EmailTemplate<{
  name: string;
  networkName: string;
  overdue: DigestAction[];
  upcoming: DigestAction[];
  laterCount: number;
  actionsUrl: string;
}> = ({ params, t, locale }) => {
  const line = (action: DigestAction) =>
    t("emails.campaignDigest.line", {
      title: action.title,
      campaign: action.campaignTitle,
      date: action.dueOn
        ? DateTime.fromISO(action.dueOn, { zone: "utc" }).setLocale(locale).toLocaleString(DateTime.DATE_MED)
        : t("emails.campaignDigest.noDate"),
    });
  const subject = t("emails.campaignDigest.subject", { network: params.networkName, count: params.overdue.length });
  const blocks: Block[] = [
    { kind: "paragraph", text: t("emails.greeting", { name: params.name }) },
    { kind: "paragraph", text: t("emails.campaignDigest.intro", { network: params.networkName }) },
  ];
  if (params.overdue.length > 0) {
    blocks.push({
      kind: "paragraph",
      text: [t("emails.campaignDigest.overdue", { count: params.overdue.length }), ...params.overdue.map(line)].join("\n"),
    });
  }
  blocks.push({
    kind: "paragraph",
    text:
      params.upcoming.length > 0
        ? [t("emails.campaignDigest.upcoming", { count: params.upcoming.length }), ...params.upcoming.map(line)].join("\n")
        : t("emails.campaignDigest.nothingUpcoming"),
  });
  if (params.laterCount > 0) blocks.push({ kind: "note", text: t("emails.campaignDigest.later", { count: params.laterCount }) });
  blocks.push({ kind: "button", label: t("emails.campaignDigest.action"), url: params.actionsUrl });
  blocks.push({ kind: "note", text: t("emails.campaignDigest.why") });
  return { subject, text: renderText(blocks), html: renderHtml(locale, subject, blocks) };
};
