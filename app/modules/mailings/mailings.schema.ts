import { z } from "zod";
import { isCountryCode, isLanguageCode } from "~/modules/partners/countries";

/**
 * The mailing editor's form. Lists come from checkboxes (getAll), variants
 * from fields named variants[i].language / .subject / .body.
 */
const variantSchema = z.object({
  language: z.string().refine(isLanguageCode, { error: "partners.validation.language" }),
  subject: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(200, { error: "validation.tooLong" }),
  body: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(50_000, { error: "validation.tooLong" }),
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
  variants: z.array(variantSchema).min(1).max(30),
});
export type MailingInput = z.output<typeof MailingSchema>;

export const NewMailingSchema = z.object({ title: MailingSchema.shape.title });

/** A send time typed in a zone: "2026-11-30T09:00" and "Europe/Lisbon". */
export const ScheduleSchema = z.object({
  sendAt: z.string({ error: "validation.required" }).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: "mailings.validation.sendAt" }),
  timeZone: z.string().min(1).max(64),
});
