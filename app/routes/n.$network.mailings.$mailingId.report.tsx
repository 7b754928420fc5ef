import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { Notice } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { getMailing } from "~/modules/mailings/mailings.server";
import { recipientStatuses, type RecipientStatus } from "~/modules/mailings/mailings.schema";
import { mailingReport, retryFailedRecipients } from "~/modules/mailings/report.server";
import { formatDateTime } from "~/utils/dates";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.mailingReport")];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireMembership(request, params.network, "organiser");
  const mailing = isUuid(params.mailingId) ? await getMailing(access.db, access.network.id, params.mailingId) : undefined;
  if (!mailing) notFound();
  return { ...access, mailing };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, mailing } = await load(request, params);
  const report = await mailingReport(db, mailing.id);
  return {
    timeZone: network.time_zone,
    mailing: {
      title: mailing.title,
      status: mailing.status,
      startedAt: mailing.started_at?.toISOString() ?? null,
      finishedAt: mailing.finished_at?.toISOString() ?? null,
    },
    report,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user, mailing } = await load(request, params);
  const formData = await readFormData(request);
  if (formData.get("intent") !== "retry") httpError(400, "errors.badRequest");
  const retried = await retryFailedRecipients(db, network.id, mailing.id, user.id);
  return data({ retried });
}

const barColours: Record<RecipientStatus, string> = {
  queued: "#64748b",
  sent: "#15803d",
  failed: "#b91c1c",
  unsubscribed: "#a16207",
};

/** A bar per status, read as one sentence by screen readers; the table below gives the same numbers. */
function StatusChart({ counts, total }: { counts: Record<RecipientStatus, number>; total: number }) {
  const t = useT();
  const width = 320;
  const rowHeight = 28;
  return (
    <svg
      role="img"
      aria-label={t("mailings.report.chartLabel", { ...counts, total })}
      viewBox={`0 0 ${width + 160} ${rowHeight * recipientStatuses.length}`}
      className="status-chart"
    >
      {recipientStatuses.map((status, index) => {
        const barWidth = total === 0 ? 0 : Math.max(counts[status] > 0 ? 2 : 0, (counts[status] / total) * width);
        return (
          <g key={status} transform={`translate(0 ${index * rowHeight})`}>
            <text x="0" y="18" fontSize="14" fill="currentColor">
              {t(`mailings.report.statuses.${status}`)}
            </text>
            <rect x="120" y="5" width={barWidth} height="18" fill={barColours[status]} />
            <text x={126 + barWidth} y="18" fontSize="14" fill="currentColor">
              {counts[status]}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export default function MailingReport() {
  const t = useT();
  const locale = useLocale();
  const base = `/n/${useParams().network}/mailings`;
  const { mailing, report, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page" aria-labelledby="report-title">
      <p>
        <Link to={base}>{t("mailings.editor.back")}</Link>
      </p>
      <h1 id="report-title">
        {t("mailings.report.title")}: {mailing.title}
      </h1>
      <p>
        {t(`mailings.status.${mailing.status}`)}.{" "}
        {mailing.startedAt ? t("mailings.report.startedAt", { date: formatDateTime(mailing.startedAt, locale, timeZone) }) : null}{" "}
        {mailing.finishedAt ? t("mailings.report.finishedAt", { date: formatDateTime(mailing.finishedAt, locale, timeZone) }) : null}
      </p>
      {actionData ? <Notice>{t("mailings.report.retried", { count: actionData.retried })}</Notice> : null}

      <h2 id="counts-title">{t("mailings.report.counts")}</h2>
      <StatusChart counts={report.counts} total={report.total} />
      <div className="table-wrap narrow">
        <table aria-labelledby="counts-title">
          <thead>
            <tr>
              <th scope="col">{t("mailings.report.status")}</th>
              <th scope="col">{t("mailings.report.number")}</th>
            </tr>
          </thead>
          <tbody>
            {recipientStatuses.map((status) => (
              <tr key={status}>
                <th scope="row">{t(`mailings.report.statuses.${status}`)}</th>
                <td>{report.counts[status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="failed-title">{t("mailings.report.failedTitle")}</h2>
      {report.failed.length === 0 ? (
        <p>{t("mailings.report.noFailures")}</p>
      ) : (
        <>
          <div className="table-wrap">
            <table aria-labelledby="failed-title">
              <thead>
                <tr>
                  <th scope="col">{t("mailings.report.recipient")}</th>
                  <th scope="col">{t("mailings.report.organisation")}</th>
                  <th scope="col">{t("mailings.report.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {report.failed.map((recipient) => (
                  <tr key={recipient.id}>
                    <th scope="row">
                      {recipient.contact_name} &lt;{recipient.email}&gt;
                    </th>
                    <td>{recipient.partner_name}</td>
                    <td>{recipient.last_error}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post" className="actions">
            <button type="submit" name="intent" value="retry">
              {t("mailings.report.retry")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
