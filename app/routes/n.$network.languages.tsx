import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { ContentLanguagesSchema } from "~/modules/translations/translations.schema";
import { getContentLanguages, setContentLanguages } from "~/modules/translations/translations.server";
import { readFormData } from "~/utils/forms.server";

export const meta: MetaFunction = (args) => [pageTitle(args, "translations.languages.title")];

/** The owner chooses the languages the network's content is written in: any language, not only the interface's. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "owner");
  const languages = await getContentLanguages(db, network.id);
  return { defaultValue: { original: languages.original, others: languages.others.join(", ") } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "owner");
  const submission = parseWithZod(await readFormData(request), { schema: ContentLanguagesSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  await setContentLanguages(db, { networkId: network.id, actorUserId: user.id, languages: submission.value });
  return { result: submission.reply(), saved: true };
}

export default function ContentLanguages() {
  const t = useT();
  const { defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "content-languages",
    lastResult: actionData?.result,
    defaultValue,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContentLanguagesSchema }),
  });
  return (
    <section className="page" aria-labelledby="languages-title">
      <h1 id="languages-title">{t("translations.languages.title")}</h1>
      <p className="lead">{t("translations.languages.intro")}</p>
      {actionData?.saved ? (
        <p className="notice" role="status">
          {t("translations.languages.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.original} label={t("translations.languages.original")} hint={t("translations.languages.originalHint")} />
        <TextField field={fields.others} label={t("translations.languages.others")} hint={t("translations.languages.othersHint")} />
        <div className="actions">
          <button type="submit">{t("translations.languages.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
