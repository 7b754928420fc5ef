import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DoneNotice } from "~/components/events/DoneNotice";
import { CheckboxField, InputField, TextareaField } from "~/components/events/fields";
import { ConfirmStep, isConfirmed } from "~/components/ConfirmStep";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { formatEventWhen, formatInstantIn, localEventTimes } from "~/modules/events/event-times";
import { cancelEvent, getEvent, postponeEvent, publishEvent } from "~/modules/events/events.server";
import { PostponeSchema, ReviewSchema } from "~/modules/events/events.schema";
import { acknowledgePartnerChange, reviewEvent } from "~/modules/events/review.server";
import { countRegistrations } from "~/modules/registrations/organiser.server";
import { resolveLocale } from "~/i18n/negotiate.server";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.manageEvent")];

async function organiserEvent(request: Request, params: LoaderFunctionArgs["params"]) {
  const context = await requireMembership(request, params.network, "organiser");
  const event = isUuid(params.eventId) ? await getEvent(context.db, context.network.id, params.eventId) : undefined;
  if (!event) notFound("errors.eventNotFound");
  return { ...context, event };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, event, user } = await organiserEvent(request, params);
  const locale = await resolveLocale(request, user.locale);
  const times = localEventTimes({
    startsAt: event.starts_at,
    endsAt: event.ends_at,
    allDay: event.all_day,
    startDate: event.start_date,
    endDate: event.end_date,
    timeZone: event.time_zone,
  });
  return {
    networkSlug: network.slug,
    event: {
      id: event.id,
      title: event.title,
      status: event.status,
      visibility: event.visibility,
      sequence: event.sequence,
      timeZone: event.time_zone,
      when: formatEventWhen(
        { startsAt: event.starts_at, endsAt: event.ends_at, allDay: event.all_day, startDate: event.start_date, endDate: event.end_date },
        locale,
        event.time_zone,
      ),
      partnerChangedAt: event.partner_changed_at ? formatInstantIn(event.partner_changed_at, locale, event.time_zone) : null,
      submittedByPartner: event.submitted_by_partner_id !== null,
    },
    postponeDefaults: { ...times, startTime: times.startTime ?? "", endTime: times.endTime ?? "" },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, event, user } = await organiserEvent(request, params);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const target = { networkId: network.id, eventId: event.id, actorUserId: user.id };
  const done = (outcome: string) => redirect(`/n/${network.slug}/manage/events/${event.id}?done=${outcome}`);

  if (intent === "approve" || intent === "reject") {
    const submission = parseWithZod(formData, { schema: ReviewSchema });
    if (submission.status !== "success") return data({ form: "review", result: submission.reply() }, { status: 400 });
    const note = submission.value.note ?? "";
    if (intent === "reject" && !note) {
      return data(
        { form: "review", result: submission.reply({ fieldErrors: { note: ["events.admin.review.noteRequired"] } }) },
        { status: 400 },
      );
    }
    const outcome = await reviewEvent(db, { network, eventId: event.id, reviewerId: user.id, decision: intent, note });
    if (!outcome.ok) httpError(409, "errors.eventAlreadyReviewed");
    throw done(intent === "approve" ? "approved" : "rejected");
  }
  if (intent === "postpone") {
    const submission = parseWithZod(formData, { schema: PostponeSchema });
    if (submission.status !== "success") return data({ form: "postpone", result: submission.reply() }, { status: 400 });
    const outcome = await postponeEvent(db, { ...target, times: submission.value });
    if (!outcome.ok && outcome.reason === "invalid") {
      return data(
        { form: "postpone", result: submission.reply({ fieldErrors: { endDate: ["events.validation.endBeforeStart"] } }) },
        { status: 400 },
      );
    }
    if (!outcome.ok) httpError(409, "errors.eventCancelled");
    throw done("postponed");
  }
  if (intent === "publish") {
    if (!(await publishEvent(db, target)).ok) httpError(409, "errors.eventAlreadyReviewed");
    throw done("published");
  }
  if (intent === "cancel") {
    if (!isConfirmed(formData)) {
      const counts = await countRegistrations(db, event.id);
      return { form: "cancel", result: undefined, people: counts.confirmed + counts.attended + counts.waitlisted };
    }
    if (!(await cancelEvent(db, target)).ok) httpError(409, "errors.eventCancelled");
    throw done("cancelled");
  }
  if (intent === "acknowledge") {
    await acknowledgePartnerChange(db, target);
    throw done("acknowledged");
  }
  return httpError(400, "errors.badRequest");
}

export default function ManageEvent() {
  const t = useT();
  const { event, networkSlug, postponeDefaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [reviewForm, reviewFields] = useForm({
    id: "review",
    lastResult: actionData?.form === "review" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
  });
  const [postponeForm, postponeFields] = useForm({
    id: "postpone",
    lastResult: actionData?.form === "postpone" ? actionData.result : undefined,
    defaultValue: postponeDefaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PostponeSchema }),
  });
  const active = event.status !== "cancelled";
  return (
    <section className="page" aria-labelledby="manage-event-title">
      <p>
        <Link to={`/n/${networkSlug}/manage/events`}>{t("events.manage.title")}</Link>
      </p>
      <h1 id="manage-event-title">{t("events.admin.title", { title: event.title })}</h1>
      <DoneNotice />
      <dl className="meta-list">
        <dt>{t("events.admin.status")}</dt>
        <dd>
          <span className={`badge badge--${event.status}`}>{t(`events.status.${event.status}`)}</span>
        </dd>
        <dt>{t("events.page.when")}</dt>
        <dd>
          {event.when} {event.timeZone}
        </dd>
        <dt>{t("events.admin.visibility")}</dt>
        <dd>{t(`events.visibility.${event.visibility}`)}</dd>
        <dt>{t("events.admin.sequence")}</dt>
        <dd>{event.sequence}</dd>
      </dl>
      <p className="actions">
        <Link to={`/n/${networkSlug}/events/${event.id}`}>{t("events.admin.view")}</Link>
        {active ? <Link to={`/n/${networkSlug}/events/${event.id}/edit`}>{t("events.admin.edit")}</Link> : null}
      </p>

      {event.partnerChangedAt ? (
        <section aria-labelledby="flag-title" className="card card--attention">
          <h2 id="flag-title">{t("events.admin.flag.title")}</h2>
          <p>{t("events.admin.flag.intro", { date: event.partnerChangedAt })}</p>
          <Form method="post">
            <button type="submit" name="intent" value="acknowledge">
              {t("events.admin.flag.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {event.status === "pending_review" ? (
        <section aria-labelledby="review-title" className="card">
          <h2 id="review-title">{t("events.admin.review.title")}</h2>
          <p>{t("events.admin.review.intro")}</p>
          <Form method="post" {...getFormProps(reviewForm)} className="stack">
            <TextareaField
              field={reviewFields.note}
              label={t("events.admin.review.note")}
              hint={t("events.admin.review.noteHint")}
              rows={4}
            />
            <div className="actions">
              <button type="submit" name="intent" value="approve">
                {t("events.admin.review.approve")}
              </button>
              <button type="submit" name="intent" value="reject" className="button-secondary">
                {t("events.admin.review.reject")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {event.status === "draft" ? (
        <section aria-labelledby="publish-title" className="card">
          <h2 id="publish-title">{t("events.admin.publish.title")}</h2>
          <p>{t("events.admin.publish.intro")}</p>
          <Form method="post">
            <button type="submit" name="intent" value="publish">
              {t("events.admin.publish.submit")}
            </button>
          </Form>
        </section>
      ) : null}

      {active ? (
        <section aria-labelledby="postpone-title" className="card">
          <h2 id="postpone-title">{t("events.admin.postpone.title")}</h2>
          <p>{t("events.admin.postpone.intro", { zone: event.timeZone })}</p>
          <Form method="post" {...getFormProps(postponeForm)} className="stack">
            <CheckboxField field={postponeFields.allDay} label={t("events.form.fields.allDay")} />
            <div className="field-pair">
              <InputField field={postponeFields.startDate} label={t("events.form.fields.startDate")} type="date" />
              <InputField field={postponeFields.startTime} label={t("events.form.fields.startTime")} type="time" />
            </div>
            <div className="field-pair">
              <InputField field={postponeFields.endDate} label={t("events.form.fields.endDate")} type="date" />
              <InputField field={postponeFields.endTime} label={t("events.form.fields.endTime")} type="time" />
            </div>
            <div className="actions">
              <button type="submit" name="intent" value="postpone">
                {t("events.admin.postpone.submit")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {active ? (
        <section aria-labelledby="cancel-title" className="card card--danger">
          <h2 id="cancel-title">{t("events.admin.cancel.title")}</h2>
          <p>{t("events.admin.cancel.intro")}</p>
          {actionData && "people" in actionData ? (
            <ConfirmStep
              title={t("events.admin.cancel.confirmTitle", { title: event.title })}
              message={t("events.admin.cancel.confirm", { count: actionData.people })}
              confirmLabel={t("events.admin.cancel.confirmSubmit")}
              fields={{ intent: "cancel" }}
              cancelTo={`/n/${networkSlug}/manage/events/${event.id}`}
            />
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="cancel" className="button-danger">
                {t("events.admin.cancel.submit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
