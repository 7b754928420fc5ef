import { IANAZone } from "luxon";
import { z } from "zod";
import { eventInstants } from "./event-times";

/**
 * Event forms and calendar filters, shared by the browser and the server.
 * Error messages are i18n keys; the form fields translate them.
 */
export const eventModes = ["in_person", "online", "hybrid"] as const;
export const eventVisibilities = ["public", "partners", "unlisted"] as const;
export const eventStatuses = ["draft", "pending_review", "published", "cancelled"] as const;
export type EventMode = (typeof eventModes)[number];
export type EventVisibility = (typeof eventVisibilities)[number];
export type EventStatus = (typeof eventStatuses)[number];

/** Accessibility features an event can offer; each has a label under `events.accessibility.`. */
export const accessibilityFeatures = [
  "step-free",
  "accessible-toilet",
  "quiet-room",
  "seating",
  "hearing-loop",
  "sign-language",
  "captions",
  "gender-neutral-toilet",
  "childcare",
] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LANGUAGE = /^[a-z]{2,3}$/;
const DAY_KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const required = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });
const optionalText = (max: number) => z.string().trim().max(max, { error: "validation.tooLong" }).optional();
const uuid = z.string().regex(UUID, { error: "validation.choose" });

export const EventFormSchema = z
  .object({
    title: required(200),
    description: optionalText(20_000),
    timeZone: z
      .string({ error: "validation.required" })
      .refine((zone) => IANAZone.isValidZone(zone), { error: "events.validation.timeZone" }),
    allDay: z.boolean().optional(),
    startDate: z.string({ error: "validation.required" }).regex(DATE, { error: "events.validation.date" }),
    startTime: z.string().regex(TIME, { error: "events.validation.time" }).optional(),
    endDate: z.string({ error: "validation.required" }).regex(DATE, { error: "events.validation.date" }),
    endTime: z.string().regex(TIME, { error: "events.validation.time" }).optional(),
    mode: z.enum(eventModes, { error: "validation.choose" }),
    venueName: optionalText(200),
    address: optionalText(500),
    city: optionalText(100),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, { error: "events.validation.country" })
      .optional(),
    onlineUrl: z
      .string()
      .trim()
      .max(2000, { error: "validation.tooLong" })
      .regex(/^https?:\/\/\S+$/i, { error: "events.validation.url" })
      .optional(),
    onlineUrlPublic: z.boolean().optional(),
    capacity: z
      .number({ error: "events.validation.capacity" })
      .int({ error: "events.validation.capacity" })
      .min(1, { error: "events.validation.capacity" })
      .max(1_000_000, { error: "events.validation.capacity" })
      .optional(),
    registrationOpens: z.string().regex(DATE_TIME, { error: "events.validation.dateTime" }).optional(),
    registrationCloses: z.string().regex(DATE_TIME, { error: "events.validation.dateTime" }).optional(),
    languages: z
      .string()
      .max(200, { error: "validation.tooLong" })
      .transform((text) => [
        ...new Set(
          text
            .split(/[\s,]+/)
            .map((code) => code.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .refine((codes) => codes.every((code) => LANGUAGE.test(code)), { error: "events.validation.languages" })
      .optional(),
    interpretation: optionalText(500),
    accessibility: z.array(z.enum(accessibilityFeatures, { error: "validation.choose" })).optional(),
    accessibilityNotes: optionalText(2000),
    anonymityPolicy: optionalText(500),
    hostPartnerId: uuid.optional(),
    cohostIds: z.array(uuid).optional(),
    campaignId: uuid.optional(),
    visibility: z.enum(eventVisibilities, { error: "validation.choose" }),
  })
  .superRefine((value, ctx) => {
    if (!value.allDay) {
      if (!value.startTime) ctx.addIssue({ code: "custom", path: ["startTime"], message: "events.validation.time" });
      if (!value.endTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "events.validation.time" });
      if (!value.startTime || !value.endTime) return;
    }
    if (value.mode !== "online" && !value.country) {
      ctx.addIssue({ code: "custom", path: ["country"], message: "events.validation.countryRequired" });
    }
    if (!IANAZone.isValidZone(value.timeZone)) return;
    const instants = eventInstants(value);
    if (!instants) {
      ctx.addIssue({ code: "custom", path: ["startDate"], message: "events.validation.date" });
    } else if (instants.endsAt <= instants.startsAt) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "events.validation.endBeforeStart" });
    }
    if (value.registrationOpens && value.registrationCloses && value.registrationCloses <= value.registrationOpens) {
      ctx.addIssue({ code: "custom", path: ["registrationCloses"], message: "events.validation.closesBeforeOpens" });
    }
  });

export type EventInput = z.output<typeof EventFormSchema>;

/** What the edit form's submit buttons ask for. */
export const EventIntentSchema = z.enum(["save", "publish", "submit"]);

export const ReviewSchema = z.object({
  intent: z.enum(["approve", "reject"], { error: "validation.choose" }),
  note: z.string().trim().max(2000, { error: "validation.tooLong" }).optional(),
});

export const PostponeSchema = z
  .object({
    allDay: z.boolean().optional(),
    startDate: z.string({ error: "validation.required" }).regex(DATE, { error: "events.validation.date" }),
    startTime: z.string().regex(TIME, { error: "events.validation.time" }).optional(),
    endDate: z.string({ error: "validation.required" }).regex(DATE, { error: "events.validation.date" }),
    endTime: z.string().regex(TIME, { error: "events.validation.time" }).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.allDay && (!value.startTime || !value.endTime)) {
      ctx.addIssue({ code: "custom", path: [value.startTime ? "endTime" : "startTime"], message: "events.validation.time" });
    }
  });

/**
 * Public calendar filters, read from the query string. A value that does not
 * fit is dropped rather than refused: a hand-edited URL shows everything.
 */
export const CalendarFiltersSchema = z.object({
  campaign: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/)
    .optional()
    .catch(undefined),
  /** A global day's key: events whose campaign belongs to that day. */
  day: z.string().max(100).regex(DAY_KEY).optional().catch(undefined),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  language: z.string().regex(LANGUAGE).optional().catch(undefined),
  mode: z.enum(eventModes).optional().catch(undefined),
  host: z.string().regex(UUID).optional().catch(undefined),
  /** Words of the title, in any of the languages the event is written in. */
  q: z.string().trim().min(1).max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type CalendarFilters = z.output<typeof CalendarFiltersSchema>;

export function readCalendarFilters(searchParams: URLSearchParams): CalendarFilters {
  const raw = Object.fromEntries([...searchParams.entries()].filter(([, value]) => value !== ""));
  return CalendarFiltersSchema.parse(raw);
}

export const StatusFilterSchema = z
  .enum([...eventStatuses, "flagged"])
  .optional()
  .catch(undefined);
