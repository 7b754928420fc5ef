import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormErrors, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { getCurrentUser } from "~/modules/auth/access.server";
import { SignInSchema } from "~/modules/auth/auth.schema";
import { createSession } from "~/modules/auth/sessions.server";
import { signInWithPassword } from "~/modules/auth/sign-in.server";
import { listUserNetworks } from "~/modules/networks/networks.server";
import { database } from "~/utils/db.server";
import { readFormData } from "~/utils/forms.server";
import { safeRedirectPath } from "~/utils/safe-redirect.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.signIn")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getCurrentUser(request);
  if (user) throw redirect(safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"), "/"));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readFormData(request), { schema: SignInSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryMinutes: 0 }, { status: 400 });
  }
  const db = await database();
  const outcome = await signInWithPassword(db, {
    email: submission.value.email,
    password: submission.value.password,
    clientAddress: context.clientAddress,
  });
  if (!outcome.ok) {
    const limited = outcome.reason === "rate-limited";
    return data(
      {
        result: submission.reply({
          formErrors: [limited ? "auth.signIn.rateLimited" : "auth.signIn.invalid"],
          hideFields: ["password"],
        }),
        retryMinutes: limited ? Math.ceil(outcome.retryAfterSeconds / 60) : 0,
      },
      { status: limited ? 429 : 400, headers: limited ? { "Retry-After": String(outcome.retryAfterSeconds) } : {} },
    );
  }
  const networks = await listUserNetworks(db, outcome.user.id);
  const home = networks[0] ? `/n/${networks[0].slug}/dashboard` : "/";
  throw redirect(safeRedirectPath(submission.value.redirectTo, home), {
    headers: { "Set-Cookie": await createSession(db, outcome.user.id) },
  });
}

export default function SignIn() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "sign-in",
    lastResult: actionData?.result,
    constraint: { email: { required: true }, password: { required: true } },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignInSchema }),
  });
  const formErrors = form.errors?.map((key) =>
    key === "auth.signIn.rateLimited" ? t(key, { count: actionData?.retryMinutes ?? 15 }) : key,
  );
  return (
    <section className="page narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t("auth.signIn.title")}</h1>
      {searchParams.get("reset") === "done" ? (
        <p className="notice" role="status">
          {t("auth.reset.done")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={formErrors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <TextField field={fields.email} label={t("auth.fields.email")} type="email" autoComplete="email" />
        <TextField field={fields.password} label={t("auth.fields.password")} type="password" autoComplete="current-password" />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("auth.signIn.submit")}
          </button>
          <Link to="/forgot-password">{t("auth.signIn.forgot")}</Link>
        </div>
      </Form>
    </section>
  );
}

// Refusals (a form too large, control characters) in the reader's language.
export const ErrorBoundary = RouteErrorPage;
