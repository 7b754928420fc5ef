import { z } from "zod";

/** The embeddable calendar's settings and attributes (docs/embed.md). Safe for the browser. */
const originPattern = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

export const EmbedOriginsSchema = z.object({
  intent: z.literal("save-embed"),
  origins: z
    .string()
    .max(5000, { error: "validation.tooLong" })
    .optional()
    .transform((value) => [
      ...new Set(
        (value ?? "")
          .split(/[\s,]+/)
          .map((origin) => origin.trim().toLowerCase().replace(/\/+$/, ""))
          .filter(Boolean),
      ),
    ])
    .refine((origins) => origins.every((origin) => originPattern.test(origin)), { error: "api.embed.errors.origin" })
    .refine((origins) => origins.length <= 50, { error: "validation.tooLong" }),
});

/** The element's attributes that the frame passes on from its query string. */
export const embedAttributes = ["campaign", "day", "partner", "country", "language", "mode", "view", "lang", "heading"] as const;
