import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { FormErrors } from "~/components/form";
import { useT } from "~/i18n/react";
import { accessibilityFeatures, EventFormSchema, eventModes, eventVisibilities } from "~/modules/events/events.schema";
import { CheckboxField, CheckboxGroup, ChoiceField, InputField, TextareaField } from "./fields";

export interface EventFormChoices {
  partners: { id: string; name: string }[];
  campaigns: { id: string; title: string }[];
  timeZones: string[];
}

interface EventFormProps {
  lastResult: SubmissionResult<string[]> | undefined;
  defaultValue: Record<string, unknown>;
  choices: EventFormChoices;
  /** A partner contact: no host or visibility beyond public, and a campaign is required. */
  partner: boolean;
  /** The buttons: each a value of `intent`. */
  intents: { value: "save" | "publish" | "submit"; label: string; secondary?: boolean }[];
}

/**
 * Every field of an event, grouped in fieldsets. Checked in the browser with
 * the server's schema when JavaScript runs; the server checks again anyway.
 */
export function EventForm({ lastResult, defaultValue, choices, partner, intents }: EventFormProps) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "event-form",
    lastResult,
    // The loader's values have the schema's field names, as strings, booleans and lists.
    defaultValue: defaultValue as z.input<typeof EventFormSchema>,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EventFormSchema }),
  });
  const f = (key: string) => t(`events.form.fields.${key}` as never);
  return (
    <Form method="post" {...getFormProps(form)} className="stack event-form">
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset className="form-section">
        <legend>{t("events.form.sections.what")}</legend>
        <InputField field={fields.title} label={f("title")} />
        <TextareaField field={fields.description} label={f("description")} hint={t("events.form.hints.description")} rows={8} />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("events.form.sections.when")}</legend>
        <ChoiceField
          field={fields.timeZone}
          label={f("timeZone")}
          hint={t("events.form.hints.timeZone")}
          options={choices.timeZones.map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") }))}
        />
        <CheckboxField field={fields.allDay} label={f("allDay")} hint={t("events.form.hints.allDay")} />
        <div className="field-pair">
          <InputField field={fields.startDate} label={f("startDate")} type="date" />
          <InputField field={fields.startTime} label={f("startTime")} type="time" />
        </div>
        <div className="field-pair">
          <InputField field={fields.endDate} label={f("endDate")} type="date" />
          <InputField field={fields.endTime} label={f("endTime")} type="time" />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("events.form.sections.where")}</legend>
        <ChoiceField
          field={fields.mode}
          label={f("mode")}
          options={eventModes.map((mode) => ({ value: mode, label: t(`events.modes.${mode}`) }))}
        />
        <InputField field={fields.venueName} label={f("venueName")} />
        <InputField field={fields.address} label={f("address")} autoComplete="off" />
        <div className="field-pair">
          <InputField field={fields.city} label={f("city")} />
          <InputField field={fields.country} label={f("country")} hint={t("events.form.hints.country")} />
        </div>
        <InputField field={fields.onlineUrl} label={f("onlineUrl")} type="url" inputMode="url" />
        <CheckboxField field={fields.onlineUrlPublic} label={f("onlineUrlPublic")} hint={t("events.form.hints.onlineUrlPublic")} />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("events.form.sections.people")}</legend>
        <InputField
          field={fields.capacity}
          label={f("capacity")}
          type="number"
          inputMode="numeric"
          hint={t("events.form.hints.capacity")}
        />
        <div className="field-pair">
          <InputField field={fields.registrationOpens} label={f("registrationOpens")} type="datetime-local" />
          <InputField field={fields.registrationCloses} label={f("registrationCloses")} type="datetime-local" />
        </div>
        <InputField field={fields.languages} label={f("languages")} hint={t("events.form.hints.languages")} />
        <InputField field={fields.interpretation} label={f("interpretation")} hint={t("events.form.hints.interpretation")} />
        <CheckboxGroup
          field={fields.accessibility}
          legend={f("accessibility")}
          options={accessibilityFeatures.map((feature) => ({ value: feature, label: t(`events.accessibility.${feature}`) }))}
        />
        <TextareaField field={fields.accessibilityNotes} label={f("accessibilityNotes")} rows={3} />
        <InputField field={fields.anonymityPolicy} label={f("anonymityPolicy")} hint={t("events.form.hints.anonymityPolicy")} />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("events.form.sections.organisation")}</legend>
        {partner ? null : (
          <ChoiceField
            field={fields.hostPartnerId}
            label={f("host")}
            options={[{ value: "", label: t("events.form.noHost") }, ...choices.partners.map((p) => ({ value: p.id, label: p.name }))]}
          />
        )}
        {choices.partners.length > 0 ? (
          <CheckboxGroup
            field={fields.cohostIds}
            legend={f("cohosts")}
            options={choices.partners.map((p) => ({ value: p.id, label: p.name }))}
          />
        ) : null}
        <ChoiceField
          field={fields.campaignId}
          label={f("campaign")}
          hint={partner ? t("events.form.hints.partnerCampaign") : undefined}
          options={[
            { value: "", label: partner ? t("events.form.chooseCampaign") : t("events.form.noCampaign") },
            ...choices.campaigns.map((c) => ({ value: c.id, label: c.title })),
          ]}
        />
        <ChoiceField
          field={fields.visibility}
          label={f("visibility")}
          options={eventVisibilities.map((visibility) => ({ value: visibility, label: t(`events.visibility.${visibility}`) }))}
        />
      </fieldset>

      {partner ? <p className="field-hint">{t("events.form.partnerNote")}</p> : null}
      <div className="actions">
        {intents.map((intent) => (
          <button
            key={intent.value}
            type="submit"
            name="intent"
            value={intent.value}
            className={intent.secondary ? "button-secondary" : undefined}
            disabled={navigation.state === "submitting"}
          >
            {intent.label}
          </button>
        ))}
      </div>
    </Form>
  );
}
