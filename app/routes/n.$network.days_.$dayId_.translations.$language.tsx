import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, TextAreaField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { pageTitle } from "~/i18n/meta";
import { resolveLocale } from "~/i18n/negotiate.server";
import { useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { getDay } from "~/modules/days/days.server";
import { languageName } from "~/modules/events/present.server";
import { dayTranslationStatus, saveDayTranslation } from "~/modules/translations/days.server";
import { DayTranslationSchema } from "~/modules/translations/translations.schema";
import { isUuid, readFormData } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";

export const meta: MetaFunction = (args) => [pageTitle(args, "translations.status.title")];

/** A day the network sees and one of its content languages, for an organiser. */
async function translatableDay(request: Request, params: LoaderFunctionArgs["params"]) {
  const membership = await requireMembership(request, params.network, "organiser");
  const locale = await resolveLocale(request, membership.user.locale);
  const day = isUuid(params.dayId) ? await getDay(membership.db, membership.network.id, params.dayId, locale) : undefined;
  if (!day) notFound();
  const status = (await dayTranslationStatus(membership.db, membership.network.id, day.id)).find(
    (entry) => entry.language === params.language,
  );
  if (!status) notFound("translations.editor.unknownLanguage");
  return { ...membership, locale, day, status };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { network, day, status, locale } = await translatableDay(request, params);
  return {
    daysUrl: `/n/${network.slug}/days`,
    language: status.language,
    languageName: languageName(status.language, locale),
    original: { name: day.name, description: day.description },
    defaultValue: { name: status.name, description: status.description },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, day, status, user } = await translatableDay(request, params);
  const submission = parseWithZod(await readFormData(request), { schema: DayTranslationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  await saveDayTranslation(db, {
    networkId: network.id,
    dayId: day.id,
    language: status.language,
    ...submission.value,
    actorUserId: user.id,
  });
  return { result: submission.reply(), saved: true };
}

export default function DayTranslation() {
  const t = useT();
  const { daysUrl, language, languageName: name, original, defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "day-translation",
    lastResult: actionData?.result,
    defaultValue,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DayTranslationSchema }),
  });
  return (
    <section className="page narrow" aria-labelledby="translation-title">
      <p>
        <Link to={daysUrl}>{t("translations.editor.backToDays")}</Link>
      </p>
      <h1 id="translation-title">{t("translations.editor.title", { language: name })}</h1>
      <p className="lead">{t("translations.editor.lead", { title: original.name })}</p>
      {original.description ? <p className="field-hint">{original.description}</p> : null}
      {actionData?.saved ? (
        <p className="notice" role="status">
          {t("translations.editor.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.name} lang={language} label={t("days.add.name")} />
        <TextAreaField field={fields.description} lang={language} label={t("days.add.description")} rows={3} />
        <div className="actions">
          <button type="submit">{t("translations.editor.save")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
