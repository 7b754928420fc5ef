import { z } from "zod";
import { isCountryCode, isLanguageCode } from "~/modules/partners/countries";

/**
 * The mailing editor's form. Lists come from checkboxes (getAll), variants
 * from fields named variants[i].language / .subject / .body. A draft saves
 * whatever is typed: empty subjects and unknown merge fields are reported by
 * checkMailingContent and only stop sending.
 */
const MAX_VARIANTS = 30;
const MAX_BODY_CHARACTERS = 50_000;

/**
 * The largest mailing form: every variant's body at its longest, in Cyrillic,
 * which takes 6 bytes a character once URL-encoded, with room for the rest.
 */
export const MAILING_FORM_BYTES = MAX_VARIANTS * MAX_BODY_CHARACTERS * 6 + 1024 * 1024;

const variantSchema = z.object({
  language: z.string().refine(isLanguageCode, { error: "partners.validation.language" }),
  subject: z.string().trim().max(200, { error: "validation.tooLong" }),
  body: z.string().trim().max(MAX_BODY_CHARACTERS, { error: "validation.tooLong" }),
});

export const MailingSchema = z.object({
  title: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(200, { error: "validation.tooLong" }),
  campaignId: z
    .string()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^[0-9a-f-]{36}$/i.test(value), { error: "validation.choose" }),
  countries: z.array(z.string().refine(isCountryCode, { error: "validation.choose" })).max(300),
  languages: z.array(z.string().refine(isLanguageCode, { error: "validation.choose" })).max(200),
  tags: z.array(z.string().max(40)).max(200),
  pledgedCampaignId: z
    .string()
    .optional()
    .transform((value) => value || null)
    .refine((value) => value === null || /^[0-9a-f-]{36}$/i.test(value), { error: "validation.choose" }),
  variants: z.array(variantSchema).max(MAX_VARIANTS),
});

/** Reads the editor's form into the shape MailingSchema checks. */
export function mailingFormValues(formData: FormData) {
  const variants: { language: string; subject: string; body: string }[] = [];
  for (let index = 0; formData.has(`variants[${index}].language`); index++) {
    const text = (name: string) => String(formData.get(`variants[${index}].${name}`) ?? "");
    variants.push({ language: text("language"), subject: text("subject"), body: text("body") });
  }
  const list = (name: string) => formData.getAll(name).map(String);
  return {
    title: String(formData.get("title") ?? ""),
    campaignId: String(formData.get("campaignId") ?? ""),
    countries: list("countries"),
    languages: list("languages"),
    tags: list("tags"),
    pledgedCampaignId: String(formData.get("pledgedCampaignId") ?? ""),
    variants,
  };
}
export type MailingInput = z.output<typeof MailingSchema>;

export const NewMailingSchema = z.object({ title: MailingSchema.shape.title });

/** A send time typed in a zone: "2026-11-30T09:00" and "Europe/Lisbon". */
export const ScheduleSchema = z.object({
  sendAt: z.string({ error: "validation.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "mailings.validation.sendAt" }),
  timeZone: z.string().min(1).max(64),
});

/** A recipient's status on the report, from their message's log (report.server.ts says which wins). */
export const recipientStatuses = ["queued", "deferred", "sent", "bounced", "complained", "unsubscribed", "suppressed", "failed"] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

/** The report's recipient filter from the query string (?status=…&q=…), for the page and its CSV export alike. */
export function recipientFilterFrom(url: URL): { status?: RecipientStatus; search: string } {
  const status = url.searchParams.get("status") ?? "";
  return {
    status: (recipientStatuses as readonly string[]).includes(status) ? (status as RecipientStatus) : undefined,
    search: url.searchParams.get("q")?.slice(0, 200) ?? "",
  };
}
