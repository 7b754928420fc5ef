import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Notice, SelectField, TextField } from "~/components/form";
import { ChoiceField } from "~/components/partners/fields";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import { OrganiserSourceSchema, PortalSourceSchema } from "~/modules/imports/imports.schema";
import { eventModes } from "~/modules/events/events.schema";

interface SourceView {
  id: string;
  calendar: string;
  campaignTitle: string | null;
  languages: string[];
  mode: (typeof eventModes)[number];
  publishDirectly: boolean;
  keywords: string[];
  timeZone: string;
  lastSuccess: string | null;
  error: { key: string; values: { detail: string } } | null;
  failures: number;
  eventCount: number;
}

export interface CalendarSourcesProps {
  sources: SourceView[];
  campaigns: { value: string; label: string }[];
  timeZones: string[];
  defaults: { url?: string; campaignId?: string; languages: string; mode: string; keywords?: string; timeZone: string; handling: string };
  /** Organisers also decide whether the events wait for review. */
  organiser: boolean;
  actionData: { intent: string; result?: SubmissionResult<string[]>; done: string | null } | undefined;
}

const doneKeys: Record<string, MessageKey> = {
  added: "imports.done.added",
  removed: "imports.done.removed",
  syncing: "imports.done.syncing",
  trusted: "imports.done.trusted",
  reviewed: "imports.done.reviewed",
};

/**
 * A partner's calendar sources with their status, and the form that adds
 * one: the same on the partner's page and in the portal.
 */
export function CalendarSources({ sources, campaigns, timeZones, defaults, organiser, actionData }: CalendarSourcesProps) {
  const t = useT();
  // Typed as the organiser's form, which has every field; the portal's lacks "handling".
  const schema = (organiser ? OrganiserSourceSchema : PortalSourceSchema) as typeof OrganiserSourceSchema;
  const [form, fields] = useForm({
    id: "add-calendar",
    lastResult: actionData?.intent === "add" ? actionData.result : undefined,
    defaultValue: defaults,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const done = actionData?.done ? doneKeys[actionData.done] : undefined;
  return (
    <>
      <section aria-labelledby="calendars-title">
        <h2 id="calendars-title">{t("imports.list.title")}</h2>
        {done ? <Notice>{t(done)}</Notice> : null}
        {sources.length === 0 ? (
          <p>{t("imports.list.empty")}</p>
        ) : (
          <ul className="plain-list calendar-sources">
            {sources.map((source) => (
              <li key={source.id} className="card">
                <h3 className="calendar-source__address">{source.calendar}</h3>
                <dl className="meta-list">
                  <dt>{t("imports.list.status")}</dt>
                  <dd>
                    <p>{source.lastSuccess ? t("imports.list.lastRead", { when: source.lastSuccess }) : t("imports.list.neverRead")}</p>
                    {source.error ? (
                      <p className="field-error">
                        {t("imports.list.lastError", { reason: t(source.error.key as MessageKey, source.error.values) })}{" "}
                        {t("imports.list.failures", { count: source.failures })}
                      </p>
                    ) : null}
                    <p>{t("imports.list.events", { count: source.eventCount })}</p>
                  </dd>
                  <dt>{t("imports.list.defaults")}</dt>
                  <dd>
                    <p>
                      {source.publishDirectly ? t("imports.list.publish") : t("imports.list.review")} · {t(`events.modes.${source.mode}`)}
                      {source.languages.length > 0 ? ` · ${source.languages.join(", ")}` : null}
                    </p>
                    {source.campaignTitle ? <p>{t("imports.list.campaign", { campaign: source.campaignTitle })}</p> : null}
                    {source.keywords.length > 0 ? <p>{t("imports.list.keywords", { keywords: source.keywords.join(", ") })}</p> : null}
                    <p>{t("imports.list.timeZone", { zone: source.timeZone.replaceAll("_", " ") })}</p>
                  </dd>
                </dl>
                <Form method="post" className="actions">
                  <input type="hidden" name="sourceId" value={source.id} />
                  <button type="submit" name="intent" value="sync" className="button-secondary button-small">
                    {t("imports.list.syncNow", { calendar: source.calendar })}
                  </button>
                  {organiser ? (
                    <button
                      type="submit"
                      name="intent"
                      value={source.publishDirectly ? "review" : "trust"}
                      className="button-secondary button-small"
                    >
                      {source.publishDirectly
                        ? t("imports.list.untrust", { calendar: source.calendar })
                        : t("imports.list.trust", { calendar: source.calendar })}
                    </button>
                  ) : null}
                  <button type="submit" name="intent" value="remove" className="button-secondary button-small">
                    {t("imports.list.remove", { calendar: source.calendar })}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-calendar-title">
        <h2 id="add-calendar-title">{t("imports.form.title")}</h2>
        <Form method="post" {...getFormProps(form)} className="stack narrow">
          <input type="hidden" name="intent" value="add" />
          <TextField field={fields.url} label={t("imports.form.url")} type="url" hint={t("imports.form.urlHint")} autoComplete="off" />
          <ChoiceField
            field={fields.campaignId}
            label={t("imports.form.campaign")}
            emptyLabel={t("imports.form.noCampaign")}
            options={campaigns}
          />
          <TextField field={fields.languages} label={t("imports.form.languages")} hint={t("imports.form.languagesHint")} />
          <SelectField
            field={fields.mode}
            label={t("imports.form.mode")}
            options={eventModes.map((mode) => ({ value: mode, label: t(`events.modes.${mode}`) }))}
          />
          {organiser ? (
            <SelectField
              field={fields.handling}
              label={t("imports.form.handling")}
              options={[
                { value: "review", label: t("imports.form.handlingReview") },
                { value: "publish", label: t("imports.form.handlingPublish") },
              ]}
            />
          ) : null}
          <TextField field={fields.keywords} label={t("imports.form.keywords")} hint={t("imports.form.keywordsHint")} />
          <SelectField
            field={fields.timeZone}
            label={t("imports.form.timeZone")}
            options={timeZones.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }))}
          />
          <div className="actions">
            <button type="submit">{t("imports.form.submit")}</button>
          </div>
        </Form>
      </section>
    </>
  );
}
