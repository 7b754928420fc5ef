import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { CampaignNav } from "~/components/campaigns/CampaignNav";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { TranslationStatusTable } from "~/components/TranslationStatusTable";
import { useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/negotiate.server";
import { requireMembership } from "~/modules/auth/access.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { EditCampaignSchema, campaignStatuses, formatMaterials } from "~/modules/campaigns/campaigns.schema";
import { updateCampaign } from "~/modules/campaigns/campaigns.server";
import { languageName } from "~/modules/events/present.server";
import { presentTranslationStatus } from "~/modules/translations/present.server";
import { campaignTranslationStatus } from "~/modules/translations/campaign-translations.server";
import { readFormData } from "~/utils/forms.server";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction = (args) => [pageTitle(args, "titles.editCampaign")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, params.network, "organiser");
  const locale = await resolveLocale(request, membership.user.locale);
  const { campaign } = await requireCampaign(membership.db, membership, params.slug, locale);
  return {
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      goals: campaign.goals,
      keyMessages: campaign.key_messages,
      materials: formatMaterials(campaign.materials),
      status: campaign.status,
    },
    translations: {
      rows: presentTranslationStatus(await campaignTranslationStatus(membership.db, campaign), locale),
      originalName: languageName(campaign.content_language, locale),
      editBase: `/n/${membership.network.slug}/campaigns/${campaign.slug}/translations`,
      languagesUrl: membership.role === "owner" ? `/n/${membership.network.slug}/languages` : null,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, params.network, "organiser");
  const { campaign } = await requireCampaign(membership.db, membership, params.slug, "en");
  const submission = parseWithZod(await readFormData(request), { schema: EditCampaignSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await updateCampaign(membership.db, membership.network.id, campaign.id, submission.value);
  throw redirect(`/n/${membership.network.slug}/campaigns/${campaign.slug}`);
}

export default function EditCampaign() {
  const t = useT();
  const { campaign, translations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "edit-campaign",
    lastResult: actionData?.result,
    defaultValue: campaign,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditCampaignSchema }),
  });
  return (
    <section className="page" aria-labelledby="edit-title">
      <h1 id="edit-title">{t("campaigns.edit.title", { campaign: campaign.title })}</h1>
      <CampaignNav base={`/n/${useParams().network}/campaigns/${campaign.slug}`} organiser />
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("campaigns.fields.title")} />
        <TextAreaField field={fields.goals} label={t("campaigns.fields.goals")} hint={t("campaigns.fields.markdownHint")} />
        <TextAreaField field={fields.keyMessages} label={t("campaigns.fields.keyMessages")} hint={t("campaigns.fields.markdownHint")} />
        <TextAreaField field={fields.materials} label={t("campaigns.fields.materials")} hint={t("campaigns.fields.materialsHint")} />
        <SelectField
          field={fields.status}
          label={t("campaigns.fields.status")}
          options={campaignStatuses.map((status) => ({ value: status, label: t(`campaigns.status.${status}`) }))}
        />
        <div className="actions">
          <button type="submit">{t("campaigns.edit.submit")}</button>
        </div>
      </Form>
      <TranslationStatusTable {...translations} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
