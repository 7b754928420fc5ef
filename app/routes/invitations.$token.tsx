import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { TextField } from "~/components/form";
import { resolveLocale } from "~/i18n/negotiate.server";
import { useT } from "~/i18n/react";
import { getCurrentUser } from "~/modules/auth/access.server";
import { findUserByEmail } from "~/modules/auth/accounts.server";
import { AcceptInvitationSchema } from "~/modules/auth/auth.schema";
import { createSession } from "~/modules/auth/sessions.server";
import { acceptInvitation, findOpenInvitation } from "~/modules/networks/invitations.server";
import { database } from "~/utils/db.server";
import { readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";
import { looksLikeToken } from "~/utils/tokens.server";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.invitation")];

async function loadInvitation(request: Request, token: string | undefined) {
  const db = await database();
  const invitation = looksLikeToken(token) ? await findOpenInvitation(db, token) : undefined;
  if (!invitation) httpError(410, "errors.invitationInvalid");
  const user = await getCurrentUser(request);
  const mode: "join" | "create" | "sign-in" =
    user?.email === invitation.email ? "join" : (await findUserByEmail(db, invitation.email)) ? "sign-in" : "create";
  return { db, invitation, user, mode };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { invitation, mode } = await loadInvitation(request, params.token);
  return { networkName: invitation.networkName, role: invitation.role, email: invitation.email, mode };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, user, mode } = await loadInvitation(request, params.token);
  const token = params.token!;
  if (mode === "join" && user) {
    const outcome = await acceptInvitation(db, { token, account: { existing: user } });
    if (!outcome.ok) httpError(410, "errors.invitationInvalid");
    throw redirect(`/n/${outcome.networkSlug}/dashboard`);
  }
  if (mode !== "create") httpError(409, "errors.invitationNeedsSignIn");
  const submission = parseWithZod(await readFormData(request), { schema: AcceptInvitationSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password", "confirmPassword"] }), { status: 400 });
  }
  const outcome = await acceptInvitation(db, {
    token,
    account: { name: submission.value.name, password: submission.value.password, locale: await resolveLocale(request) },
  });
  if (!outcome.ok) httpError(410, "errors.invitationInvalid");
  throw redirect(`/n/${outcome.networkSlug}/dashboard`, {
    headers: { "Set-Cookie": await createSession(db, outcome.userId) },
  });
}

export default function AcceptInvitation() {
  const t = useT();
  const invitation = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useForm({
    id: "accept-invitation",
    lastResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AcceptInvitationSchema }),
  });
  return (
    <section className="page narrow" aria-labelledby="invitation-title">
      <h1 id="invitation-title">{t("invitation.title", { network: invitation.networkName })}</h1>
      <p>{t("invitation.intro", { role: t(`roles.${invitation.role}`), email: invitation.email })}</p>
      {invitation.mode === "join" ? (
        <Form method="post">
          <button type="submit">{t("invitation.join")}</button>
        </Form>
      ) : invitation.mode === "sign-in" ? (
        <p>
          <Link to={`/signin?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("invitation.signInFirst")}</Link>
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="stack">
          <TextField field={fields.name} label={t("invitation.name")} hint={t("invitation.nameHint")} autoComplete="nickname" />
          <TextField
            field={fields.password}
            label={t("auth.fields.newPassword")}
            hint={t("auth.fields.passwordHint")}
            type="password"
            autoComplete="new-password"
          />
          <TextField field={fields.confirmPassword} label={t("auth.fields.confirmPassword")} type="password" autoComplete="new-password" />
          <div className="actions">
            <button type="submit">{t("invitation.create")}</button>
          </div>
        </Form>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
