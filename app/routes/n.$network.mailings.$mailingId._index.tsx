import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { DateTime } from "luxon";
import { useEffect, useState } from "react";
import { ConfirmStep, isConfirmed } from "~/components/ConfirmStep";
import { FormErrors, Notice } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import { requireMembership } from "~/modules/auth/access.server";
import { MAILING_FORM_BYTES, mailingFormValues, MailingSchema, ScheduleSchema } from "~/modules/mailings/mailings.schema";
import {
  addVariant,
  checkMailingContent,
  countRecipients,
  getMailing,
  listCampaignChoices,
  listPreviewRecipients,
  previewMailing,
  removeVariant,
  saveMailing,
  scheduleMailing,
  segmentOf,
  sendMailingNow,
  sendTestMessage,
  unscheduleMailing,
  type ContentProblem,
  type SendProblem,
} from "~/modules/mailings/mailings.server";
import { mergeFields } from "~/modules/mailings/merge-fields";
import { countryName, isLanguageCode, languageName, languageOptions } from "~/modules/partners/countries";
import { listDirectoryFacets } from "~/modules/partners/partners.server";
import { getTranslator } from "~/i18n/registry";
import { resolveLocale } from "~/i18n/negotiate.server";
import { formatDateTime } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.mailing")];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireMembership(request, params.network, "organiser");
  const mailing = isUuid(params.mailingId) ? await getMailing(access.db, access.network.id, params.mailingId) : undefined;
  if (!mailing) notFound();
  if (mailing.status === "sending" || mailing.status === "sent") {
    throw redirect(`/n/${access.network.slug}/mailings/${mailing.id}/report`);
  }
  return { ...access, mailing };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user, mailing } = await load(request, params);
  const segment = segmentOf(mailing);
  const [campaigns, facets, recipientCount, recipients, allProblems] = await Promise.all([
    listCampaignChoices(db, network.id),
    listDirectoryFacets(db, network.id),
    countRecipients(db, network.id, segment),
    listPreviewRecipients(db, network.id, segment),
    checkMailingContent(db, network, { campaignId: mailing.campaign_id, variants: mailing.variants }),
  ]);
  // A language version nobody has written in yet is not a mistake to point at beside its fields;
  // it only keeps the sending options hidden until it is written.
  const unwritten = new Set(mailing.variants.flatMap((v, index) => (v.subject.trim() || v.body.trim() ? [] : [index])));
  const problems = allProblems.filter(
    (problem) => !(problem.key === "validation.required" && unwritten.has(Number(/^variants\[(\d+)\]/.exec(problem.field)?.[1]))),
  );
  const previewAs = new URL(request.url).searchParams.get("previewAs") ?? recipients[0]?.id;
  const preview =
    previewAs && isUuid(previewAs) && allProblems.length === 0
      ? await previewMailing(db, network.id, mailing.id, previewAs, getEnv().appUrl)
      : undefined;
  return {
    network: { defaultLocale: network.default_locale, timeZone: network.time_zone },
    userEmail: user.email,
    mailing: {
      id: mailing.id,
      title: mailing.title,
      status: mailing.status,
      campaignId: mailing.campaign_id,
      scheduledAt: mailing.scheduled_at?.toISOString() ?? null,
      countries: mailing.segment_countries,
      languages: mailing.segment_languages,
      tags: mailing.segment_tags,
      pledgedCampaignId: mailing.segment_pledged_campaign_id ?? "",
      variants: mailing.variants,
    },
    campaigns,
    facets,
    recipientCount,
    recipients: recipients.map((r) => ({ id: r.id, label: `${r.name} <${r.email}> · ${r.partnerName}` })),
    previewAs: previewAs ?? null,
    preview: preview ?? null,
    problems,
    unwritten: unwritten.size > 0,
  };
}

type FieldErrors = Record<string, { key: MessageKey; values?: Record<string, string> }[]>;
type ActionData =
  | { kind: "invalid"; values: ReturnType<typeof mailingFormValues>; errors: FieldErrors }
  | { kind: "saved" }
  | { kind: "test-sent"; to: string }
  | { kind: "send-problem"; problem: SendProblem }
  | { kind: "confirm-send"; count: number }
  | { kind: "schedule-invalid"; error: MessageKey }
  | { kind: "scheduled" }
  | { kind: "unscheduled" };

function issuePath(path: PropertyKey[]): string {
  return path.map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join("");
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user, mailing } = await load(request, params);
  const formData = await readFormData(request, MAILING_FORM_BYTES);
  const intent = String(formData.get("intent") ?? "");

  if (intent === "save" || intent === "add-variant" || intent.startsWith("remove-variant:")) {
    const values = mailingFormValues(formData);
    const parsed = MailingSchema.safeParse(values);
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) (errors[issuePath(issue.path)] ??= []).push({ key: issue.message as MessageKey });
      return data<ActionData>({ kind: "invalid", values, errors }, { status: 400 });
    }
    if (!(await saveMailing(db, network.id, mailing.id, parsed.data))) httpError(409, "errors.badRequest");
    if (intent === "add-variant") {
      const language = String(formData.get("newLanguage") ?? "");
      if (isLanguageCode(language)) await addVariant(db, network.id, mailing.id, language);
    } else if (intent.startsWith("remove-variant:")) {
      await removeVariant(db, network.id, mailing.id, intent.slice("remove-variant:".length));
    }
    return data<ActionData>({ kind: "saved" });
  }
  if (intent === "test-send") {
    const contactId = String(formData.get("contactId") ?? "");
    const locale = await resolveLocale(request, user.locale);
    const sent =
      isUuid(contactId) &&
      (await sendTestMessage(db, {
        networkId: network.id,
        mailingId: mailing.id,
        contactId,
        to: user.email,
        appUrl: getEnv().appUrl,
        testLabel: getTranslator(locale)("mailings.send.testLabel"),
      }));
    if (!sent) httpError(400, "errors.badRequest");
    return data<ActionData>({ kind: "test-sent", to: user.email });
  }
  if (intent === "send-now") {
    if (!isConfirmed(formData)) {
      return data<ActionData>({ kind: "confirm-send", count: await countRecipients(db, network.id, segmentOf(mailing)) });
    }
    const outcome = await sendMailingNow(db, network, mailing.id, user.id);
    if (!outcome.ok) return data<ActionData>({ kind: "send-problem", problem: outcome.problem }, { status: 409 });
    throw redirect(`/n/${network.slug}/mailings/${mailing.id}/report`);
  }
  if (intent === "schedule") {
    const parsed = ScheduleSchema.safeParse(Object.fromEntries(formData));
    const sendAt = parsed.success ? DateTime.fromISO(parsed.data.sendAt, { zone: parsed.data.timeZone }) : undefined;
    if (!sendAt?.isValid) return data<ActionData>({ kind: "schedule-invalid", error: "mailings.validation.sendAt" }, { status: 400 });
    if (sendAt < DateTime.now()) return data<ActionData>({ kind: "schedule-invalid", error: "mailings.send.past" }, { status: 400 });
    const outcome = await scheduleMailing(db, network, mailing.id, user.id, sendAt.toJSDate());
    if (!outcome.ok) return data<ActionData>({ kind: "send-problem", problem: outcome.problem }, { status: 409 });
    return data<ActionData>({ kind: "scheduled" });
  }
  if (intent === "unschedule") {
    await unscheduleMailing(db, network.id, mailing.id);
    return data<ActionData>({ kind: "unscheduled" });
  }
  return httpError(400, "errors.badRequest");
}

/** Field errors from the form (zod) and from the content check, keyed by field name. */
function errorsByField(actionData: ActionData | undefined, problems: ContentProblem[]): FieldErrors {
  if (actionData?.kind === "invalid") return actionData.errors;
  const errors: FieldErrors = {};
  for (const problem of problems) (errors[problem.field] ??= []).push({ key: problem.key, values: problem.values });
  return errors;
}

function fieldId(name: string) {
  return `mailing-${name.replace(/[^a-z0-9]+/gi, "-")}`;
}

export default function MailingEditor() {
  const t = useT();
  const locale = useLocale();
  const base = `/n/${useParams().network}/mailings`;
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { mailing, network, facets, campaigns, problems } = loaded;
  const values = actionData?.kind === "invalid" ? actionData.values : { ...mailing, campaignId: mailing.campaignId ?? "" };
  const errors = errorsByField(actionData, problems);
  const editable = mailing.status === "draft";
  const errorText = (name: string) => errors[name]?.map((error) => t(error.key, error.values)).join(" ");
  const describedBy = (name: string, hint?: string) =>
    [hint, errors[name] ? `${fieldId(name)}-error` : undefined].filter(Boolean).join(" ") || undefined;
  const FieldError = ({ name }: { name: string }) => (
    <p id={`${fieldId(name)}-error`} className="field-error" aria-live="polite">
      {errorText(name)}
    </p>
  );
  const existingLanguages = new Set(values.variants.map((variant) => variant.language));

  return (
    <section className="page" aria-labelledby="mailing-heading">
      <p>
        <Link to={base}>{t("mailings.editor.back")}</Link>
      </p>
      <h1 id="mailing-heading">{mailing.title}</h1>
      {actionData?.kind === "saved" ? (
        problems.length > 0 ? (
          <FormErrors id="mailing-problems" errors={[t("mailings.editor.savedWithProblems")]} />
        ) : (
          <Notice>{t("mailings.editor.saved")}</Notice>
        )
      ) : null}
      {errors[""] ? (
        <div className="form-errors" role="alert">
          {errorText("")}
        </div>
      ) : null}
      {mailing.status === "scheduled" && mailing.scheduledAt ? (
        <div className="card">
          <p role="status">
            {t("mailings.send.scheduled", { date: formatDateTime(mailing.scheduledAt, locale, network.timeZone), zone: network.timeZone })}
          </p>
          <Form method="post">
            <button type="submit" name="intent" value="unschedule" className="button-secondary">
              {t("mailings.send.unschedule")}
            </button>
          </Form>
        </div>
      ) : null}

      <Form method="post" className="stack" id="mailing-form">
        <fieldset disabled={!editable} className="plain-fieldset stack">
          <div className="field narrow">
            <label htmlFor={fieldId("title")}>{t("mailings.editor.name")}</label>
            <input
              id={fieldId("title")}
              name="title"
              defaultValue={values.title}
              aria-invalid={errors.title ? true : undefined}
              aria-describedby={describedBy("title")}
            />
            <FieldError name="title" />
          </div>
          <div className="field narrow">
            <label htmlFor={fieldId("campaignId")}>{t("mailings.editor.campaign")}</label>
            <p id="campaign-hint" className="field-hint">
              {t("mailings.editor.campaignHint")}
            </p>
            <select
              id={fieldId("campaignId")}
              name="campaignId"
              defaultValue={values.campaignId ?? ""}
              aria-invalid={errors.campaignId ? true : undefined}
              aria-describedby={describedBy("campaignId", "campaign-hint")}
            >
              <option value="">{t("mailings.editor.noCampaign")}</option>
              {campaigns.map((campaign) => (
                <option key={campaign.id} value={campaign.id}>
                  {campaign.title}
                </option>
              ))}
            </select>
            <FieldError name="campaignId" />
          </div>

          <fieldset className="segment">
            <legend>{t("mailings.editor.segment")}</legend>
            <p className="field-hint">{t("mailings.editor.segmentHint")}</p>
            <Choices
              legend={t("mailings.editor.countries")}
              name="countries"
              checked={values.countries}
              options={facets.countries.map((code) => ({ value: code, label: countryName(code, locale) }))}
            />
            <Choices
              legend={t("mailings.editor.languages")}
              name="languages"
              checked={values.languages}
              options={facets.languages.map((code) => ({ value: code, label: languageName(code, locale) }))}
            />
            <Choices
              legend={t("mailings.editor.tags")}
              name="tags"
              checked={values.tags}
              options={facets.tags.map((tag) => ({ value: tag, label: tag }))}
            />
            <div className="field narrow">
              <label htmlFor={fieldId("pledgedCampaignId")}>{t("mailings.editor.pledged")}</label>
              <select id={fieldId("pledgedCampaignId")} name="pledgedCampaignId" defaultValue={values.pledgedCampaignId ?? ""}>
                <option value="">{t("mailings.editor.pledgedAny")}</option>
                {campaigns.map((campaign) => (
                  <option key={campaign.id} value={campaign.id}>
                    {campaign.title}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>

          <h2>{t("mailings.editor.variants")}</h2>
          <p className="field-hint">{t("mailings.editor.variantsHint", { language: languageName(network.defaultLocale, locale) })}</p>
          {values.variants.map((variant, index) => {
            const name = languageName(variant.language, locale);
            const prefix = `variants[${index}]`;
            return (
              <fieldset key={variant.language} className="variant card" lang={variant.language}>
                <legend>
                  {t("mailings.editor.variantTitle", { language: name })}
                  {variant.language === network.defaultLocale ? ` ${t("mailings.editor.defaultVersion")}` : ""}
                </legend>
                <input type="hidden" name={`${prefix}.language`} value={variant.language} />
                <div className="field">
                  <label htmlFor={fieldId(`${prefix}.subject`)}>{t("mailings.editor.subject")}</label>
                  <input
                    id={fieldId(`${prefix}.subject`)}
                    name={`${prefix}.subject`}
                    defaultValue={variant.subject}
                    aria-invalid={errors[`${prefix}.subject`] ? true : undefined}
                    aria-describedby={describedBy(`${prefix}.subject`)}
                  />
                  <FieldError name={`${prefix}.subject`} />
                </div>
                <div className="field">
                  <label htmlFor={fieldId(`${prefix}.body`)}>{t("mailings.editor.body")}</label>
                  <p id={`${fieldId(`${prefix}.body`)}-hint`} className="field-hint">
                    {t("mailings.editor.bodyHint", { fields: mergeFields.map((field) => `{{${field}}}`).join(", ") })}
                  </p>
                  <textarea
                    id={fieldId(`${prefix}.body`)}
                    name={`${prefix}.body`}
                    defaultValue={variant.body}
                    rows={10}
                    aria-invalid={errors[`${prefix}.body`] ? true : undefined}
                    aria-describedby={describedBy(`${prefix}.body`, `${fieldId(`${prefix}.body`)}-hint`)}
                  />
                  <FieldError name={`${prefix}.body`} />
                </div>
                {variant.language !== network.defaultLocale ? (
                  <button
                    type="submit"
                    name="intent"
                    value={`remove-variant:${variant.language}`}
                    className="button-secondary button-small"
                  >
                    {t("mailings.editor.removeVariant", { language: name })}
                  </button>
                ) : null}
              </fieldset>
            );
          })}
          <div className="field narrow">
            <label htmlFor="new-language">{t("mailings.editor.addVariant")}</label>
            <div className="actions">
              <select id="new-language" name="newLanguage">
                {languageOptions(locale)
                  .filter((option) => !existingLanguages.has(option.value))
                  .map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
              </select>
              <button type="submit" name="intent" value="add-variant" className="button-secondary">
                {t("mailings.editor.addVariantSubmit")}
              </button>
            </div>
          </div>
          <div className="actions">
            <button type="submit" name="intent" value="save">
              {t("mailings.editor.save")}
            </button>
          </div>
        </fieldset>
      </Form>

      {editable ? <SendSection /> : null}
    </section>
  );
}

function Choices({
  legend,
  name,
  checked,
  options,
}: {
  legend: string;
  name: string;
  checked: string[];
  options: { value: string; label: string }[];
}) {
  const t = useT();
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {options.length === 0 ? <p className="field-hint">{t("mailings.editor.noChoices")}</p> : null}
      {options.map((option) => (
        <label key={option.value} className="choice">
          <input type="checkbox" name={name} value={option.value} defaultChecked={checked.includes(option.value)} /> {option.label}
        </label>
      ))}
    </fieldset>
  );
}

function SendSection() {
  const t = useT();
  const locale = useLocale();
  const { recipientCount, recipients, previewAs, preview, problems, unwritten, userEmail, network, mailing } =
    useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const params = useParams();
  // Without JavaScript the network's zone is used; with it, the organiser's own.
  const [timeZone, setTimeZone] = useState(network.timeZone);
  useEffect(() => setTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || network.timeZone), [network.timeZone]);
  const sendProblem = actionData?.kind === "send-problem" ? actionData.problem : undefined;
  return (
    <section aria-labelledby="send-title" className="card">
      <h2 id="send-title">{t("mailings.send.title")}</h2>
      <p>
        <strong>{t("mailings.send.count", { count: recipientCount })}</strong> {t("mailings.send.countNote")}
      </p>
      {problems.length > 0 ? (
        <div className="form-errors" role="alert">
          <p>{t("mailings.send.problemsTitle")}</p>
          <ul>
            {problems.map((problem, index) => (
              <li key={index}>{t(problem.key, problem.values)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {sendProblem === "no-recipients" ? <FormErrors id="send-errors" errors={["mailings.send.noRecipients"]} /> : null}
      {sendProblem === "not-draft" ? <FormErrors id="send-errors" errors={["mailings.send.notDraft"]} /> : null}
      {actionData?.kind === "test-sent" ? <Notice>{t("mailings.send.testSent", { email: actionData.to })}</Notice> : null}
      {actionData?.kind === "scheduled" ? <Notice>{t("mailings.status.scheduled")}</Notice> : null}

      {recipients.length > 0 ? (
        <Form method="get" className="stack narrow">
          <div className="field">
            <label htmlFor="preview-as">{t("mailings.send.previewAs")}</label>
            <select id="preview-as" name="previewAs" defaultValue={previewAs ?? ""}>
              {recipients.map((recipient) => (
                <option key={recipient.id} value={recipient.id}>
                  {recipient.label}
                </option>
              ))}
            </select>
          </div>
          <div className="actions">
            <button type="submit" className="button-secondary">
              {t("mailings.send.preview")}
            </button>
          </div>
        </Form>
      ) : null}

      {preview ? (
        <article aria-labelledby="preview-title" className="mail-preview-box">
          <h3 id="preview-title">
            {t("mailings.send.previewTitle", { email: preview.to, language: languageName(preview.language, locale) })}
          </h3>
          <dl className="meta-list">
            <dt>{t("mailings.send.previewSubject")}</dt>
            <dd lang={preview.language}>{preview.subject}</dd>
          </dl>
          <div className="mail-body" lang={preview.language} dangerouslySetInnerHTML={{ __html: preview.html }} />
          <Form method="post">
            <input type="hidden" name="contactId" value={previewAs ?? ""} />
            <button type="submit" name="intent" value="test-send" className="button-secondary">
              {t("mailings.send.testSend", { email: userEmail })}
            </button>
          </Form>
        </article>
      ) : null}

      {unwritten ? <p>{t("mailings.send.writeFirst")}</p> : null}
      {problems.length === 0 && !unwritten && recipientCount > 0 ? (
        <div className="send-actions">
          {actionData?.kind === "confirm-send" ? (
            <ConfirmStep
              title={t("mailings.send.confirmTitle", { title: mailing.title })}
              message={t("mailings.send.confirm", { count: actionData.count })}
              confirmLabel={t("mailings.send.confirmSubmit", { count: actionData.count })}
              fields={{ intent: "send-now" }}
              cancelTo={`/n/${params.network}/mailings/${mailing.id}`}
            />
          ) : (
            <Form method="post">
              <button type="submit" name="intent" value="send-now">
                {t("mailings.send.now")}
              </button>
            </Form>
          )}
          <Form method="post" className="stack narrow">
            <div className="field">
              <label htmlFor="send-at">{t("mailings.send.sendAt")}</label>
              <p id="send-at-hint" className="field-hint">
                {t("mailings.send.sendAtHint", { zone: timeZone })}
              </p>
              <input
                id="send-at"
                name="sendAt"
                type="datetime-local"
                required
                aria-describedby={actionData?.kind === "schedule-invalid" ? "send-at-hint send-at-error" : "send-at-hint"}
                aria-invalid={actionData?.kind === "schedule-invalid" ? true : undefined}
              />
              <p id="send-at-error" className="field-error" aria-live="polite">
                {actionData?.kind === "schedule-invalid" ? t(actionData.error) : ""}
              </p>
            </div>
            <input type="hidden" name="timeZone" value={timeZone} />
            <div className="actions">
              <button type="submit" name="intent" value="schedule" className="button-secondary">
                {t("mailings.send.schedule")}
              </button>
            </div>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
