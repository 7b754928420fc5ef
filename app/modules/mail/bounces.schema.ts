import { z } from "zod";

function wholeNumber(min: number, max: number) {
  return z
    .string({ error: "validation.required" })
    .trim()
    .transform(Number)
    .pipe(
      z
        .number({ error: "mailings.rules.number" })
        .int({ error: "mailings.rules.number" })
        .min(min, { error: "mailings.rules.number" })
        .max(max, { error: "mailings.rules.number" }),
    );
}

/** A network's bounce rules, as organisers set them (docs/mail.md describes each). */
export const BounceRulesSchema = z.object({
  hardLimit: wholeNumber(1, 10),
  softLimit: wholeNumber(1, 50),
  softDays: wholeNumber(1, 365),
  complaintSuppresses: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});
export type BounceRules = z.output<typeof BounceRulesSchema>;
