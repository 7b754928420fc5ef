import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EventForm } from "~/components/events/EventForm";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { TranslationStatusTable } from "~/components/TranslationStatusTable";
import { useT } from "~/i18n/react";
import {
  canEditEvent,
  checkReferences,
  eventFormDefaults,
  eventTimeZones,
  getCohostIds,
  getEvent,
  listEventFormChoices,
  updateEvent,
} from "~/modules/events/events.server";
import { EventFormSchema } from "~/modules/events/events.schema";
import { languageName } from "~/modules/events/present.server";
import { requireEventActor } from "~/modules/events/viewer.server";
import { presentTranslationStatus } from "~/modules/translations/present.server";
import { eventTranslationStatus } from "~/modules/translations/event-translations.server";
import { isUuid, readFormData } from "~/utils/forms.server";
import { forbidden, httpError, notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.editEvent")];

/** The event, once the caller may edit it: 404 unknown, 403 someone else's, 409 cancelled. */
async function editableEvent(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await requireEventActor(request, params.network);
  const event = isUuid(params.eventId) ? await getEvent(context.db, context.network.id, params.eventId) : undefined;
  if (!event) notFound("errors.eventNotFound");
  if (!canEditEvent(context.actor, event)) forbidden("errors.forbidden");
  if (event.status === "cancelled") httpError(409, "errors.eventCancelled");
  return { ...context, event };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, event, partner, actor, locale } = await editableEvent(request, params);
  const [choices, cohostIds, translations] = await Promise.all([
    listEventFormChoices(db, network.id, { partner: partner !== undefined }),
    getCohostIds(db, event.id),
    eventTranslationStatus(db, event),
  ]);
  return {
    title: event.title,
    status: event.status,
    partner: partner !== undefined,
    defaultValue: eventFormDefaults(event, cohostIds),
    choices: { ...choices, timeZones: eventTimeZones(event.time_zone) },
    translations: {
      rows: presentTranslationStatus(translations, locale),
      originalName: languageName(event.content_language, locale),
      editBase: `/n/${network.slug}/events/${event.id}/translations`,
      languagesUrl: actor.role === "owner" ? `/n/${network.slug}/languages` : null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, actor, event, partner } = await editableEvent(request, params);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: EventFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  // A partner may keep the campaign an organiser chose, but only move the event to a published one.
  const campaignChanged = (submission.value.campaignId ?? null) !== event.campaign_id;
  const fieldErrors = await checkReferences(db, network.id, submission.value, {
    partnerSubmission: partner !== undefined && campaignChanged,
  });
  if (Object.keys(fieldErrors).length > 0) return data({ result: submission.reply({ fieldErrors }) }, { status: 400 });
  const outcome = await updateEvent(db, {
    networkId: network.id,
    eventId: event.id,
    actor,
    values: submission.value,
    publish: formData.get("intent") === "publish",
  });
  if (!outcome.ok) {
    if (outcome.reason === "forbidden") forbidden("errors.forbidden");
    if (outcome.reason === "cancelled") httpError(409, "errors.eventCancelled");
    notFound("errors.eventNotFound");
  }
  const done = outcome.flagged
    ? "flagged"
    : outcome.status !== event.status
      ? outcome.status === "published"
        ? "published"
        : "submitted"
      : "updated";
  throw redirect(`/n/${network.slug}/events/${event.id}?done=${done}`);
}

export default function EditEvent() {
  const t = useT();
  const { title, status, partner, defaultValue, choices, translations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const intents: { value: "save" | "publish" | "submit"; label: string; secondary?: boolean }[] =
    partner && status !== "published"
      ? [{ value: "submit", label: t("events.form.submit") }]
      : !partner && status === "draft"
        ? [
            { value: "save", label: t("events.form.save") },
            { value: "publish", label: t("events.form.saveAndPublish"), secondary: true },
          ]
        : [{ value: "save", label: t("events.form.save") }];
  return (
    <section className="page" aria-labelledby="edit-event-title">
      <h1 id="edit-event-title">{t("events.form.editTitle")}</h1>
      <p className="lead">{title}</p>
      <EventForm lastResult={actionData?.result} defaultValue={defaultValue} choices={choices} partner={partner} intents={intents} />
      <TranslationStatusTable {...translations} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
