import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { Notice, TextField } from "~/components/form";
import { CheckboxField } from "~/components/partners/fields";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { pageTitle } from "~/i18n/meta";
import { requireMembership } from "~/modules/auth/access.server";
import { BounceRulesSchema } from "~/modules/mail/bounces.schema";
import { getBounceRules, listSuppressedContacts, saveBounceRules } from "~/modules/mail/bounces.server";
import { PAUSE_COMPLAINT_RATE, PAUSE_HARD_BOUNCE_RATE, PAUSE_SAMPLE } from "~/modules/mailings/pause.server";
import { formatDateTime } from "~/utils/dates";
import { readFormData } from "~/utils/forms.server";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.mailingRules")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "organiser");
  const [rules, suppressed] = await Promise.all([getBounceRules(db, network.id), listSuppressedContacts(db, network.id)]);
  return {
    rules,
    timeZone: network.time_zone,
    pause: { sample: PAUSE_SAMPLE, hardPercent: PAUSE_HARD_BOUNCE_RATE * 100, complaintPercent: PAUSE_COMPLAINT_RATE * 100 },
    suppressed: suppressed.map((contact) => ({ ...contact, suppressed_at: contact.suppressed_at!.toISOString() })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const submission = parseWithZod(await readFormData(request), { schema: BounceRulesSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  await saveBounceRules(db, network.id, user.id, submission.value);
  return { result: submission.reply() };
}

export default function MailingRules() {
  const t = useT();
  const locale = useLocale();
  const networkSlug = useParams().network;
  const { rules, pause, suppressed, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "bounce-rules",
    lastResult: actionData?.result,
    defaultValue: {
      hardLimit: String(rules.hardLimit),
      softLimit: String(rules.softLimit),
      softDays: String(rules.softDays),
      complaintSuppresses: rules.complaintSuppresses ? "on" : undefined,
    },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BounceRulesSchema }),
  });
  return (
    <section className="page narrow" aria-labelledby="rules-title">
      <p>
        <Link to={`/n/${networkSlug}/mailings`}>{t("mailings.editor.back")}</Link>
      </p>
      <h1 id="rules-title">{t("mailings.rules.title")}</h1>
      <p>{t("mailings.rules.intro")}</p>
      <ul>
        <li>{t("mailings.rules.hardRule", { count: rules.hardLimit })}</li>
        <li>{t("mailings.rules.softRule", { count: rules.softLimit, days: rules.softDays })}</li>
        <li>{rules.complaintSuppresses ? t("mailings.rules.complaintRule") : t("mailings.rules.complaintOff")}</li>
        <li>{t("mailings.rules.pauseRule", pause)}</li>
      </ul>
      {actionData?.result.status === "success" ? <Notice>{t("mailings.rules.saved")}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <TextField field={fields.hardLimit} label={t("mailings.rules.hardLimit")} />
        <TextField field={fields.softLimit} label={t("mailings.rules.softLimit")} />
        <TextField field={fields.softDays} label={t("mailings.rules.softDays")} />
        <CheckboxField field={fields.complaintSuppresses} label={t("mailings.rules.complaintSuppresses")} />
        <div className="actions">
          <button type="submit">{t("mailings.rules.save")}</button>
        </div>
      </Form>

      <h2 id="suppressed-title">{t("mailings.rules.suppressedTitle")}</h2>
      {suppressed.length === 0 ? (
        <p>{t("mailings.rules.noneSuppressed")}</p>
      ) : (
        <ul aria-labelledby="suppressed-title">
          {suppressed.map((contact) => (
            <li key={contact.id}>
              <Link to={`/n/${networkSlug}/partners/${contact.partner_id}`}>
                {contact.name} &lt;{contact.email}&gt;, {contact.partnerName}
              </Link>
              {": "}
              {t(`partners.contacts.suppressed.${contact.suppressed_reason!}`, {
                date: formatDateTime(contact.suppressed_at, locale, timeZone),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
