import { z } from "zod";
import { emailField } from "~/modules/auth/auth.schema";
import { locales } from "~/i18n/locales";

/** Forms of speaker invitations, shared by the browser and the server. Errors are i18n keys. */
export const speakerRoles = ["speaker", "moderator", "panellist", "trainer", "performer"] as const;
export type SpeakerRole = (typeof speakerRoles)[number];

export const speakerStatuses = ["invited", "accepted", "declined", "tentative", "withdrawn"] as const;
export type SpeakerStatus = (typeof speakerStatuses)[number];

/** What organisers see: "reminded" is an invitation still waiting after a reminder. */
export type DisplayedSpeakerState = SpeakerStatus | "reminded";

const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "validation.tooLong" })
    .optional()
    .transform((value) => value ?? "");

/** `<input type="datetime-local">`: minutes, no zone (the event's zone applies). */
const localDateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: "speakers.validation.dateTime" })
  .optional();

export const InviteSpeakerSchema = z
  .object({
    name: requiredText(200),
    email: emailField,
    role: z.enum(speakerRoles, { error: "validation.choose" }),
    sessionTitle: requiredText(300),
    slotStart: localDateTime,
    slotEnd: localDateTime,
    message: optionalText(4000),
    locale: z.enum(locales, { error: "validation.choose" }),
    replyBy: z.string({ error: "validation.required" }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: "speakers.validation.date" }),
  })
  .superRefine((value, ctx) => {
    if (value.slotStart && !value.slotEnd) {
      ctx.addIssue({ code: "custom", path: ["slotEnd"], message: "speakers.validation.slotBoth" });
    }
    if (value.slotEnd && !value.slotStart) {
      ctx.addIssue({ code: "custom", path: ["slotStart"], message: "speakers.validation.slotBoth" });
    }
    if (value.slotStart && value.slotEnd && value.slotEnd <= value.slotStart) {
      ctx.addIssue({ code: "custom", path: ["slotEnd"], message: "speakers.validation.slotOrder" });
    }
  });
export type InviteSpeakerInput = z.infer<typeof InviteSpeakerSchema>;

export const ChangeSlotSchema = z
  .object({
    intent: z.literal("change-slot"),
    invitationId: z.uuid(),
    slotStart: localDateTime,
    slotEnd: localDateTime,
  })
  .superRefine((value, ctx) => {
    if (Boolean(value.slotStart) !== Boolean(value.slotEnd)) {
      ctx.addIssue({ code: "custom", path: [value.slotStart ? "slotEnd" : "slotStart"], message: "speakers.validation.slotBoth" });
    }
    if (value.slotStart && value.slotEnd && value.slotEnd <= value.slotStart) {
      ctx.addIssue({ code: "custom", path: ["slotEnd"], message: "speakers.validation.slotOrder" });
    }
  });

/** Resend, withdraw, "needs handled": one invitation of the event page, by id. */
export const InvitationActionSchema = z.object({
  intent: z.enum(["resend", "withdraw", "needs-handled"]),
  invitationId: z.uuid(),
});

/** A check box: conform reads "on" as true and an absent box as undefined. */
const checkbox = z
  .boolean()
  .optional()
  .transform((value) => value ?? false);

/**
 * The speaker's answer. Accepting asks for the public profile (a display
 * name at least; a pseudonym is fine) and the separate consents.
 */
export const SpeakerAnswerSchema = z
  .object({
    answer: z.enum(["accept", "decline", "maybe"], { error: "speakers.validation.answer" }),
    note: optionalText(2000),
    displayName: optionalText(120),
    pronouns: optionalText(60),
    organisation: optionalText(200),
    bio: optionalText(1500),
    consentListName: checkbox,
    consentPhotos: checkbox,
    consentRecording: checkbox,
    needsTravel: optionalText(2000),
    needsAccessibility: optionalText(2000),
    needsInterpretation: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (value.answer === "accept" && !value.displayName) {
      ctx.addIssue({ code: "custom", path: ["displayName"], message: "speakers.validation.displayName" });
    }
  });
export type SpeakerAnswer = z.infer<typeof SpeakerAnswerSchema>;
