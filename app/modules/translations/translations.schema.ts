import { z } from "zod";
import { canonicalLanguage, parseLanguageList } from "./languages";

/** The translation and content-language forms, shared by the browser and the server. */

const required = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });
const optionalText = (max: number) => z.string().trim().max(max, { error: "validation.tooLong" }).optional().default("");

export const ContentLanguagesSchema = z.object({
  original: z
    .string({ error: "validation.required" })
    .max(35, { error: "validation.tooLong" })
    .refine((tag) => canonicalLanguage(tag) !== undefined, { error: "translations.languages.invalid" })
    .transform((tag) => canonicalLanguage(tag)!),
  others: z
    .string()
    .max(500, { error: "validation.tooLong" })
    .optional()
    .default("")
    .refine((text) => parseLanguageList(text) !== undefined, { error: "translations.languages.invalid" })
    .transform((text) => parseLanguageList(text)!),
});

/** The lengths match the event form's (events.schema.ts). */
export const EventTranslationSchema = z.object({
  title: required(200),
  description: optionalText(20_000),
  accessibilityNotes: optionalText(2000),
});

/** The lengths match the campaign form's (campaigns.schema.ts). */
export const CampaignTranslationSchema = z.object({
  title: required(160),
  goals: optionalText(5000),
  keyMessages: optionalText(5000),
  materialLabels: z
    .string()
    .max(5000, { error: "validation.tooLong" })
    .optional()
    .default("")
    .transform((text) => text.split(/\r?\n/).map((line) => line.trim())),
});

/** The lengths match the days page's form for a network's own day (days.schema.ts). */
export const DayTranslationSchema = z.object({
  name: required(120),
  description: optionalText(500),
});
