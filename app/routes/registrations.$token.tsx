import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { ConfirmStep, isConfirmed } from "~/components/ConfirmStep";
import { SelectField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { localeNames, locales } from "~/i18n/locales";
import { useLocale, useT } from "~/i18n/react";
import { formatEventWhenInZone } from "~/modules/events/event-times";
import { managePageData } from "~/modules/registrations/page.server";
import { AttendeeDetailsSchema } from "~/modules/registrations/registrations.schema";
import { cancelRegistration, findRegistrationByToken, updateAttendeeDetails } from "~/modules/registrations/registrations.server";
import { database } from "~/utils/db.server";
import { readFormData } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.registration"), { name: "robots", content: "noindex" }];

async function requireRegistration(token: string | undefined) {
  const db = await database();
  const registration = await findRegistrationByToken(db, token);
  if (!registration) notFound();
  return { db, registration, token: token! };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { db, registration, token } = await requireRegistration(params.token);
  return data(await managePageData(db, registration, token), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, registration } = await requireRegistration(params.token);
  const formData = await readFormData(request);
  if (formData.get("intent") === "cancel") {
    if (registration.status === "cancelled") return { result: undefined, done: "cancelled" as const };
    if (registration.status === "attended") httpError(409, "errors.badRequest");
    if (!isConfirmed(formData)) return { result: undefined, done: "confirm-cancel" as const };
    await cancelRegistration(db, registration.id);
    return { result: undefined, done: "cancelled" as const };
  }
  const submission = parseWithZod(formData, { schema: AttendeeDetailsSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), done: null }, { status: 400 });
  await updateAttendeeDetails(db, registration.id, submission.value);
  return { result: submission.reply(), done: "saved" as const };
}

export default function ManageRegistration() {
  const t = useT();
  const locale = useLocale();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const params = useParams();
  const { event, registration } = page;
  const [form, fields] = useForm({
    id: "details",
    lastResult: actionData?.result,
    defaultValue: { name: registration.name, locale: registration.locale },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AttendeeDetailsSchema }),
  });
  const statusText =
    registration.status === "waitlisted"
      ? t("registrations.manage.waitlisted", { position: String(registration.position) })
      : t(`registrations.manage.${registration.status}`);

  return (
    <section className="page narrow" aria-labelledby="manage-title">
      <h1 id="manage-title">{t("registrations.manage.title")}</h1>
      <p className="lead">{t("registrations.manage.for", { event: event.title })}</p>
      {actionData?.done === "cancelled" ? (
        <p className="notice" role="status">
          {t("registrations.manage.cancelledNow")}
        </p>
      ) : null}
      {actionData?.done === "saved" ? (
        <p className="notice" role="status">
          {t("registrations.manage.saved")}
        </p>
      ) : null}
      {page.eventCancelled ? <p className="form-errors">{t("registrations.manage.eventCancelled")}</p> : null}
      <p id="registration-status">
        <strong>{statusText}</strong>
      </p>
      <dl className="meta-list">
        <dt>{t("registrations.register.when")}</dt>
        <dd>{formatEventWhenInZone(event, locale)}</dd>
        {event.place ? (
          <>
            <dt>{t("registrations.register.where")}</dt>
            <dd>{event.place}</dd>
          </>
        ) : null}
        {event.onlineUrl ? (
          <>
            <dt>{t("registrations.register.online")}</dt>
            <dd>
              <a href={event.onlineUrl}>{event.onlineUrl}</a>
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
      {page.canRegisterAgain ? (
        <p>
          <Link to={`/n/${page.networkSlug}/events/${event.id}/register`}>{t("registrations.manage.registerAgain")}</Link>
        </p>
      ) : null}

      {registration.status !== "cancelled" ? (
        <>
          <h2>{t("registrations.manage.calendarTitle")}</h2>
          <p>
            <a href={`/registrations/${params.token}/event.ics`} download="event.ics">
              {t("registrations.manage.download")}
            </a>
          </p>
          <div className="field">
            <label htmlFor="feed-url">{t("registrations.manage.feed")}</label>
            <p id="feed-url-hint" className="field-hint">
              {t("registrations.manage.feedHint", { network: event.networkName })}
            </p>
            <input id="feed-url" className="feed-url" readOnly value={page.feedUrl} aria-describedby="feed-url-hint" />
          </div>

          <h2>{t("registrations.manage.detailsTitle")}</h2>
          <Form method="post" {...getFormProps(form)} className="stack">
            <input type="hidden" name="intent" value="details" />
            <TextField field={fields.name} label={t("registrations.register.name")} hint={t("registrations.register.nameHint")} />
            <SelectField
              field={fields.locale}
              label={t("registrations.register.language")}
              options={locales.map((code) => ({ value: code, label: localeNames[code] }))}
            />
            <div className="actions">
              <button type="submit">{t("registrations.manage.save")}</button>
            </div>
          </Form>
        </>
      ) : null}

      {registration.status === "confirmed" || registration.status === "waitlisted" ? (
        <>
          <h2>{t("registrations.manage.cancelTitle")}</h2>
          <p>{t("registrations.manage.cancelHint")}</p>
          {actionData?.done === "confirm-cancel" ? (
            <ConfirmStep
              title={t("registrations.manage.confirmCancelTitle")}
              message={t("registrations.manage.confirmCancel", { event: event.title })}
              confirmLabel={t("registrations.manage.confirmCancelSubmit")}
              fields={{ intent: "cancel" }}
              cancelTo={`/registrations/${params.token}`}
            />
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="button-secondary">
                {t("registrations.manage.cancel")}
              </button>
            </Form>
          )}
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
