import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, Notice, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { getNetworkBySlug } from "~/modules/networks/networks.server";
import { PortalSignInSchema } from "~/modules/partners/partners.schema";
import { requestPortalSignIn, SIGN_IN_LINK_MINUTES } from "~/modules/partners/portal.server";
import { database } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { withEvenTiming } from "~/utils/even-timing.server";
import { readFormData } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.partnerSignIn")];

async function loadNetwork(slug: string | undefined) {
  const db = await database();
  const network = slug ? await getNetworkBySlug(db, slug) : undefined;
  if (!network) notFound("errors.networkNotFound");
  return { db, network };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { network } = await loadNetwork(params.network);
  return { networkName: network.name, validMinutes: SIGN_IN_LINK_MINUTES };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { db, network } = await loadNetwork(params.network);
  const submission = parseWithZod(await readFormData(request), { schema: PortalSignInSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null, retryMinutes: 0 }, { status: 400 });
  // After the same time whether or not the address is a contact's.
  const outcome = await withEvenTiming(() =>
    requestPortalSignIn(db, { network, email: submission.value.email, clientAddress: context.clientAddress, appUrl: getEnv().appUrl }),
  );
  if (!outcome.ok) {
    return data(
      {
        result: submission.reply({ formErrors: ["portal.signIn.rateLimited"] }),
        sentTo: null,
        retryMinutes: Math.ceil(outcome.retryAfterSeconds / 60),
      },
      { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
    );
  }
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email, retryMinutes: 0 };
}

export default function PortalSignIn() {
  const t = useT();
  const { networkName, validMinutes } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "portal-sign-in",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PortalSignInSchema }),
  });
  const formErrors = form.errors?.map((key) =>
    key === "portal.signIn.rateLimited" ? t(key, { minutes: actionData?.retryMinutes ?? 60 }) : key,
  );
  return (
    <section className="page narrow" aria-labelledby="portal-sign-in-title">
      <h1 id="portal-sign-in-title">{t("portal.signIn.title")}</h1>
      <p>{t("portal.signIn.intro")}</p>
      {actionData?.sentTo ? (
        <Notice>{t("portal.signIn.sent", { email: actionData.sentTo, network: networkName, minutes: validMinutes })}</Notice>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={formErrors} />
        <TextField field={fields.email} label={t("portal.signIn.email")} type="email" autoComplete="email" />
        <div className="actions">
          <button type="submit" disabled={navigation.state === "submitting"}>
            {t("portal.signIn.submit")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
