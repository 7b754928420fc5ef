import { z } from "zod";
import { emailField } from "~/modules/auth/auth.schema";
import { isCountryCode, isLanguageCode } from "./countries";

/**
 * Forms of the partner directory and the partner portal. Error messages are
 * i18n keys; lists (languages, tags) are typed as comma-separated text.
 */
const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "validation.tooLong" })
    .optional()
    .transform((value) => value || null);

/** "pt, en; uk" → ["pt", "en", "uk"]: lower-cased, without duplicates. */
export function splitList(value: string | undefined): string[] {
  const items = (value ?? "")
    .split(/[,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);
  return [...new Set(items)];
}

export const countryField = z
  .string({ error: "partners.validation.country" })
  .trim()
  .transform((value) => value.toUpperCase())
  .refine(isCountryCode, { error: "partners.validation.country" });

export const languageListField = z
  .string()
  .optional()
  .transform((value) => splitList(value?.toLowerCase()))
  .refine((codes) => codes.every(isLanguageCode), { error: "partners.validation.languages" })
  .refine((codes) => codes.length <= 20, { error: "validation.tooLong" });

export const tagListField = z
  .string()
  .optional()
  .transform((value) => splitList(value))
  .refine((tags) => tags.every((tag) => tag.length <= 40), { error: "partners.validation.tagTooLong" })
  .refine((tags) => tags.length <= 20, { error: "validation.tooLong" });

export const websiteField = z
  .string()
  .trim()
  .max(300, { error: "validation.tooLong" })
  .optional()
  .transform((value) => value || null)
  .refine((value) => value === null || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value), {
    error: "partners.validation.website",
  });

export const contactLanguageField = z
  .string()
  .trim()
  .optional()
  .transform((value) => value?.toLowerCase() || null)
  .refine((value) => value === null || isLanguageCode(value), { error: "partners.validation.language" });

/** What a partner may change about their own organisation in the portal. */
export const PortalOrganisationSchema = z.object({
  name: requiredText(200),
  country: countryField,
  city: optionalText(100),
  languages: languageListField,
  website: websiteField,
  /** The organisation's consent to appear in the public API's partner list. */
  listed_publicly: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});

/** Organisers also keep tags and private notes. */
export const OrganisationSchema = PortalOrganisationSchema.extend({
  tags: tagListField,
  notes: z
    .string()
    .trim()
    .max(5000, { error: "validation.tooLong" })
    .optional()
    .transform((value) => value ?? ""),
});
export type OrganisationInput = z.output<typeof OrganisationSchema>;

export const ContactSchema = z.object({
  name: requiredText(200),
  email: emailField,
  locale: contactLanguageField,
  roleTitle: z
    .string()
    .trim()
    .max(100, { error: "validation.tooLong" })
    .optional()
    .transform((value) => value ?? ""),
  subscribed: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});
export type ContactInput = z.output<typeof ContactSchema>;

/** The directory's filters, read from the query string; anything odd is simply ignored. */
export const DirectoryFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  country: z.string().trim().toUpperCase().refine(isCountryCode).optional().catch(undefined),
  language: z.string().trim().toLowerCase().refine(isLanguageCode).optional().catch(undefined),
  tag: z.string().trim().max(40).optional().catch(undefined),
});
export type DirectoryFilter = z.output<typeof DirectoryFilterSchema>;

export const PortalSignInSchema = z.object({ email: emailField });

/**
 * The directory as CSV: one row per contact, the organisation's columns
 * repeated. Rows naming the same organisation build one organisation.
 */
export const csvColumns = [
  "organisation",
  "country",
  "city",
  "languages",
  "website",
  "tags",
  "contact_name",
  "contact_email",
  "contact_language",
  "contact_role",
  "subscribed",
] as const;
