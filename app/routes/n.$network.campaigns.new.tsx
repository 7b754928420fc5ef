import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/form";
import { InputField } from "~/components/campaigns/fields";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/negotiate.server";
import { requireMembership } from "~/modules/auth/access.server";
import { NewCampaignSchema } from "~/modules/campaigns/campaigns.schema";
import { CampaignRuleError, createCampaign } from "~/modules/campaigns/campaigns.server";
import { listTemplates } from "~/modules/campaigns/rollover.server";
import { getDay, occurrenceFor } from "~/modules/days/days.server";
import { formatDayRange } from "~/modules/days/format";
import { isUuid, readFormData } from "~/utils/forms.server";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction = (args) => [pageTitle(args, "titles.newCampaign")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const locale = await resolveLocale(request, user.locale);
  const url = new URL(request.url);
  const dayId = url.searchParams.get("day") ?? undefined;
  const year = Number(url.searchParams.get("year"));
  const templates = await listTemplates(db, network.id);
  let occurrence = null;
  if (dayId && isUuid(dayId) && Number.isInteger(year) && year >= 2000 && year <= 2100) {
    const day = await getDay(db, network.id, dayId, locale);
    const dates = day ? await occurrenceFor(db, network.id, day, year) : null;
    if (day && dates) occurrence = { dayId: day.id, name: day.name, year, startsOn: dates.startsOn, endsOn: dates.endsOn };
  }
  const templateId = url.searchParams.get("template");
  const selectedTemplate = templates.some((tpl) => tpl.id === templateId) ? templateId : "";
  return {
    occurrence,
    selectedTemplate,
    templates: templates.map((t) => ({ id: t.id, name: t.name, dayId: t.global_day_id, actionCount: t.actionCount })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const submission = parseWithZod(await readFormData(request), { schema: NewCampaignSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  try {
    const campaign = await db.transaction().execute((trx) =>
      createCampaign(trx, {
        networkId: network.id,
        userId: user.id,
        locale: user.locale ?? network.default_locale,
        content: {
          title: value.title,
          goals: value.goals,
          keyMessages: value.keyMessages,
          materials: value.materials,
          status: value.status,
        },
        dates: value.dayId
          ? { kind: "day", dayId: value.dayId, year: value.year! }
          : { kind: "own", startsOn: value.startsOn!, endsOn: value.endsOn },
        templateId: value.templateId,
      }),
    );
    throw redirect(`/n/${network.slug}/campaigns/${campaign.slug}/plan`);
  } catch (error) {
    if (error instanceof CampaignRuleError) {
      return data({ result: submission.reply({ formErrors: [error.messageKey] }) }, { status: 409 });
    }
    throw error;
  }
}

export default function NewCampaign() {
  const t = useT();
  const locale = useLocale();
  const { occurrence, templates, selectedTemplate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const suitable = templates.filter((tpl) => !occurrence || tpl.dayId === null || tpl.dayId === occurrence.dayId);
  const [form, fields] = useForm({
    id: "new-campaign",
    lastResult: actionData?.result,
    defaultValue: {
      title: occurrence ? `${occurrence.name} ${occurrence.year}` : "",
      status: "draft",
      templateId: selectedTemplate,
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewCampaignSchema }),
  });
  return (
    <section className="page" aria-labelledby="new-campaign-heading">
      <h1 id="new-campaign-heading">{t("campaigns.new.title")}</h1>
      {occurrence ? (
        <p className="lead">
          {t("campaigns.new.forDay", {
            day: `${occurrence.name} ${occurrence.year}`,
            date: formatDayRange(occurrence.startsOn, occurrence.endsOn, locale),
          })}
        </p>
      ) : (
        <p className="lead">{t("campaigns.new.ownDates")}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        {occurrence ? (
          <>
            <input type="hidden" name="dayId" value={occurrence.dayId} />
            <input type="hidden" name="year" value={occurrence.year} />
          </>
        ) : (
          <>
            <InputField type="date" field={fields.startsOn} label={t("campaigns.fields.startsOn")} />
            <InputField type="date" field={fields.endsOn} label={t("campaigns.fields.endsOn")} hint={t("campaigns.fields.endsOnHint")} />
          </>
        )}
        <TextField field={fields.title} label={t("campaigns.fields.title")} />
        {suitable.length > 0 ? (
          <SelectField
            field={fields.templateId}
            label={t("campaigns.fields.template")}
            options={[
              { value: "", label: t("campaigns.fields.noTemplate") },
              ...suitable.map((tpl) => ({
                value: tpl.id,
                label: t("campaigns.fields.templateOption", { name: tpl.name, count: tpl.actionCount }),
              })),
            ]}
          />
        ) : null}
        <TextAreaField field={fields.goals} label={t("campaigns.fields.goals")} hint={t("campaigns.fields.markdownHint")} />
        <TextAreaField field={fields.keyMessages} label={t("campaigns.fields.keyMessages")} hint={t("campaigns.fields.markdownHint")} />
        <TextAreaField field={fields.materials} label={t("campaigns.fields.materials")} hint={t("campaigns.fields.materialsHint")} />
        <SelectField
          field={fields.status}
          label={t("campaigns.fields.status")}
          options={(["draft", "published"] as const).map((status) => ({ value: status, label: t(`campaigns.status.${status}`) }))}
        />
        <div className="actions">
          <button type="submit">{t("campaigns.new.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
