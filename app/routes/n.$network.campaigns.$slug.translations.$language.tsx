import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, TextAreaField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { TranslationEditor } from "~/components/TranslationEditor";
import { pageTitle } from "~/i18n/meta";
import { resolveLocale } from "~/i18n/negotiate.server";
import { useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { languageName } from "~/modules/events/present.server";
import { CampaignTranslationSchema } from "~/modules/translations/translations.schema";
import {
  campaignTranslationStatus,
  getCampaignTranslation,
  saveCampaignTranslation,
} from "~/modules/translations/campaign-translations.server";
import { readFormData } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction = (args) => [pageTitle(args, "translations.status.title")];

/** The campaign and one of the languages it may be translated into, for an organiser. */
async function translatableCampaign(request: Request, params: LoaderFunctionArgs["params"]) {
  const membership = await requireMembership(request, params.network, "organiser");
  const locale = await resolveLocale(request, membership.user.locale);
  const { campaign } = await requireCampaign(membership.db, membership, params.slug, locale);
  const status = (await campaignTranslationStatus(membership.db, campaign)).find((entry) => entry.language === params.language);
  if (!status) notFound("translations.editor.unknownLanguage");
  return { ...membership, locale, campaign, status };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, campaign, status, locale } = await translatableCampaign(request, params);
  const translation = await getCampaignTranslation(db, campaign.id, status.language);
  return {
    editUrl: `/n/${network.slug}/campaigns/${campaign.slug}/edit#translations`,
    language: status.language,
    languageName: languageName(status.language, locale),
    state: status.state,
    original: {
      language: campaign.content_language,
      name: languageName(campaign.content_language, locale),
      title: campaign.title,
      goals: campaign.goals,
      keyMessages: campaign.key_messages,
      materialLabels: campaign.materials.map((material) => material.label),
    },
    defaultValue: translation
      ? { ...translation, materialLabels: translation.materialLabels.join("\n") }
      : { title: "", goals: "", keyMessages: "", materialLabels: "" },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, campaign, status, user } = await translatableCampaign(request, params);
  const submission = parseWithZod(await readFormData(request), { schema: CampaignTranslationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const texts = { ...submission.value, materialLabels: submission.value.materialLabels.slice(0, campaign.materials.length) };
  await saveCampaignTranslation(db, { campaign, language: status.language, texts, actorUserId: user.id });
  return { result: submission.reply(), saved: true };
}

export default function CampaignTranslation() {
  const t = useT();
  const { editUrl, language, languageName: name, state, original, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: `campaign-translation-${language}`,
    lastResult: actionData?.result,
    defaultValue,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CampaignTranslationSchema }),
  });
  return (
    <TranslationEditor
      editUrl={editUrl}
      languageName={name}
      title={original.title}
      state={state}
      saved={Boolean(actionData?.saved)}
      original={{
        name: original.name,
        language: original.language,
        texts: [
          { label: t("campaigns.fields.title"), text: original.title },
          { label: t("campaigns.fields.goals"), text: original.goals, multiline: true },
          { label: t("campaigns.fields.keyMessages"), text: original.keyMessages, multiline: true },
          { label: t("translations.editor.materialLabels"), text: original.materialLabels.join("\n"), multiline: true },
        ],
      }}
    >
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} lang={language} label={t("campaigns.fields.title")} />
        <TextAreaField field={fields.goals} lang={language} label={t("campaigns.fields.goals")} hint={t("campaigns.fields.markdownHint")} />
        <TextAreaField
          field={fields.keyMessages}
          lang={language}
          label={t("campaigns.fields.keyMessages")}
          hint={t("campaigns.fields.markdownHint")}
        />
        <TextAreaField
          field={fields.materialLabels}
          lang={language}
          label={t("translations.editor.materialLabels")}
          hint={t("translations.editor.materialLabelsHint")}
        />
        <div className="actions">
          <button type="submit">{t("translations.editor.save")}</button>
        </div>
      </Form>
    </TranslationEditor>
  );
}

export const ErrorBoundary = RouteErrorPage;
