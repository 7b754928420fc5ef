import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, Notice, SelectField, TextField } from "~/components/form";
import { RegistrationQuestionField } from "~/components/RegistrationQuestionField";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { localeNames, locales } from "~/i18n/locales";
import { resolveLocale } from "~/i18n/negotiate.server";
import { useLocale, useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import { requireRegistrableEvent } from "~/modules/registrations/access.server";
import { formatEventWhenInZone } from "~/modules/events/event-times";
import { registrationPageData } from "~/modules/registrations/page.server";
import { answersFrom, questionField, registrationSchema } from "~/modules/registrations/registrations.schema";
import { registerAttendee } from "~/modules/registrations/registrations.server";
import { registrationAttempt } from "~/modules/registrations/spam.server";
import { formatDateTime } from "~/utils/dates";
import { REGISTRATION_ANSWER_MS, withEvenTiming } from "~/utils/even-timing.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle, namedTitle, metaTranslator } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => [
  args.data ? namedTitle(metaTranslator(args)("titles.register"), args.data.event.title) : pageTitle(args, "titles.register"),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await requireRegistrableEvent(request, params.network, params.eventId);
  return { ...(await registrationPageData(db, event)), defaultLocale: await resolveLocale(request) };
}

const windowMessages = {
  "not-published": "registrations.register.notPublished",
  "not-yet-open": "registrations.register.notYetOpen",
  closed: "registrations.register.closed",
  "not-found": "registrations.register.notPublished",
} as const satisfies Record<string, MessageKey>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, network, event } = await requireRegistrableEvent(request, params.network, params.eventId);
  const page = await registrationPageData(db, event);
  const submission = parseWithZod(await readFormData(request), { schema: registrationSchema(page.questions) });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null, retryMinutes: 0 }, { status: 400 });
  // Only robots fill in the hidden field: they get no registration and no hint why.
  if (submission.value.website) {
    return data({ result: submission.reply({ formErrors: ["errors.badRequest"] }), sentTo: null, retryMinutes: 0 }, { status: 400 });
  }
  const { wait, outcome } = await withEvenTiming(async () => {
    const wait = await registrationAttempt(db, { clientAddress: context.clientAddress, email: submission.value.email });
    if (wait > 0) return { wait, outcome: null };
    const outcome = await registerAttendee(db, {
      networkId: network.id,
      eventId: event.id,
      name: submission.value.name,
      email: submission.value.email,
      locale: submission.value.locale,
      contentLanguage: event.textLanguages.title,
      answers: answersFrom(page.questions, submission.value),
    });
    return { wait, outcome };
  }, REGISTRATION_ANSWER_MS);
  if (!outcome) {
    return data(
      {
        result: submission.reply({ formErrors: ["registrations.register.rateLimited"] }),
        sentTo: null,
        retryMinutes: Math.ceil(wait / 60),
      },
      { status: 429, headers: { "Retry-After": String(wait) } },
    );
  }
  if (!outcome.ok) {
    return data(
      { result: submission.reply({ formErrors: [windowMessages[outcome.reason]] }), sentTo: null, retryMinutes: 0 },
      { status: 409 },
    );
  }
  // New, already registered or waitlisted: the same answer. Only the message sent to the address says which,
  // and only it carries the manage link, so nobody learns from this page whether a person attends.
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email, retryMinutes: 0 };
}

export default function Register() {
  const t = useT();
  const locale = useLocale();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const schema = registrationSchema(page.questions);
  const [form, fields] = useForm({
    id: "register",
    lastResult: actionData?.result,
    defaultValue: { locale: page.defaultLocale },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const { event } = page;
  const formErrors = form.errors?.map((key) =>
    key === "registrations.register.rateLimited" ? t(key, { count: actionData?.retryMinutes ?? 60 }) : key,
  );
  const closedMessage =
    page.window === "not-yet-open" && page.opensAt
      ? t("registrations.register.notYetOpen", { date: formatDateTime(page.opensAt, locale, event.timeZone) })
      : page.window !== "open"
        ? t(windowMessages[page.window])
        : null;

  return (
    <section className="page narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t("registrations.register.title", { event: event.title })}</h1>
      <dl className="meta-list">
        <dt>{t("registrations.register.when")}</dt>
        <dd>{formatEventWhenInZone(event, locale)}</dd>
        {event.place ? (
          <>
            <dt>{t("registrations.register.where")}</dt>
            <dd>{event.place}</dd>
          </>
        ) : null}
        {page.hasOnlineLink ? (
          <>
            <dt>{t("registrations.register.online")}</dt>
            <dd>
              {event.onlineUrl ? <a href={event.onlineUrl}>{event.onlineUrl}</a> : t("registrations.register.onlineAfterRegistration")}
            </dd>
          </>
        ) : null}
        {event.host ? (
          <>
            <dt>{t("registrations.register.host")}</dt>
            <dd>{event.host}</dd>
          </>
        ) : null}
      </dl>

      {closedMessage ? (
        <p className="notice" role="status">
          {closedMessage}
        </p>
      ) : (
        <>
          {page.seatsLeft === null ? null : page.seatsLeft > 0 ? (
            <p>{t("registrations.register.seatsLeft", { count: page.seatsLeft })}</p>
          ) : (
            <p className="notice">{t("registrations.register.full")}</p>
          )}
          {actionData?.sentTo ? <Notice>{t("registrations.register.checkInbox", { email: actionData.sentTo })}</Notice> : null}
          <Form method="post" {...getFormProps(form)} className="stack">
            <FormErrors id={form.errorId} errors={formErrors} />
            <TextField
              field={fields.name}
              label={t("registrations.register.name")}
              hint={t("registrations.register.nameHint")}
              autoComplete="nickname"
            />
            <TextField
              field={fields.email}
              label={t("registrations.register.email")}
              hint={t("registrations.register.emailHint")}
              type="email"
              autoComplete="email"
            />
            <SelectField
              field={fields.locale}
              label={t("registrations.register.language")}
              options={locales.map((code) => ({ value: code, label: localeNames[code] }))}
            />
            {page.questions.map((question) => (
              <RegistrationQuestionField
                key={question.id}
                question={question}
                field={fields[questionField(question.id) as keyof typeof fields] as never}
              />
            ))}
            <div className="honeypot" aria-hidden="true">
              <label htmlFor={fields.website.id}>{t("registrations.register.website")}</label>
              <input {...getInputProps(fields.website, { type: "text" })} key={fields.website.key} tabIndex={-1} autoComplete="off" />
            </div>
            {page.privacyNoticeHtml ? (
              <details>
                <summary>{t("registrations.register.privacyNotice")}</summary>
                <div dangerouslySetInnerHTML={{ __html: page.privacyNoticeHtml }} />
              </details>
            ) : null}
            <div className="field">
              <label className="choice" htmlFor={fields.consent.id}>
                <input {...getInputProps(fields.consent, { type: "checkbox", value: "on" })} key={fields.consent.key} />
                <span>
                  {t("registrations.register.consent", { network: event.networkName })}{" "}
                  {t("registrations.register.retention", { count: page.anonymiseAfterDays })}
                </span>
              </label>
              <ConsentError errors={fields.consent.errors} id={fields.consent.errorId} />
            </div>
            <div className="actions">
              <button type="submit" disabled={navigation.state === "submitting"}>
                {t("registrations.register.submit")}
              </button>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}

function ConsentError({ errors, id }: { errors: string[] | undefined; id: string }) {
  const t = useT();
  return (
    <p id={id} className="field-error" aria-live="polite">
      {errors?.map((error) => t(error as MessageKey)).join(" ")}
    </p>
  );
}

export const ErrorBoundary = RouteErrorPage;
