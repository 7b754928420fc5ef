import { z } from "zod";
import { isoDate } from "~/modules/days/days.schema";

export const campaignStatuses = ["draft", "published", "archived"] as const;
export const actionStatuses = ["todo", "doing", "done", "dropped"] as const;
export const pledgeKinds = ["hold_event", "share_materials", "other"] as const;
/** Catalogue keys of the pledge kinds ("other" would read as a plural form there). */
export const pledgeKindKeys = {
  hold_event: "campaigns.pledges.kinds.holdEvent",
  share_materials: "campaigns.pledges.kinds.shareMaterials",
  other: "campaigns.pledges.kinds.otherKind",
} as const;
export type ActionStatus = (typeof actionStatuses)[number];

const requiredText = (max: number) =>
  z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" });

const optionalText = (max: number) => z.string().trim().max(max, { error: "validation.tooLong" }).optional().default("");
const uuid = z.string().uuid({ error: "errors.badRequest" });

/** One link a line: "https://…" or "Label https://…". */
export function parseMaterials(text: string): { label: string; url: string }[] | null {
  const links = [];
  for (const line of text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = line.match(/^(.*?)\s*(https?:\/\/\S+)$/i);
    if (!match) return null;
    try {
      new URL(match[2]!);
    } catch {
      return null;
    }
    links.push({ label: match[1]!.replace(/[\s:–-]+$/, "") || match[2]!, url: match[2]! });
  }
  return links;
}

export function formatMaterials(links: { label: string; url: string }[]): string {
  return links.map((link) => (link.label === link.url ? link.url : `${link.label} ${link.url}`)).join("\n");
}

const materials = z
  .string()
  .max(5000, { error: "validation.tooLong" })
  .optional()
  .default("")
  .refine((text) => parseMaterials(text) !== null, { error: "campaigns.validation.materials" })
  .transform((text) => parseMaterials(text)!);

const campaignFields = {
  title: requiredText(160),
  goals: optionalText(5000),
  keyMessages: optionalText(5000),
  materials,
  status: z.enum(campaignStatuses, { error: "validation.choose" }),
};

/**
 * A new campaign: for a global day occurrence (dayId + year) or with its own
 * dates, optionally started from a template.
 */
export const NewCampaignSchema = z
  .object({
    ...campaignFields,
    dayId: uuid.optional(),
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
    templateId: uuid.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.dayId) {
      if (value.year === undefined) ctx.addIssue({ code: "custom", path: ["year"], message: "validation.required" });
      return;
    }
    if (!value.startsOn) ctx.addIssue({ code: "custom", path: ["startsOn"], message: "validation.required" });
    if (value.startsOn && value.endsOn && value.endsOn < value.startsOn) {
      ctx.addIssue({ code: "custom", path: ["endsOn"], message: "days.validation.endsBeforeStart" });
    }
  });

export const EditCampaignSchema = z.object(campaignFields);

/**
 * An action: due on a date, or a number of days before or after the
 * campaign's day. `owner` is "user:<id>", "partner:<id>" or empty.
 */
export const ActionSchema = z
  .object({
    title: requiredText(200),
    dueKind: z.enum(["offset", "date"], { error: "validation.choose" }),
    dueOn: isoDate.optional(),
    offsetDays: z.coerce
      .number({ error: "campaigns.validation.offset" })
      .int({ error: "campaigns.validation.offset" })
      .min(0, { error: "campaigns.validation.offset" })
      .max(730, { error: "campaigns.validation.offset" })
      .optional(),
    direction: z.enum(["before", "after"]).optional().default("before"),
    owner: z
      .string()
      .regex(/^((user|partner):[0-9a-f-]{36})?$/i, { error: "validation.choose" })
      .optional()
      .default(""),
    status: z.enum(actionStatuses, { error: "validation.choose" }).optional().default("todo"),
    notes: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (value.dueKind === "date" && !value.dueOn) ctx.addIssue({ code: "custom", path: ["dueOn"], message: "validation.required" });
    if (value.dueKind === "offset" && value.offsetDays === undefined) {
      ctx.addIssue({ code: "custom", path: ["offsetDays"], message: "validation.required" });
    }
  })
  .transform((value) => ({
    title: value.title,
    due:
      value.dueKind === "date"
        ? ({ kind: "date", dueOn: value.dueOn! } as const)
        : ({ kind: "offset", offsetDays: value.direction === "before" ? -value.offsetDays! : value.offsetDays! } as const),
    owner: value.owner ? { kind: value.owner.split(":")[0] as "user" | "partner", id: value.owner.split(":")[1]!.toLowerCase() } : null,
    status: value.status,
    notes: value.notes,
  }));

/** What a partner may change on an action their organisation owns. */
export const ActionProgressSchema = z.object({
  actionId: uuid,
  status: z.enum(actionStatuses, { error: "validation.choose" }),
  notes: z.string().trim().max(2000, { error: "validation.tooLong" }).optional(),
});

export const PledgeSchema = z.object({
  kind: z.enum(pledgeKinds, { error: "validation.choose" }),
  details: optionalText(1000),
});

export const TemplateSchema = z.object({ name: requiredText(120) });
