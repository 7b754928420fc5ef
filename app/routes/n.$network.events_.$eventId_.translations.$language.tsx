import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, TextAreaField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { TranslationEditor } from "~/components/TranslationEditor";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { canEditEvent, getEvent } from "~/modules/events/events.server";
import { languageName } from "~/modules/events/present.server";
import { requireEventActor } from "~/modules/events/viewer.server";
import { EventTranslationSchema } from "~/modules/translations/translations.schema";
import { eventTranslationStatus, getEventTranslation, saveEventTranslation } from "~/modules/translations/event-translations.server";
import { isUuid, readFormData } from "~/utils/forms.server";
import { forbidden, httpError, notFound } from "~/utils/http.server";

export const meta: MetaFunction = (args) => [pageTitle(args, "translations.status.title")];

/** The event and one of the languages it may be translated into, once the caller may edit it. */
async function translatableEvent(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await requireEventActor(request, params.network);
  const event = isUuid(params.eventId) ? await getEvent(context.db, context.network.id, params.eventId) : undefined;
  if (!event) notFound("errors.eventNotFound");
  if (!canEditEvent(context.actor, event)) forbidden("errors.forbidden");
  if (event.status === "cancelled") httpError(409, "errors.eventCancelled");
  const status = (await eventTranslationStatus(context.db, event)).find((entry) => entry.language === params.language);
  if (!status) notFound("translations.editor.unknownLanguage");
  return { ...context, event, status };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, event, status, locale } = await translatableEvent(request, params);
  const translation = await getEventTranslation(db, event.id, status.language);
  return {
    editUrl: `/n/${network.slug}/events/${event.id}/edit#translations`,
    language: status.language,
    languageName: languageName(status.language, locale),
    state: status.state,
    original: {
      language: event.content_language,
      name: languageName(event.content_language, locale),
      title: event.title,
      description: event.description,
      accessibilityNotes: event.accessibility_notes,
    },
    defaultValue: translation ?? { title: "", description: "", accessibilityNotes: "" },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, status, user } = await translatableEvent(request, params);
  const submission = parseWithZod(await readFormData(request), { schema: EventTranslationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  await saveEventTranslation(db, { event, language: status.language, texts: submission.value, actorUserId: user.id });
  return { result: submission.reply(), saved: true };
}

export default function EventTranslation() {
  const t = useT();
  const { editUrl, language, languageName: name, state, original, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `event-translation-${language}`,
    lastResult: actionData?.result,
    defaultValue,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventTranslationSchema }),
  });
  return (
    <TranslationEditor
      editUrl={editUrl}
      languageName={name}
      title={original.title}
      state={state}
      saved={Boolean(actionData?.saved)}
      original={{
        name: original.name,
        language: original.language,
        texts: [
          { label: t("events.form.fields.title"), text: original.title },
          { label: t("events.form.fields.description"), text: original.description, multiline: true },
          { label: t("events.form.fields.accessibilityNotes"), text: original.accessibilityNotes, multiline: true },
        ],
      }}
    >
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} lang={language} label={t("events.form.fields.title")} />
        <TextAreaField field={fields.description} lang={language} label={t("events.form.fields.description")} rows={8} />
        <TextAreaField field={fields.accessibilityNotes} lang={language} label={t("events.form.fields.accessibilityNotes")} />
        <div className="actions">
          <button type="submit">{t("translations.editor.save")}</button>
        </div>
      </Form>
    </TranslationEditor>
  );
}

export const ErrorBoundary = RouteErrorPage;
