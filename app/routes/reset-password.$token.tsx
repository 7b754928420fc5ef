import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { TextField } from "~/components/form";
import { useT } from "~/i18n/react";
import { ResetPasswordSchema } from "~/modules/auth/auth.schema";
import { findResetAccount, resetPassword } from "~/modules/auth/password-reset.server";
import { database } from "~/utils/db.server";
import { readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";
import { looksLikeToken } from "~/utils/tokens.server";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.newPassword")];

async function requireValidLink(token: string | undefined) {
  const account = looksLikeToken(token) ? await findResetAccount(await database(), token) : undefined;
  if (!account) httpError(410, "errors.resetLinkInvalid");
  return account;
}

export async function loader({ params }: LoaderFunctionArgs) {
  const account = await requireValidLink(params.token);
  return { email: account.email };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token;
  await requireValidLink(token);
  const submission = parseWithZod(await readFormData(request), { schema: ResetPasswordSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  const outcome = await resetPassword(await database(), { token: token!, password: submission.value.password });
  if (!outcome.ok) httpError(410, "errors.resetLinkInvalid");
  throw redirect("/signin?reset=done");
}

export default function ResetPassword() {
  const t = useT();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "reset-password",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  });
  return (
    <section className="page narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("auth.reset.title")}</h1>
      <Form method="post" {...getFormProps(form)} className="stack">
        <TextField
          field={fields.password}
          label={t("auth.fields.newPassword")}
          hint={t("auth.fields.passwordHint")}
          type="password"
          autoComplete="new-password"
        />
        <TextField field={fields.confirmPassword} label={t("auth.fields.confirmPassword")} type="password" autoComplete="new-password" />
        <div className="actions">
          <button type="submit">{t("auth.reset.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
