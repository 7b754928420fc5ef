import { z } from "zod";

/** What a webhook endpoint can be sent (docs/webhooks.md). Safe for the browser. */
export const webhookKinds = [
  "event.published",
  "event.changed",
  "event.cancelled",
  "registrations.counts",
  "pledge.made",
  "mailing.sent",
] as const;
export type WebhookKind = (typeof webhookKinds)[number];

export const NewWebhookSchema = z.object({
  intent: z.literal("create-webhook"),
  url: z
    .string({ error: "validation.required" })
    .trim()
    .min(1, { error: "validation.required" })
    .max(2000, { error: "validation.tooLong" })
    .regex(/^https?:\/\//i, { error: "api.webhooks.errors.scheme" }),
  kinds: z.array(z.enum(webhookKinds), { error: "api.webhooks.errors.noKinds" }).min(1, { error: "api.webhooks.errors.noKinds" }),
  allowPrivate: z
    .literal("on")
    .optional()
    .transform((value) => value === "on"),
});

export const WebhookIdSchema = z.object({
  intent: z.enum(["delete-webhook"]),
  endpointId: z.uuid(),
});

export const RedeliverSchema = z.object({
  intent: z.literal("redeliver"),
  deliveryId: z.uuid(),
});
