import { z } from "zod";
import { locales } from "~/i18n/locales";
import { emailField } from "~/modules/auth/auth.schema";

export const registrationStatuses = ["confirmed", "waitlisted", "cancelled", "attended"] as const;
export const questionKinds = ["short_text", "long_text", "single_choice", "multiple_choice"] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** A question as the form shows it. */
export interface FormQuestion {
  id: string;
  label: string;
  kind: QuestionKind;
  required: boolean;
  options: string[];
}

/** Each question's field name in the form. */
export function questionField(id: string): string {
  return `q_${id}`;
}

const nameField = z
  .string({ error: "validation.required" })
  .trim()
  .min(1, { error: "validation.required" })
  .max(80, { error: "validation.tooLong" });
const localeField = z.enum(locales, { error: "validation.choose" });

function answerSchema(question: FormQuestion) {
  if (question.kind === "multiple_choice") {
    const list = z
      .array(z.string(), { error: "validation.required" })
      .refine((values) => values.every((value) => question.options.includes(value)), {
        error: "registrations.validation.option",
      });
    const normalised = z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), list);
    return question.required ? normalised.refine((values) => values.length > 0, { error: "validation.required" }) : normalised;
  }
  if (question.kind === "single_choice") {
    const choice = z.enum(question.options as [string, ...string[]], { error: "registrations.validation.option" });
    return question.required ? choice : choice.optional();
  }
  const text = z
    .string()
    .trim()
    .max(question.kind === "long_text" ? 4000 : 300, { error: "validation.tooLong" });
  return question.required
    ? z.string({ error: "validation.required" }).pipe(text.min(1, { error: "validation.required" }))
    : text.optional();
}

/**
 * The registration form for one event: the organiser's questions become
 * fields `q_<id>`. `website` is a honeypot: people never see it, bots fill it in.
 */
export function registrationSchema(questions: FormQuestion[]) {
  return z.object({
    name: nameField,
    email: emailField,
    locale: localeField,
    consent: z.literal("on", { error: "registrations.validation.consent" }),
    website: z.string().optional(),
    ...Object.fromEntries(questions.map((question) => [questionField(question.id), answerSchema(question)])),
  });
}

/** The answers out of a parsed registration form, by question id; empty answers are left out. */
export function answersFrom(questions: FormQuestion[], value: Record<string, unknown>): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const question of questions) {
    const answer = value[questionField(question.id)];
    if (typeof answer === "string" && answer !== "") answers[question.id] = answer;
    if (Array.isArray(answer) && answer.length > 0) answers[question.id] = answer as string[];
  }
  return answers;
}

export const AttendeeDetailsSchema = z.object({ intent: z.literal("details"), name: nameField, locale: localeField });

export const AddAttendeeSchema = z.object({ name: nameField, email: emailField, locale: localeField });

export const MoveAttendeeSchema = z.object({
  intent: z.literal("move"),
  registrationId: z.uuid({ error: "validation.choose" }),
  status: z.enum(registrationStatuses, { error: "validation.choose" }),
});

export const AttendeeMessageSchema = z.object({
  subject: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(150, { error: "validation.tooLong" }),
  message: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(10_000, { error: "validation.tooLong" }),
});

function wholeNumber(min: number, max: number) {
  return z
    .number({ error: "registrations.validation.number" })
    .int({ error: "registrations.validation.number" })
    .min(min, { error: "registrations.validation.number" })
    .max(max, { error: "registrations.validation.number" });
}

/** A number typed in a text field; empty means none. */
const optionalWholeNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value) : null))
    .pipe(wholeNumber(min, max).nullable());

export const RegistrationSettingsSchema = z.object({
  capacity: optionalWholeNumber(1, 100_000),
  reminderHoursBefore: optionalWholeNumber(1, 720),
});

export const QuestionSchema = z
  .object({
    label: z
      .string({ error: "validation.required" })
      .trim()
      .min(1, { error: "validation.required" })
      .max(300, { error: "validation.tooLong" }),
    kind: z.enum(questionKinds, { error: "validation.choose" }),
    required: z.preprocess((value) => value === "on", z.boolean()),
    options: z.string().max(4000, { error: "validation.tooLong" }).optional(),
  })
  .transform((value) => ({
    ...value,
    options: (value.options ?? "")
      .split(/\r?\n/)
      .map((option) => option.trim())
      .filter(Boolean),
  }))
  .refine((value) => !value.kind.endsWith("_choice") || value.options.length >= 2, {
    error: "registrations.settings.needsOptions",
    path: ["options"],
  });

export const NetworkPrivacySchema = z.object({
  privacyNotice: z.string().trim().max(10_000, { error: "validation.tooLong" }).optional().default(""),
  anonymiseAfterDays: z.string({ error: "validation.required" }).trim().transform(Number).pipe(wholeNumber(1, 3650)),
});

export const DataRequestSchema = z.object({ intent: z.enum(["export", "erase"]), email: emailField });
