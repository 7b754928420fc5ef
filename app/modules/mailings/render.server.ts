import { DateTime } from "luxon";
import type { Kysely } from "kysely";
import type { Database, MailingVariant } from "~db/types";
import { renderEmail } from "~emails/index";
import { messageLocale } from "~/modules/partners/portal.server";
import { markdownToPlainText, renderMarkdown } from "~/utils/markdown.server";
import { escapeMarkdown, fillMergeFields, type MergeValues } from "./merge-fields";

/** What every message of a mailing shares: the network, its variants and its campaign. */
export interface MailingContext {
  mailingId: string;
  network: { id: string; slug: string; name: string; defaultLocale: string };
  variants: Pick<MailingVariant, "language" | "subject" | "body">[];
  campaign: { title: string; startsOn: string | null } | null;
}

export interface RecipientData {
  name: string;
  partnerName: string;
  /** The contact's language; the network's default variant is used when the mailing has none in it. */
  language: string | null;
}

export async function loadMailingContext(db: Kysely<Database>, mailingId: string): Promise<MailingContext> {
  const mailing = await db
    .selectFrom("mailings")
    .innerJoin("networks", "networks.id", "mailings.network_id")
    .leftJoin("campaigns", "campaigns.id", "mailings.campaign_id")
    .select([
      "networks.id as networkId",
      "networks.name as networkName",
      "networks.slug",
      "networks.default_locale",
      "campaigns.title as campaignTitle",
      "campaigns.starts_on",
      "mailings.campaign_id",
    ])
    .where("mailings.id", "=", mailingId)
    .executeTakeFirstOrThrow();
  const variants = await db
    .selectFrom("mailing_variants")
    .select(["language", "subject", "body"])
    .where("mailing_id", "=", mailingId)
    .orderBy("language")
    .execute();
  return {
    mailingId,
    network: { id: mailing.networkId, slug: mailing.slug, name: mailing.networkName, defaultLocale: mailing.default_locale },
    variants,
    campaign: mailing.campaign_id ? { title: mailing.campaignTitle ?? "", startsOn: mailing.starts_on ?? null } : null,
  };
}

/** The variant a contact receives: their language if the mailing has it, else the network's. */
export function variantLanguageFor(context: Pick<MailingContext, "variants" | "network">, contactLanguage: string | null) {
  const languages = context.variants.map((variant) => variant.language);
  if (contactLanguage && languages.includes(contactLanguage)) return contactLanguage;
  return context.network.defaultLocale;
}

export function mergeValues(context: MailingContext, recipient: RecipientData, language: string): MergeValues {
  const startsOn = context.campaign?.startsOn;
  return {
    "contact.name": recipient.name,
    "partner.name": recipient.partnerName,
    "campaign.title": context.campaign?.title ?? "",
    "campaign.date": startsOn ? DateTime.fromISO(startsOn).setLocale(language).toLocaleString(DateTime.DATE_FULL) : "",
  };
}

/** One recipient's message: subject, HTML and text in their language, merge fields filled, footer added. */
export function renderMailingMessage(context: MailingContext, recipient: RecipientData, unsubscribeUrl: string) {
  const language = variantLanguageFor(context, recipient.language);
  const variant = context.variants.find((candidate) => candidate.language === language);
  if (!variant) throw new Error(`mailing ${context.mailingId} has no variant in ${language}`);
  const values = mergeValues(context, recipient, language);
  const body = fillMergeFields(variant.body, values, escapeMarkdown);
  const params = {
    language,
    subject: fillMergeFields(variant.subject, values),
    bodyHtml: renderMarkdown(body),
    bodyText: markdownToPlainText(body),
    networkName: context.network.name,
    partnerName: recipient.partnerName,
    unsubscribeUrl,
  };
  const uiLocale = messageLocale(language, context.network.defaultLocale);
  return { language, uiLocale, params, rendered: renderEmail("mailing", uiLocale, params) };
}

/**
 * The mailto: unsubscribe address on the bounce mailbox: the link's token in
 * the local part (base64url fits a local part; mail servers keep its case).
 */
export function unsubscribeMailto(token: string, bounceDomain: string) {
  return `bounces+unsubscribe-${token}@${bounceDomain}`;
}

/**
 * List headers of one mailing message: List-Unsubscribe with the mailto:
 * address (RFC 2369, when BOUNCE_DOMAIN is set) and the RFC 8058 one-click
 * URL that mail providers post to; List-Id (RFC 2919) naming the network's
 * list; Feedback-ID, by which Gmail's feedback loop groups complaints.
 */
export function mailingHeaders(
  context: Pick<MailingContext, "mailingId" | "network">,
  link: { unsubscribeUrl: string; token: string | null; appUrl: string; bounceDomain: string | undefined },
): Record<string, string> {
  const mailto =
    link.token && link.bounceDomain ? `<mailto:${unsubscribeMailto(link.token, link.bounceDomain)}?subject=unsubscribe>, ` : "";
  return {
    "List-Unsubscribe": `${mailto}<${link.unsubscribeUrl}/one-click>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    "List-Id": `<${context.network.slug}.${new URL(link.appUrl).hostname}>`,
    "Feedback-ID": `${context.mailingId}:${context.network.slug}:mailing:daymark`,
  };
}
