import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { DateTime } from "luxon";
import { FormErrors, SelectField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { InvitationCard } from "~/components/speakers/InvitationCard";
import { TextAreaField } from "~/components/speakers/fields";
import { localeNames, locales } from "~/i18n/locales";
import { resolveLocale } from "~/i18n/negotiate.server";
import { useLocale, useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import { requireMembership } from "~/modules/auth/access.server";
import { eventSpan, findSpeakerEvent } from "~/modules/speakers/context.server";
import { formatTimeSpan, toLocalInput } from "~/modules/speakers/format";
import {
  changeSlot,
  inviteSpeaker,
  listEventInvitations,
  markNeedsHandled,
  resendInvitation,
  withdrawInvitation,
} from "~/modules/speakers/invitations.server";
import { ChangeSlotSchema, InvitationActionSchema, InviteSpeakerSchema, speakerRoles } from "~/modules/speakers/speakers.schema";
import styles from "~/styles/speakers.css?url";
import { readFormData, isUuid } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.speakers")];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

async function loadEvent(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireMembership(request, params.network, "organiser");
  if (!isUuid(params.eventId)) notFound();
  const event = await findSpeakerEvent(access.db, access.network.id, params.eventId);
  if (!event) notFound();
  return { ...access, event };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, event, user } = await loadEvent(request, params);
  const invitations = await listEventInvitations(db, event);
  return {
    networkSlug: network.slug,
    event: { id: event.id, title: event.title, span: eventSpan(event), timeZone: event.time_zone, status: event.status },
    invitations,
    defaults: {
      locale: await resolveLocale(request, user.locale),
      // A week to answer, unless the event comes sooner.
      replyBy: DateTime.min(
        DateTime.now().setZone(event.time_zone).plus({ days: 7 }),
        DateTime.fromJSDate(event.starts_at, { zone: event.time_zone }),
      ).toISODate()!,
    },
  };
}

type Notice = "invited" | "resent" | "withdrawn" | "slotChanged" | "needsHandled" | "closed";

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, event, user } = await loadEvent(request, params);
  const formData = await readFormData(request);
  const intent = formData.get("intent");

  if (intent === "change-slot") {
    const submission = parseWithZod(formData, { schema: ChangeSlotSchema });
    if (submission.status !== "success") return data({ result: null, notice: null, slotError: submission.reply() }, { status: 400 });
    const outcome = await changeSlot(db, { event, actorId: user.id, ...submission.value });
    if (typeof outcome === "object")
      return data({ result: null, notice: null, slotError: submission.reply({ fieldErrors: outcome.fieldErrors }) }, { status: 400 });
    return settle(outcome, "slotChanged");
  }
  if (intent === "resend" || intent === "withdraw" || intent === "needs-handled") {
    const submission = parseWithZod(formData, { schema: InvitationActionSchema });
    if (submission.status !== "success") httpError(400, "errors.badRequest");
    const input = { event, invitationId: submission.value.invitationId, actorId: user.id };
    if (intent === "resend") return settle(await resendInvitation(db, input), "resent");
    if (intent === "withdraw") return settle(await withdrawInvitation(db, input), "withdrawn");
    return settle(await markNeedsHandled(db, input), "needsHandled");
  }

  const submission = parseWithZod(formData, { schema: InviteSpeakerSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), notice: null, slotError: null }, { status: 400 });
  const outcome = await inviteSpeaker(db, { event, inviterId: user.id, values: submission.value });
  if (!outcome.ok) {
    return data(
      {
        result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.formError ? [outcome.formError] : undefined }),
        notice: null,
        slotError: null,
      },
      { status: outcome.formError ? 409 : 400 },
    );
  }
  return { result: submission.reply({ resetForm: true }), notice: "invited" as Notice, slotError: null };
}

function settle(outcome: "done" | "not-found" | "closed", notice: Notice) {
  if (outcome === "not-found") notFound();
  if (outcome === "closed") return data({ result: null, notice: "closed" as Notice, slotError: null }, { status: 409 });
  return { result: null, notice, slotError: null };
}

export default function EventSpeakers() {
  const t = useT();
  const locale = useLocale();
  const { networkSlug, event, invitations, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite-speaker",
    lastResult: actionData?.result,
    defaultValue: { role: "speaker", locale: defaults.locale, replyBy: defaults.replyBy },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSpeakerSchema }),
  });
  const slotErrors = actionData?.slotError?.error;
  return (
    <section className="page" aria-labelledby="speakers-title">
      <h1 id="speakers-title">{t("speakers.organiser.title", { event: event.title })}</h1>
      <p className="lead">{formatTimeSpan(event.span, locale)}</p>
      <p>
        <Link to={`/n/${networkSlug}/events/${event.id}/speakers/public`}>{t("speakers.organiser.publicLink")}</Link>
        {" · "}
        <Link to={`/n/${networkSlug}/speakers`}>{t("speakers.organiser.allEvents")}</Link>
      </p>
      {actionData?.notice === "closed" ? (
        <p className="form-errors" role="alert">
          {t("speakers.organiser.notices.closed")}
        </p>
      ) : actionData?.notice ? (
        <p className="notice" role="status">
          {t(`speakers.organiser.notices.${actionData.notice}`)}
        </p>
      ) : null}
      {slotErrors ? (
        <div className="form-errors" role="alert">
          {Object.values(slotErrors)
            .flat()
            .filter((message): message is string => typeof message === "string")
            .map((message) => t(message as MessageKey))
            .join(" ")}
        </div>
      ) : null}

      <h2>{t("speakers.organiser.invitations", { count: invitations.length })}</h2>
      {invitations.length === 0 ? (
        <p>{t("speakers.organiser.none")}</p>
      ) : (
        <ul className="invitation-list">
          {invitations.map((invitation) => (
            <InvitationCard key={invitation.id} invitation={invitation} timeZone={event.timeZone}>
              {invitation.state !== "withdrawn" ? (
                <div className="invitation-actions">
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" name="intent" value="resend" className="button-secondary button-small">
                      {t("speakers.organiser.resend", { name: invitation.name })}
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" name="intent" value="withdraw" className="button-secondary button-small">
                      {t("speakers.organiser.withdraw", { name: invitation.name })}
                    </button>
                  </Form>
                  {invitation.needs && !invitation.needs.handled ? (
                    <Form method="post">
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <button type="submit" name="intent" value="needs-handled" className="button-secondary button-small">
                        {t("speakers.organiser.needsHandled")}
                      </button>
                    </Form>
                  ) : null}
                  <details>
                    <summary>{t("speakers.organiser.changeSlot")}</summary>
                    <Form method="post" className="form-grid">
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <div className="field">
                        <label htmlFor={`slot-start-${invitation.id}`}>{t("speakers.fields.slotStart")}</label>
                        <input
                          id={`slot-start-${invitation.id}`}
                          name="slotStart"
                          type="datetime-local"
                          defaultValue={toLocalInput(invitation.slotStartsAt, event.timeZone)}
                        />
                      </div>
                      <div className="field">
                        <label htmlFor={`slot-end-${invitation.id}`}>{t("speakers.fields.slotEnd")}</label>
                        <input
                          id={`slot-end-${invitation.id}`}
                          name="slotEnd"
                          type="datetime-local"
                          defaultValue={toLocalInput(invitation.slotEndsAt, event.timeZone)}
                        />
                      </div>
                      <div className="actions">
                        <button type="submit" name="intent" value="change-slot" className="button-small">
                          {t("speakers.organiser.saveSlot")}
                        </button>
                      </div>
                    </Form>
                  </details>
                </div>
              ) : null}
            </InvitationCard>
          ))}
        </ul>
      )}

      <h2 id="invite-title">{t("speakers.organiser.inviteTitle")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack narrow" aria-labelledby="invite-title">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} label={t("speakers.fields.name")} autoComplete="off" />
        <TextField field={fields.email} label={t("speakers.fields.email")} type="email" autoComplete="off" />
        <SelectField
          field={fields.role}
          label={t("speakers.fields.role")}
          options={speakerRoles.map((role) => ({ value: role, label: t(`speakers.roles.${role}`) }))}
        />
        <TextField field={fields.sessionTitle} label={t("speakers.fields.sessionTitle")} />
        <p className="field-hint">{t("speakers.fields.slotHint", { zone: event.timeZone })}</p>
        <LocalDateTimeField field={fields.slotStart} label={t("speakers.fields.slotStart")} />
        <LocalDateTimeField field={fields.slotEnd} label={t("speakers.fields.slotEnd")} />
        <TextAreaField field={fields.message} label={t("speakers.fields.message")} />
        <SelectField
          field={fields.locale}
          label={t("speakers.fields.locale")}
          options={locales.map((code) => ({ value: code, label: localeNames[code] }))}
        />
        <LocalDateTimeField field={fields.replyBy} label={t("speakers.fields.replyBy")} type="date" />
        <div className="actions">
          <button type="submit" name="intent" value="invite">
            {t("speakers.organiser.inviteSubmit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** A date or datetime-local input with its error beside it. */
function LocalDateTimeField({
  field,
  label,
  type = "datetime-local",
}: {
  field: { id: string; name: string; errorId: string; errors?: string[]; initialValue?: unknown };
  label: string;
  type?: "datetime-local" | "date";
}) {
  const t = useT();
  const errorText = field.errors?.map((error) => t(error as MessageKey)).join(" ");
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <input
        id={field.id}
        name={field.name}
        type={type}
        defaultValue={typeof field.initialValue === "string" ? field.initialValue : ""}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={field.errors ? field.errorId : undefined}
      />
      <p id={field.errorId} className="field-error" aria-live="polite">
        {errorText}
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorPage;
