import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice, TextAreaField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { resolveLocale } from "~/i18n/negotiate.server";
import { useT } from "~/i18n/react";
import { getTranslator } from "~/i18n/registry";
import type { MessageKey } from "~/i18n/translate";
import { requireMembership } from "~/modules/auth/access.server";
import { AllowedHostsSchema } from "~/modules/imports/imports.schema";
import { presentSource } from "~/modules/imports/sources-page.server";
import { getAllowedHosts, listSources, setAllowedHosts } from "~/modules/imports/sources.server";
import { readFormData } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Daymark` : "Daymark" }];

/** Organisers: every imported partner calendar and its status; the owner also keeps the allowed hosts. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user, role } = await requireMembership(request, params.network, "organiser");
  const locale = await resolveLocale(request, user.locale);
  const sources = await listSources(db, network.id);
  return {
    title: getTranslator(locale)("imports.meta.overviewTitle"),
    networkSlug: network.slug,
    sources: sources.map((source) => ({ ...presentSource(source, locale, network.time_zone), partnerId: source.partnerId })),
    allowedHosts: role === "owner" ? await getAllowedHosts(db, network.id) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "owner");
  const submission = parseWithZod(await readFormData(request), { schema: AllowedHostsSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  await setAllowedHosts(db, { networkId: network.id, hosts: submission.value.hosts, actorUserId: user.id });
  return { result: submission.reply(), saved: true };
}

export default function ImportedCalendars() {
  const t = useT();
  const { networkSlug, sources, allowedHosts } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="imports-title">
      <h1 id="imports-title">{t("imports.overview.title")}</h1>
      <p className="lead">{t("imports.overview.intro")}</p>
      {sources.length === 0 ? (
        <p>{t("imports.list.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="imports-title">
            <thead>
              <tr>
                <th scope="col">{t("imports.overview.partner")}</th>
                <th scope="col">{t("imports.list.address")}</th>
                <th scope="col">{t("imports.list.status")}</th>
              </tr>
            </thead>
            <tbody>
              {sources.map((source) => (
                <tr key={source.id}>
                  <th scope="row">
                    <Link to={`/n/${networkSlug}/partners/${source.partnerId}/calendars`}>{source.partnerName}</Link>
                  </th>
                  <td className="calendar-address">{source.calendar}</td>
                  <td>
                    {source.lastSuccess ? t("imports.list.lastRead", { when: source.lastSuccess }) : t("imports.list.neverRead")}{" "}
                    {source.error ? t("imports.list.lastError", { reason: t(source.error.key as MessageKey, source.error.values) }) : null}{" "}
                    {t("imports.list.events", { count: source.eventCount })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {allowedHosts ? <AllowedHosts hosts={allowedHosts} /> : null}
    </section>
  );
}

function AllowedHosts({ hosts }: { hosts: string[] }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "allowed-hosts",
    lastResult: actionData?.result,
    defaultValue: { hosts: hosts.join("\n") },
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AllowedHostsSchema }),
  });
  return (
    <section aria-labelledby="allowed-hosts-title" className="card">
      <h2 id="allowed-hosts-title">{t("imports.overview.hostsTitle")}</h2>
      <p>{t("imports.overview.hostsIntro")}</p>
      {actionData?.saved ? <Notice>{t("imports.overview.hostsSaved")}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <TextAreaField field={fields.hosts} label={t("imports.overview.hosts")} hint={t("imports.overview.hostsHint")} rows={3} />
        <div className="actions">
          <button type="submit">{t("imports.overview.hostsSave")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
