import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import type { Locale } from "~/i18n/locales";
import { eventTimeZones, listEventFormChoices } from "~/modules/events/events.server";
import { formatInstantIn } from "~/modules/events/event-times";
import { isUuid } from "~/utils/forms.server";
import { describeImportError, displayCalendarUrl, OrganiserSourceSchema, PortalSourceSchema } from "./imports.schema";
import { addSource, listSources, removeSource, requestSync, setPublishDirectly, type SourceListItem } from "./sources.server";

/**
 * What the two pages that manage a partner's calendars share (the partner's
 * page for organisers, the portal for the partner): the list with its status
 * in the reader's language, the form's choices, and the one action.
 */

export function presentSource(source: SourceListItem, locale: Locale, zone: string) {
  return {
    id: source.id,
    partnerName: source.partnerName,
    calendar: displayCalendarUrl(source.url),
    campaignTitle: source.campaignTitle,
    languages: source.languages,
    mode: source.mode,
    publishDirectly: source.publishDirectly,
    keywords: source.keywords,
    timeZone: source.timeZone,
    lastSuccess: source.lastSuccessAt ? formatInstantIn(source.lastSuccessAt, locale, zone) : null,
    error: source.lastError ? describeImportError(source.lastError, source.lastErrorDetail) : null,
    failures: source.consecutiveFailures,
    eventCount: Number(source.eventCount ?? 0),
  };
}
export type PresentedSource = ReturnType<typeof presentSource>;

export async function loadSourcesPage(
  db: Kysely<Database>,
  input: {
    network: { id: string; time_zone: string };
    partner: { id: string; languages: string[] };
    locale: Locale;
    organiser: boolean;
  },
) {
  const [sources, choices] = await Promise.all([
    listSources(db, input.network.id, { partnerId: input.partner.id }),
    listEventFormChoices(db, input.network.id, { partner: !input.organiser }),
  ]);
  return {
    sources: sources.map((source) => presentSource(source, input.locale, input.network.time_zone)),
    campaigns: choices.campaigns.map((campaign) => ({ value: campaign.id, label: campaign.title })),
    timeZones: eventTimeZones(input.network.time_zone),
    defaults: {
      languages: input.partner.languages.join(", "),
      mode: "in_person",
      timeZone: input.network.time_zone,
      handling: "review",
    },
  };
}

export type SourcesActionResult =
  | { status: number; intent: "add"; result: SubmissionResult<string[]>; done: "added" | null }
  | { status: number; intent: SourceIntent; result: undefined; done: "removed" | "syncing" | "trusted" | "reviewed" | null };

/** What the buttons beside a source ask for; "trust" and "review" are the organisers' only. */
type SourceIntent = "remove" | "sync" | "trust" | "review";
const doneBy = { remove: "removed", sync: "syncing", trust: "trusted", review: "reviewed" } as const;

/** Adds, removes or re-reads a source of the partner; organisers also choose review or direct publication. */
export async function handleSourcesAction(
  db: Kysely<Database>,
  formData: FormData,
  context: { networkId: string; partnerId: string; actorUserId: string; organiser: boolean; now: Date },
): Promise<SourcesActionResult | undefined> {
  const intent = formData.get("intent");
  if (intent === "add") {
    const submission = parseWithZod(formData, { schema: context.organiser ? OrganiserSourceSchema : PortalSourceSchema });
    if (submission.status !== "success") return { status: 400, intent, result: submission.reply(), done: null };
    const added = await addSource(db, {
      networkId: context.networkId,
      partnerId: context.partnerId,
      actorUserId: context.actorUserId,
      values: submission.value,
      publishDirectly: context.organiser && "handling" in submission.value && submission.value.handling === "publish",
      publishedCampaignOnly: !context.organiser,
    });
    if (!added.ok) {
      const status = added.error === "imports.validation.duplicate" ? 409 : 400;
      return { status, intent, result: submission.reply({ fieldErrors: { [added.field]: [added.error] } }), done: null };
    }
    return { status: 200, intent, result: submission.reply({ resetForm: true }), done: "added" };
  }
  const sourceId = formData.get("sourceId");
  const intents: SourceIntent[] = context.organiser ? ["remove", "sync", "trust", "review"] : ["remove", "sync"];
  if (intents.includes(intent as SourceIntent) && typeof sourceId === "string" && isUuid(sourceId)) {
    const chosen = intent as SourceIntent;
    const scope = { networkId: context.networkId, partnerId: context.partnerId, sourceId };
    const done =
      chosen === "remove"
        ? await removeSource(db, { ...scope, actorUserId: context.actorUserId })
        : chosen === "sync"
          ? await requestSync(db, { ...scope, now: context.now })
          : await setPublishDirectly(db, { ...scope, publishDirectly: chosen === "trust", actorUserId: context.actorUserId });
    return { status: done ? 200 : 404, intent: chosen, result: undefined, done: done ? doneBy[chosen] : null };
  }
  return undefined;
}

/** "Imported from the calendar of …": the address and the last read only for those who manage the event. */
export function presentEventOrigin(
  origin: { url: string; partnerName: string; lastSuccessAt: Date | null } | undefined,
  options: { locale: Locale; zone: string; canManage: boolean },
) {
  if (!origin) return null;
  return {
    partnerName: origin.partnerName,
    calendar: options.canManage ? displayCalendarUrl(origin.url) : null,
    lastRead: options.canManage && origin.lastSuccessAt ? formatInstantIn(origin.lastSuccessAt, options.locale, options.zone) : null,
  };
}
