import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { TextField } from "~/components/form";
import { resolveLocale } from "~/i18n/negotiate.server";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { ForgotPasswordSchema } from "~/modules/auth/auth.schema";
import { requestPasswordReset } from "~/modules/auth/password-reset.server";
import { database } from "~/utils/db.server";
import { readFormData } from "~/utils/forms.server";
import { withEvenTiming } from "~/utils/even-timing.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.forgotPassword")];

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const db = await database();
  const locale = await resolveLocale(request);
  // The same answer, after the same time, whether or not the address has an account or is over a limit.
  await withEvenTiming(() => requestPasswordReset(db, { email: submission.value.email, locale, clientAddress: context.clientAddress }));
  return { result: submission.reply({ resetForm: true }), sent: true };
}

export default function ForgotPassword() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  return (
    <section className="page narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("auth.forgot.title")}</h1>
      {actionData?.sent ? (
        <p className="notice" role="status">
          {t("auth.forgot.sent")}
        </p>
      ) : (
        <p>{t("auth.forgot.intro")}</p>
      )}
      <Form method="post" {...getFormProps(form)} className="stack">
        <TextField field={fields.email} label={t("auth.fields.email")} type="email" autoComplete="email" />
        <div className="actions">
          <button type="submit">{t("auth.forgot.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

// Refusals (a form too large, control characters) in the reader's language.
export const ErrorBoundary = RouteErrorPage;
