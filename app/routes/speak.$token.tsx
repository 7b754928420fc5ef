import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { CheckboxField, RadioGroup, TextAreaField } from "~/components/speakers/fields";
import { useLocale, useT } from "~/i18n/react";
import { formatDay, formatTimeSpan } from "~/modules/speakers/format";
import { answerSpeakerInvitation, openSpeakerLink, speakerPageData } from "~/modules/speakers/response.server";
import { SpeakerAnswerSchema } from "~/modules/speakers/speakers.schema";
import styles from "~/styles/speakers.css?url";
import { database } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { readFormData } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { looksLikeToken } from "~/utils/tokens.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.speakerInvitation"), { name: "robots", content: "noindex" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const savedStates = ["accepted", "declined", "tentative"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!looksLikeToken(params.token)) notFound();
  const state = await openSpeakerLink(await database(), params.token);
  if (state.kind === "unknown") notFound();
  if (state.kind === "closed") {
    const { kind: _kind, ...closed } = state;
    return data({ closed, page: null, saved: null, feedUrl: null, slotUrl: null }, { status: 410 });
  }
  const saved = new URL(request.url).searchParams.get("saved");
  const base = `/speak/${params.token}`;
  return {
    closed: null,
    page: speakerPageData(state.invitation, state.event, state.network),
    saved: savedStates.find((value) => value === saved) ?? null,
    slotUrl: `${base}/slot.ics`,
    feedUrl: `${getEnv().appUrl}${base}/sessions.ics`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (!looksLikeToken(params.token)) notFound();
  const submission = parseWithZod(await readFormData(request), { schema: SpeakerAnswerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await answerSpeakerInvitation(await database(), { token: params.token, answer: submission.value });
  if (!outcome.ok && outcome.state.kind === "unknown") notFound();
  // A closed invitation is explained by the page itself (410).
  throw redirect(outcome.ok ? `/speak/${params.token}?saved=${outcome.status}` : `/speak/${params.token}`);
}

export default function SpeakerInvitationPage() {
  const loaderData = useLoaderData<typeof loader>();
  if (loaderData.closed) return <ClosedInvitation {...loaderData.closed} />;
  return <OpenInvitation />;
}

function ClosedInvitation({
  reason,
  eventTitle,
  networkName,
}: {
  reason: "withdrawn" | "cancelled" | "expired";
  eventTitle: string;
  networkName: string;
}) {
  const t = useT();
  return (
    <section className="page narrow" aria-labelledby="closed-title">
      <p className="error-status">410</p>
      <h1 id="closed-title">{t(`speakers.closed.${reason}.title`)}</h1>
      <p>{t(`speakers.closed.${reason}.body`, { event: eventTitle, network: networkName })}</p>
    </section>
  );
}

const answerForStatus = { accepted: "accept", declined: "decline", tentative: "maybe" } as const;

function OpenInvitation() {
  const t = useT();
  const locale = useLocale();
  const loaderData = useLoaderData<typeof loader>();
  const page = loaderData.page!;
  const lastResult = useActionData<typeof action>();
  const profile = page.profile;
  const [form, fields] = useForm({
    id: "speaker-answer",
    lastResult,
    defaultValue: {
      answer: page.status in answerForStatus ? answerForStatus[page.status as keyof typeof answerForStatus] : undefined,
      note: page.note,
      displayName: profile.displayName,
      pronouns: profile.pronouns,
      organisation: profile.organisation,
      bio: profile.bio,
      consentListName: profile.consentListName,
      consentPhotos: profile.consentPhotos,
      consentRecording: profile.consentRecording,
      needsTravel: profile.needsTravel,
      needsAccessibility: profile.needsAccessibility,
      needsInterpretation: profile.needsInterpretation,
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SpeakerAnswerSchema }),
  });
  return (
    <section className="page narrow" aria-labelledby="speaker-title">
      <h1 id="speaker-title">{t("speakers.response.title", { event: page.event.title })}</h1>
      <p className="lead">
        {t("speakers.response.intro", { name: page.name, network: page.networkName, role: t(`speakers.roles.${page.role}`) })}
      </p>
      {loaderData.saved ? (
        <p className="notice" role="status">
          {t(`speakers.response.saved.${loaderData.saved}`)}
        </p>
      ) : null}

      <dl className="meta-list">
        <dt>{t("speakers.response.when")}</dt>
        <dd>{formatTimeSpan(page.event.span, locale)}</dd>
        {page.event.place ? (
          <>
            <dt>{t("speakers.response.where")}</dt>
            <dd>{page.event.place}</dd>
          </>
        ) : null}
        {page.event.onlineUrl ? (
          <>
            <dt>{t("speakers.response.online")}</dt>
            <dd>
              <a href={page.event.onlineUrl}>{page.event.onlineUrl}</a>
            </dd>
          </>
        ) : null}
        <dt>{t("speakers.fields.role")}</dt>
        <dd>{t(`speakers.roles.${page.role}`)}</dd>
        <dt>{t("speakers.fields.sessionTitle")}</dt>
        <dd>{page.sessionTitle}</dd>
        <dt>{t("speakers.fields.slot")}</dt>
        <dd>{page.slot ? formatTimeSpan(page.slot, locale) : t("speakers.response.noSlot")}</dd>
        <dt>{t("speakers.fields.replyBy")}</dt>
        <dd>{formatDay(page.replyBy, locale)}</dd>
        <dt>{t("speakers.response.yourAnswer")}</dt>
        <dd>{t(`speakers.response.status.${page.status === "withdrawn" ? "invited" : page.status}`)}</dd>
      </dl>
      {page.message ? (
        <>
          <h2>{t("speakers.response.message")}</h2>
          <p className="personal-message">{page.message}</p>
        </>
      ) : null}

      {page.inCalendar && loaderData.slotUrl && loaderData.feedUrl ? (
        <section aria-labelledby="calendar-title" className="card">
          <h2 id="calendar-title">{t("speakers.response.calendarTitle")}</h2>
          <p>
            <a href={loaderData.slotUrl} download="session.ics">
              {t("speakers.response.slotIcs")}
            </a>
          </p>
          <p>{t("speakers.response.feedIntro")}</p>
          <p className="mail-text">{loaderData.feedUrl}</p>
        </section>
      ) : null}

      <h2 id="answer-title">{t("speakers.response.answerTitle")}</h2>
      <p>{t("speakers.response.changeUntil")}</p>
      <Form method="post" {...getFormProps(form)} className="stack" aria-labelledby="answer-title">
        <RadioGroup
          field={fields.answer}
          legend={t("speakers.response.answerLegend")}
          options={[
            { value: "accept", label: t("speakers.response.answers.accept") },
            { value: "maybe", label: t("speakers.response.answers.maybe") },
            { value: "decline", label: t("speakers.response.answers.decline") },
          ]}
        />
        <TextAreaField field={fields.note} label={t("speakers.response.note")} hint={t("speakers.response.noteHint")} rows={3} />

        <fieldset className="form-section">
          <legend>{t("speakers.response.profileLegend")}</legend>
          <p className="field-hint">{t("speakers.response.profileHint")}</p>
          <TextField
            field={fields.displayName}
            label={t("speakers.response.displayName")}
            hint={t("speakers.response.displayNameHint")}
            autoComplete="nickname"
          />
          <TextField field={fields.pronouns} label={t("speakers.response.pronouns")} />
          <TextField field={fields.organisation} label={t("speakers.response.organisation")} autoComplete="organization" />
          <TextAreaField field={fields.bio} label={t("speakers.response.bio")} />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t("speakers.response.consentLegend")}</legend>
          <p className="field-hint">{t("speakers.response.consentHint")}</p>
          <CheckboxField field={fields.consentListName} label={t("speakers.consents.listNameQuestion")} />
          <CheckboxField field={fields.consentPhotos} label={t("speakers.consents.photosQuestion")} />
          <CheckboxField field={fields.consentRecording} label={t("speakers.consents.recordingQuestion")} />
        </fieldset>

        <fieldset className="form-section">
          <legend>{t("speakers.response.needsLegend")}</legend>
          <p className="field-hint">{t("speakers.response.needsHint")}</p>
          <TextAreaField field={fields.needsTravel} label={t("speakers.response.needsTravel")} rows={2} />
          <TextAreaField field={fields.needsAccessibility} label={t("speakers.response.needsAccessibility")} rows={2} />
          <TextAreaField field={fields.needsInterpretation} label={t("speakers.response.needsInterpretation")} rows={2} />
        </fieldset>

        <div className="actions">
          <button type="submit">{t("speakers.response.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
