import { z } from "zod";

export const ruleKinds = ["fixed", "nth_weekday", "span", "announced"] as const;

const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });

const optionalText = (max: number) => z.string().trim().max(max, { error: "validation.tooLong" }).optional().default("");

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: "validation.required" })
    .int({ error: "days.validation.number" })
    .min(min, { error: "days.validation.number" })
    .max(max, { error: "days.validation.number" });

export const isoDate = z
  .string({ error: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "days.validation.date" })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    error: "days.validation.date",
  });

export const httpUrl = z
  .string()
  .trim()
  .max(500, { error: "validation.tooLong" })
  .pipe(z.url({ protocol: /^https?$/, error: "days.validation.url" }));

/** A network's own day. Only the fields its rule kind needs are read. */
export const AddDaySchema = z
  .object({
    name: requiredText(120),
    description: optionalText(500),
    colour: z.string({ error: "validation.required" }).regex(/^#[0-9a-fA-F]{6}$/, { error: "days.validation.colour" }),
    officialUrl: httpUrl.optional(),
    kind: z.enum(ruleKinds, { error: "validation.choose" }),
    month: whole(1, 12),
    day: whole(1, 31).optional(),
    weekday: whole(1, 7).optional(),
    nth: z.coerce
      .number()
      .refine((n) => [1, 2, 3, 4, -1].includes(n), { error: "validation.choose" })
      .optional(),
    days: whole(2, 62).optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.kind === "fixed" || value.kind === "span") && value.day === undefined) {
      ctx.addIssue({ code: "custom", path: ["day"], message: "validation.required" });
    }
    if (value.day !== undefined && value.day > new Date(Date.UTC(2024, value.month, 0)).getUTCDate()) {
      ctx.addIssue({ code: "custom", path: ["day"], message: "days.validation.dayInMonth" });
    }
    if (value.kind === "nth_weekday" && value.weekday === undefined) {
      ctx.addIssue({ code: "custom", path: ["weekday"], message: "validation.required" });
    }
    if (value.kind === "nth_weekday" && value.nth === undefined) {
      ctx.addIssue({ code: "custom", path: ["nth"], message: "validation.required" });
    }
    if (value.kind === "span" && value.days === undefined) {
      ctx.addIssue({ code: "custom", path: ["days"], message: "validation.required" });
    }
  });

export const SetDatesSchema = z
  .object({
    dayId: z.string().uuid({ error: "errors.badRequest" }),
    year: whole(2000, 2100),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .refine((value) => value.endsOn >= value.startsOn, { error: "days.validation.endsBeforeStart", path: ["endsOn"] })
  .refine((value) => value.startsOn.startsWith(String(value.year)), { error: "days.validation.wrongYear", path: ["startsOn"] });

export const HideDaySchema = z.object({
  dayId: z.string().uuid({ error: "errors.badRequest" }),
  hidden: z.enum(["true", "false"]).transform((value) => value === "true"),
});
