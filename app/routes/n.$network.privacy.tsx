import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useParams } from "@remix-run/react";
import { ConfirmStep, isConfirmed } from "~/components/ConfirmStep";
import { TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import { requireMembership } from "~/modules/auth/access.server";
import { getNetworkPrivacy, updateNetworkPrivacy } from "~/modules/registrations/organiser.server";
import { countPersonalData, erasePersonalData } from "~/modules/registrations/privacy.server";
import { DataRequestSchema, NetworkPrivacySchema } from "~/modules/registrations/registrations.schema";
import { readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.privacy")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "organiser");
  const privacy = await getNetworkPrivacy(db, network.id);
  return { privacyNotice: privacy.privacy_notice, anonymiseAfterDays: privacy.anonymise_after_days };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "settings") {
    const submission = parseWithZod(formData, { schema: NetworkPrivacySchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), erased: null, confirmErase: null }, { status: 400 });
    await updateNetworkPrivacy(db, { networkId: network.id, ...submission.value, actorUserId: user.id });
    return { intent, result: submission.reply(), erased: null, confirmErase: null };
  }
  const submission = parseWithZod(formData, { schema: DataRequestSchema });
  if (submission.status !== "success") {
    if (intent !== "export" && intent !== "erase") httpError(400, "errors.badRequest");
    return data({ intent: "request", result: submission.reply(), erased: null, confirmErase: null }, { status: 400 });
  }
  if (submission.value.intent === "export") httpError(400, "errors.badRequest");
  const email = submission.value.email;
  if (!isConfirmed(formData)) {
    const found = await countPersonalData(db, { networkId: network.id, email });
    return { intent: "request", result: submission.reply(), erased: null, confirmErase: { email, ...found } };
  }
  const erased = await erasePersonalData(db, { networkId: network.id, actorUserId: user.id, email });
  return { intent: "request", result: submission.reply({ resetForm: true }), erased };
}

export default function Privacy() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const params = useParams();
  const confirmErase = actionData?.confirmErase;
  const [settingsForm, settingsFields] = useForm({
    id: "privacy-settings",
    lastResult: actionData?.intent === "settings" ? actionData.result : undefined,
    defaultValue: { privacyNotice: loaded.privacyNotice, anonymiseAfterDays: String(loaded.anonymiseAfterDays) },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NetworkPrivacySchema }),
  });
  const [requestForm, requestFields] = useForm({
    id: "data-request",
    lastResult: actionData?.intent === "request" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DataRequestSchema }),
  });
  return (
    <section className="page narrow" aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t("registrations.network.title")}</h1>
      {actionData?.intent === "settings" && actionData.result?.status === "success" ? (
        <p className="notice" role="status">
          {t("registrations.network.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(settingsForm)} className="stack">
        <input type="hidden" name="intent" value="settings" />
        <div className="field">
          <label htmlFor={settingsFields.privacyNotice.id}>{t("registrations.network.privacyNotice")}</label>
          <p id={`${settingsFields.privacyNotice.id}-hint`} className="field-hint">
            {t("registrations.network.privacyHint")}
          </p>
          <textarea
            {...getTextareaProps(settingsFields.privacyNotice, { ariaDescribedBy: `${settingsFields.privacyNotice.id}-hint` })}
            key={settingsFields.privacyNotice.key}
            rows={8}
          />
          <p id={settingsFields.privacyNotice.errorId} className="field-error" aria-live="polite">
            {settingsFields.privacyNotice.errors?.map((e) => t(e as MessageKey)).join(" ")}
          </p>
        </div>
        <TextField field={settingsFields.anonymiseAfterDays} label={t("registrations.network.days")} />
        <div className="actions">
          <button type="submit">{t("registrations.network.save")}</button>
        </div>
      </Form>

      <h2>{t("registrations.dataRequests.title")}</h2>
      <p>{t("registrations.dataRequests.intro")}</p>
      {actionData?.erased ? (
        <p className="notice" role="status">
          {t("registrations.dataRequests.erased", {
            registrations: t("registrations.dataRequests.erasedRegistrations", { count: actionData.erased.registrations }),
            messages: t("registrations.dataRequests.erasedMessages", { count: actionData.erased.messages }),
          })}
        </p>
      ) : null}
      {confirmErase ? (
        <ConfirmStep
          title={t("registrations.dataRequests.confirmTitle")}
          message={t("registrations.dataRequests.confirmErase", {
            email: confirmErase.email,
            registrations: t("registrations.dataRequests.registrationCount", { count: confirmErase.registrations }),
            messages: t("registrations.dataRequests.messageCount", { count: confirmErase.messages }),
          })}
          confirmLabel={t("registrations.dataRequests.confirmSubmit")}
          fields={{ intent: "erase", email: confirmErase.email }}
          cancelTo={location.pathname}
        />
      ) : null}
      {/* Reloading the document lets the export button's post reach the resource route and download. */}
      <Form method="post" reloadDocument {...getFormProps(requestForm)} className="stack">
        <TextField field={requestFields.email} label={t("registrations.dataRequests.email")} type="email" autoComplete="off" />
        <p className="field-hint">{t("registrations.dataRequests.eraseHint")}</p>
        <div className="actions">
          <button
            type="submit"
            name="intent"
            value="export"
            formAction={`/n/${params.network}/privacy/export.json`}
            className="button-secondary"
          >
            {t("registrations.dataRequests.export")}
          </button>
          <button type="submit" name="intent" value="erase">
            {t("registrations.dataRequests.erase")}
          </button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
