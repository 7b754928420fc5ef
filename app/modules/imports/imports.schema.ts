import { IANAZone } from "luxon";
import { z } from "zod";
import { eventModes } from "~/modules/events/events.schema";
import { languageListField, splitList } from "~/modules/partners/partners.schema";

/**
 * Forms of calendar import, shared by the browser and the server. Error
 * messages are i18n keys.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The address as typed; the server normalises it (webcal:// is https://) and refuses other schemes. */
const calendarUrlField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(2000, { error: "validation.tooLong" })
  .regex(/^(https?|webcals?):\/\/[^\s/]+\S*$/i, { error: "imports.validation.url" });

const keywordListField = z
  .string()
  .max(500, { error: "validation.tooLong" })
  .optional()
  .transform((value) => splitList(value?.toLowerCase()))
  .refine((keywords) => keywords.length <= 20, { error: "validation.tooLong" });

const sourceFields = {
  url: calendarUrlField,
  campaignId: z.string().regex(UUID, { error: "validation.choose" }).optional(),
  languages: languageListField,
  mode: z.enum(eventModes, { error: "validation.choose" }),
  keywords: keywordListField,
  timeZone: z
    .string({ error: "validation.required" })
    .refine((zone) => IANAZone.isValidZone(zone), { error: "events.validation.timeZone" }),
};

/** A partner adds a source in the portal: its events always wait for review. */
export const PortalSourceSchema = z.object(sourceFields);

/** An organiser also decides whether the source's events are published at once (a trusted partner). */
export const OrganiserSourceSchema = z.object({
  ...sourceFields,
  handling: z.enum(["review", "publish"], { error: "validation.choose" }),
});

export type SourceInput = z.output<typeof PortalSourceSchema> & { handling?: "review" | "publish" };

/** The owner's list of host names exempt from the public-address rule, one a line or comma-separated. */
export const AllowedHostsSchema = z.object({
  hosts: z
    .string()
    .max(2000, { error: "validation.tooLong" })
    .optional()
    .transform((value) => splitList(value?.toLowerCase().replace(/\s+/g, ",")))
    .refine((hosts) => hosts.every((host) => /^[a-z0-9.:\-[\]]{1,253}$/.test(host)), { error: "imports.validation.host" })
    .refine((hosts) => hosts.length <= 50, { error: "validation.tooLong" }),
});

/** Why a sync failed, as stored on the source (safe-fetch's codes and the parser's). */
export const importErrorCodes = [
  "invalid-url",
  "scheme",
  "credentials",
  "dns",
  "private-address",
  "too-many-redirects",
  "too-large",
  "timeout",
  "connection",
  "http-status",
  "not-a-calendar",
] as const;
export type ImportErrorCode = (typeof importErrorCodes)[number];

const errorKeys = {
  "invalid-url": "imports.errors.invalidUrl",
  scheme: "imports.errors.scheme",
  credentials: "imports.errors.credentials",
  dns: "imports.errors.dns",
  "private-address": "imports.errors.privateAddress",
  "too-many-redirects": "imports.errors.tooManyRedirects",
  "too-large": "imports.errors.tooLarge",
  timeout: "imports.errors.timeout",
  connection: "imports.errors.connection",
  "http-status": "imports.errors.httpStatus",
  "not-a-calendar": "imports.errors.notACalendar",
} as const satisfies Record<ImportErrorCode, string>;

/** The message key and values that say a failure in words (sizes in MB, times in seconds). */
export function describeImportError(code: string, detail: string) {
  const known = (importErrorCodes as readonly string[]).includes(code) ? (code as ImportErrorCode) : "connection";
  const number = Number(detail);
  const shown =
    known === "too-large" ? String(Math.round(number / (1024 * 1024))) : known === "timeout" ? String(Math.round(number / 1000)) : detail;
  return { key: errorKeys[known], values: { detail: shown } };
}

/** A calendar address shown without its query (private calendars often carry a secret there). */
export function displayCalendarUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.length > 40 ? `${parsed.pathname.slice(0, 20)}…${parsed.pathname.slice(-16)}` : parsed.pathname;
    return `${parsed.host}${path}`;
  } catch {
    return url;
  }
}
