import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { SelectField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import { requireOrganiserEvent } from "~/modules/registrations/access.server";
import { addQuestion, listQuestions, removeQuestion, updateRegistrationSettings } from "~/modules/registrations/organiser.server";
import { questionKinds, QuestionSchema, RegistrationSettingsSchema } from "~/modules/registrations/registrations.schema";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.registrationSettings")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await requireOrganiserEvent(request, params.network, params.eventId);
  return {
    event: { id: event.id, title: event.title, capacity: event.capacity, reminderHoursBefore: event.reminderHoursBefore },
    questions: await listQuestions(db, event.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await requireOrganiserEvent(request, params.network, params.eventId);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "settings") {
    const submission = parseWithZod(formData, { schema: RegistrationSettingsSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await updateRegistrationSettings(db, { eventId: event.id, ...submission.value, actorUserId: user.id });
    return { intent, result: submission.reply() };
  }
  if (intent === "add-question") {
    const submission = parseWithZod(formData, { schema: QuestionSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await addQuestion(db, event.id, submission.value);
    return { intent, result: submission.reply({ resetForm: true }) };
  }
  if (intent === "remove-question") {
    const questionId = formData.get("questionId");
    if (typeof questionId !== "string" || !isUuid(questionId)) httpError(400, "errors.badRequest");
    await removeQuestion(db, event.id, questionId);
    return { intent, result: undefined };
  }
  return httpError(400, "errors.badRequest");
}

export default function RegistrationSettings() {
  const t = useT();
  const { event, questions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const params = useParams();
  const [settingsForm, settingsFields] = useForm({
    id: "registration-settings",
    lastResult: actionData?.intent === "settings" ? actionData.result : undefined,
    defaultValue: {
      capacity: event.capacity === null ? "" : String(event.capacity),
      reminderHoursBefore: event.reminderHoursBefore === null ? "" : String(event.reminderHoursBefore),
    },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RegistrationSettingsSchema }),
  });
  const [questionForm, questionFields] = useForm({
    id: "add-question",
    lastResult: actionData?.intent === "add-question" ? actionData.result : undefined,
    defaultValue: { kind: "short_text" },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: QuestionSchema }),
  });
  const saved = actionData?.intent === "settings" && actionData.result?.status === "success";

  return (
    <section className="page narrow" aria-labelledby="settings-title">
      <h1 id="settings-title">{t("registrations.settings.title", { event: event.title })}</h1>
      <p>
        <Link to={`/n/${params.network}/events/${event.id}/attendees`}>{t("registrations.attendees.title", { event: event.title })}</Link>
      </p>
      {saved ? (
        <p className="notice" role="status">
          {t("registrations.settings.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(settingsForm)} className="stack">
        <input type="hidden" name="intent" value="settings" />
        <TextField
          field={settingsFields.capacity}
          label={t("registrations.settings.capacity")}
          hint={t("registrations.settings.capacityHint")}
        />
        <TextField
          field={settingsFields.reminderHoursBefore}
          label={t("registrations.settings.reminder")}
          hint={t("registrations.settings.reminderHint")}
        />
        <div className="actions">
          <button type="submit">{t("registrations.settings.save")}</button>
        </div>
      </Form>

      <h2>{t("registrations.settings.questionsTitle")}</h2>
      {questions.length === 0 ? <p>{t("registrations.settings.noQuestions")}</p> : null}
      <ul className="plain-list">
        {questions.map((question) => (
          <li key={question.id}>
            {question.label} ({t(`registrations.settings.kinds.${question.kind}`)}
            {question.required ? `, ${t("registrations.register.required")}` : ""})
            {question.options.length > 0 ? `: ${question.options.join(", ")}` : ""}{" "}
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="remove-question" />
              <input type="hidden" name="questionId" value={question.id} />
              <button type="submit" className="button-link">
                {t("registrations.settings.removeQuestion", { label: question.label })}
              </button>
            </Form>
          </li>
        ))}
      </ul>
      <Form method="post" {...getFormProps(questionForm)} className="stack">
        <input type="hidden" name="intent" value="add-question" />
        <TextField field={questionFields.label} label={t("registrations.settings.questionLabel")} />
        <SelectField
          field={questionFields.kind}
          label={t("registrations.settings.kind")}
          options={questionKinds.map((kind) => ({ value: kind, label: t(`registrations.settings.kinds.${kind}`) }))}
        />
        <div className="field">
          <label className="choice" htmlFor={questionFields.required.id}>
            <input {...getInputProps(questionFields.required, { type: "checkbox", value: "on" })} key={questionFields.required.key} />
            {t("registrations.settings.requiredQuestion")}
          </label>
        </div>
        <div className="field">
          <label htmlFor={questionFields.options.id}>{t("registrations.settings.options")}</label>
          <p id={`${questionFields.options.id}-hint`} className="field-hint">
            {t("registrations.settings.optionsHint")}
          </p>
          <textarea
            {...getTextareaProps(questionFields.options, { ariaDescribedBy: `${questionFields.options.id}-hint` })}
            key={questionFields.options.key}
            rows={4}
          />
          <p id={questionFields.options.errorId} className="field-error" aria-live="polite">
            {questionFields.options.errors?.map((e) => t(e as MessageKey)).join(" ")}
          </p>
        </div>
        <div className="actions">
          <button type="submit">{t("registrations.settings.addQuestion")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
