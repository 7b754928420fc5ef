import { z } from "zod";

/** What an API token may read beyond the public pages. Safe for the browser. */
export const apiTokenScopes = ["partners_events", "online_links"] as const;
export type ApiTokenScope = (typeof apiTokenScopes)[number];

export const NewApiTokenSchema = z.object({
  intent: z.literal("create-token"),
  name: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(100, { error: "validation.tooLong" }),
  scopes: z
    .array(z.enum(apiTokenScopes))
    .optional()
    .transform((value) => [...new Set(value ?? [])]),
});

export const RevokeApiTokenSchema = z.object({
  intent: z.literal("revoke-token"),
  tokenId: z.uuid(),
});
