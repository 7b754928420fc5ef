import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { FormErrors, SelectField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { localeNames, locales } from "~/i18n/locales";
import { useLocale, useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import { requireOrganiserEvent } from "~/modules/registrations/access.server";
import { countRegistrations, listAttendees, listQuestions, messageAttendees } from "~/modules/registrations/organiser.server";
import {
  AddAttendeeSchema,
  AttendeeMessageSchema,
  MoveAttendeeSchema,
  registrationStatuses,
} from "~/modules/registrations/registrations.schema";
import { moveAttendee, registerAttendee } from "~/modules/registrations/registrations.server";
import { formatDateTime } from "~/utils/dates";
import { readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";
import { pageTitle, namedTitle, metaTranslator } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => [
  args.data ? namedTitle(metaTranslator(args)("titles.attendees"), args.data.event.title) : pageTitle(args, "titles.attendees"),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, event } = await requireOrganiserEvent(request, params.network, params.eventId);
  const search = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  const [attendees, counts, questions] = await Promise.all([
    listAttendees(db, event.id, search),
    countRegistrations(db, event.id),
    listQuestions(db, event.id),
  ]);
  return {
    event: { id: event.id, title: event.title, timeZone: event.timeZone },
    attendees,
    counts,
    questions: questions.map((q) => ({ id: q.id, label: q.label })),
    search,
  };
}

type Intent = "move" | "add" | "message";

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await requireOrganiserEvent(request, params.network, params.eventId);
  const formData = await readFormData(request);
  const intent = formData.get("intent") as Intent;
  if (intent === "move") {
    const submission = parseWithZod(formData, { schema: MoveAttendeeSchema });
    if (submission.status !== "success") httpError(400, "errors.badRequest");
    const { moved } = await moveAttendee(db, { eventId: event.id, ...submission.value });
    if (!moved) httpError(404, "errors.notFound");
    return { intent, result: undefined, status: submission.value.status, count: 0, name: "" };
  }
  if (intent === "add") {
    const submission = parseWithZod(formData, { schema: AddAttendeeSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), status: null, count: 0, name: "" }, { status: 400 });
    const outcome = await registerAttendee(db, {
      networkId: event.networkId,
      eventId: event.id,
      ...submission.value,
      answers: {},
      addedByOrganiser: true,
    });
    if (!outcome.ok) {
      return data(
        { intent, result: submission.reply({ formErrors: ["registrations.register.notPublished"] }), status: null, count: 0, name: "" },
        { status: 409 },
      );
    }
    return { intent, result: submission.reply({ resetForm: true }), status: outcome.status, count: 0, name: submission.value.name };
  }
  if (intent === "message") {
    const submission = parseWithZod(formData, { schema: AttendeeMessageSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), status: null, count: 0, name: "" }, { status: 400 });
    const count = await messageAttendees(db, { event, ...submission.value, actorUserId: user.id });
    return { intent, result: submission.reply({ resetForm: true }), status: null, count, name: "" };
  }
  return httpError(400, "errors.badRequest");
}

export default function Attendees() {
  const t = useT();
  const locale = useLocale();
  const { event, attendees, counts, questions, search } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const params = useParams();
  const base = `/n/${params.network}/events/${event.id}`;
  const [addForm, addFields] = useForm({
    id: "add-attendee",
    lastResult: actionData?.intent === "add" ? actionData.result : undefined,
    defaultValue: { locale },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddAttendeeSchema }),
  });
  const [messageForm, messageFields] = useForm({
    id: "message-attendees",
    lastResult: actionData?.intent === "message" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AttendeeMessageSchema }),
  });
  const seated = counts.confirmed + counts.attended;
  const statusLabel = (status: (typeof registrationStatuses)[number]) => t(`registrations.status.${status}`);

  return (
    <section className="page" aria-labelledby="attendees-title">
      <h1 id="attendees-title">{t("registrations.attendees.title", { event: event.title })}</h1>
      <h2 className="visually-hidden">{t("registrations.attendees.counts")}</h2>
      <ul className="counts">
        {registrationStatuses.map((status) => (
          <li key={status}>
            {/* The word agrees with the number (Russian: 1 отменена, 2 отменены, 5 отменено). */}
            <strong>{counts[status]}</strong> {t(`registrations.statusCount.${status}`, { count: counts[status] })}
          </li>
        ))}
      </ul>
      <p className="actions">
        <a href={`${base}/attendees.csv`}>{t("registrations.attendees.csv")}</a>
        <Link to={`${base}/check-in`}>{t("registrations.attendees.checkIn")}</Link>
        <Link to={`${base}/registration-settings`}>{t("registrations.attendees.settings")}</Link>
      </p>
      {actionData?.intent === "move" && actionData.status ? (
        <p className="notice" role="status">
          {t("registrations.attendees.moved", { status: statusLabel(actionData.status) })}
        </p>
      ) : null}

      <Form method="get" className="actions" role="search">
        <div className="field">
          <label htmlFor="attendee-search">{t("registrations.attendees.search")}</label>
          <input id="attendee-search" type="search" name="q" defaultValue={searchParams.get("q") ?? ""} />
        </div>
        <button type="submit" className="button-secondary">
          {t("registrations.attendees.searchSubmit")}
        </button>
      </Form>

      {attendees.length === 0 ? (
        <p>{search ? t("registrations.attendees.noMatch") : t("registrations.attendees.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("registrations.attendees.title", { event: event.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("registrations.attendees.name")}</th>
                <th scope="col">{t("registrations.attendees.email")}</th>
                <th scope="col">{t("registrations.attendees.statusColumn")}</th>
                <th scope="col">{t("registrations.attendees.registered")}</th>
                {questions.length > 0 ? <th scope="col">{t("registrations.attendees.answers")}</th> : null}
                <th scope="col">{t("registrations.attendees.move")}</th>
              </tr>
            </thead>
            <tbody>
              {attendees.map((attendee) => (
                <tr key={attendee.id}>
                  <td>{attendee.name}</td>
                  <td>{attendee.email}</td>
                  <td>
                    {statusLabel(attendee.status)}
                    {attendee.waitlistPosition !== null ? ` (${attendee.waitlistPosition})` : ""}
                  </td>
                  <td>{formatDateTime(attendee.registeredAt, locale, event.timeZone)}</td>
                  {questions.length > 0 ? (
                    <td>
                      {questions
                        .filter((q) => attendee.answers[q.id] !== undefined)
                        .map((q) => {
                          const answer = attendee.answers[q.id]!;
                          return (
                            <div key={q.id}>
                              {q.label}: {Array.isArray(answer) ? answer.join(", ") : answer}
                            </div>
                          );
                        })}
                    </td>
                  ) : null}
                  <td>
                    <Form method="post" className="actions">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="registrationId" value={attendee.id} />
                      <label className="visually-hidden" htmlFor={`move-${attendee.id}`}>
                        {t("registrations.attendees.moveLabel", { name: attendee.name })}
                      </label>
                      <select id={`move-${attendee.id}`} name="status" defaultValue={attendee.status}>
                        {registrationStatuses.map((status) => (
                          <option key={status} value={status}>
                            {statusLabel(status)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="button-small">
                        {t("registrations.attendees.moveSubmit")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("registrations.attendees.addTitle")}</h2>
      {actionData?.intent === "add" && actionData.status ? (
        <p className="notice" role="status">
          {t("registrations.attendees.added", { name: actionData.name, status: statusLabel(actionData.status) })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(addForm)} className="stack narrow">
        <input type="hidden" name="intent" value="add" />
        <FormErrors id={addForm.errorId} errors={addForm.errors} />
        <TextField field={addFields.name} label={t("registrations.register.name")} autoComplete="off" />
        <TextField field={addFields.email} label={t("registrations.register.email")} type="email" autoComplete="off" />
        <SelectField
          field={addFields.locale}
          label={t("registrations.register.language")}
          options={locales.map((code) => ({ value: code, label: localeNames[code] }))}
        />
        <div className="actions">
          <button type="submit">{t("registrations.attendees.addSubmit")}</button>
        </div>
      </Form>

      <h2>{t("registrations.attendees.messageTitle")}</h2>
      <p>{t("registrations.attendees.messageHint", { count: seated })}</p>
      {actionData?.intent === "message" && actionData.result?.status === "success" ? (
        <p className="notice" role="status">
          {t("registrations.attendees.messageSent", { count: actionData.count })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(messageForm)} className="stack narrow">
        <input type="hidden" name="intent" value="message" />
        <TextField field={messageFields.subject} label={t("registrations.attendees.subject")} autoComplete="off" />
        <div className="field">
          <label htmlFor={messageFields.message.id}>{t("registrations.attendees.message")}</label>
          <textarea {...getTextareaProps(messageFields.message)} key={messageFields.message.key} rows={8} />
          <p id={messageFields.message.errorId} className="field-error" aria-live="polite">
            {messageFields.message.errors?.map((e) => t(e as MessageKey)).join(" ")}
          </p>
        </div>
        <div className="actions">
          <button type="submit">{t("registrations.attendees.messageSubmit")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
