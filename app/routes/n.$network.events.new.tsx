import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { EventForm } from "~/components/events/EventForm";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { checkReferences, createEvent, eventTimeZones, listEventFormChoices, newEventDefaults } from "~/modules/events/events.server";
import { EventFormSchema } from "~/modules/events/events.schema";
import { countryTimeZone } from "~/modules/partners/time-zones";
import { requireEventActor } from "~/modules/events/viewer.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.newEvent")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, actor, partner } = await requireEventActor(request, params.network);
  const choices = await listEventFormChoices(db, network.id, { partner: partner !== undefined });
  // A partner in Lisbon plans in Lisbon's time, whatever the network's own zone.
  const timeZone = countryTimeZone(partner?.country) ?? network.time_zone;
  return {
    partnerName: partner?.name ?? null,
    defaultValue: newEventDefaults(timeZone),
    choices: { ...choices, timeZones: eventTimeZones(timeZone) },
    role: actor.role,
  };
}

/** Organisers save a draft or publish; a partner contact submits for review. */
export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, actor, partner } = await requireEventActor(request, params.network);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: EventFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const fieldErrors = await checkReferences(db, network.id, submission.value, { partnerSubmission: partner !== undefined });
  if (Object.keys(fieldErrors).length > 0) return data({ result: submission.reply({ fieldErrors }) }, { status: 400 });
  const created = await createEvent(db, {
    networkId: network.id,
    actor,
    values: submission.value,
    publish: formData.get("intent") === "publish",
  });
  if (partner) throw redirect(`/n/${network.slug}/events/${created.id}?done=submitted`);
  throw redirect(`/n/${network.slug}/manage/events/${created.id}?done=${created.status === "published" ? "published" : "created"}`);
}

export default function NewEvent() {
  const t = useT();
  const { partnerName, defaultValue, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const partner = partnerName !== null;
  return (
    <section className="page" aria-labelledby="new-event-title">
      <h1 id="new-event-title">{partner ? t("events.form.submitTitle") : t("events.form.newTitle")}</h1>
      <p className="lead">{partner ? t("events.form.partnerIntro", { partner: partnerName }) : t("events.form.intro")}</p>
      <EventForm
        lastResult={actionData?.result}
        defaultValue={defaultValue}
        choices={choices}
        partner={partner}
        intents={
          partner
            ? [{ value: "submit", label: t("events.form.submit") }]
            : [
                { value: "publish", label: t("events.form.publish") },
                { value: "save", label: t("events.form.saveDraft"), secondary: true },
              ]
        }
      />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
