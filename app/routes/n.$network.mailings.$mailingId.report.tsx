import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { getMailing } from "~/modules/mailings/mailings.server";
import { recipientFilterFrom, recipientStatuses, type RecipientStatus } from "~/modules/mailings/mailings.schema";
import { resumeMailing } from "~/modules/mailings/pause.server";
import { listRecipients, mailingReport, recipientHistory, retryFailedRecipients } from "~/modules/mailings/report.server";
import { formatDateTime } from "~/utils/dates";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.mailingReport")];

const PAGE_SIZE = 100;

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireMembership(request, params.network, "organiser");
  const mailing = isUuid(params.mailingId) ? await getMailing(access.db, access.network.id, params.mailingId) : undefined;
  if (!mailing) notFound();
  return { ...access, mailing };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, mailing } = await load(request, params);
  const url = new URL(request.url);
  const filter = recipientFilterFrom(url);
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  const [report, recipients] = await Promise.all([
    mailingReport(db, mailing.id),
    listRecipients(db, mailing.id, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
  ]);
  const history = await recipientHistory(
    db,
    mailing.id,
    recipients.rows.map((row) => row.id),
  );
  return {
    timeZone: network.time_zone,
    mailing: {
      title: mailing.title,
      status: mailing.status,
      pausedReason: mailing.paused_reason,
      startedAt: mailing.started_at?.toISOString() ?? null,
      finishedAt: mailing.finished_at?.toISOString() ?? null,
    },
    report,
    page,
    pages: Math.max(1, Math.ceil(recipients.matching / PAGE_SIZE)),
    matching: recipients.matching,
    recipients: recipients.rows.map((row) => ({
      id: row.id,
      email: row.email,
      name: row.contact_name,
      organisation: row.partner_name,
      status: row.status,
      bounceClass: row.bounce_class,
      dsnStatus: row.dsn_status,
      diagnostic: row.diagnostic,
      lastAt: row.last_at?.toISOString() ?? null,
      history: history
        .filter((event) => event.recipientId === row.id)
        .map((event) => ({ kind: event.kind, dsnStatus: event.dsn_status, at: event.created_at.toISOString() })),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user, mailing } = await load(request, params);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "retry") return data({ intent, retried: await retryFailedRecipients(db, network.id, mailing.id, user.id) });
  if (intent === "resume") {
    if (!(await resumeMailing(db, network.id, mailing.id, user.id))) httpError(409, "mailings.report.notPaused");
    return data({ intent, retried: 0 });
  }
  httpError(400, "errors.badRequest");
}

const barColours: Record<RecipientStatus, string> = {
  queued: "#64748b",
  deferred: "#7c3aed",
  sent: "#15803d",
  bounced: "#b91c1c",
  complained: "#9f1239",
  unsubscribed: "#a16207",
  suppressed: "#475569",
  failed: "#7f1d1d",
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
      viewBox={`0 0 ${width + 200} ${rowHeight * recipientStatuses.length}`}
      className="status-chart"
    >
      {recipientStatuses.map((status, index) => {
        const barWidth = total === 0 ? 0 : Math.max(counts[status] > 0 ? 2 : 0, (counts[status] / total) * width);
        return (
          <g key={status} transform={`translate(0 ${index * rowHeight})`}>
            <text x="0" y="18" fontSize="14" fill="currentColor">
              {t(`mailings.report.statuses.${status}`)}
            </text>
            <rect x="160" y="5" width={barWidth} height="18" fill={barColours[status]} />
            <text x={166 + barWidth} y="18" fontSize="14" fill="currentColor">
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
  const [searchParams] = useSearchParams();
  const { mailing, report, timeZone, recipients, page, pages, matching } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const filterQuery = new URLSearchParams();
  for (const name of ["status", "q"]) if (searchParams.get(name)) filterQuery.set(name, searchParams.get(name)!);
  const pageLink = (to: number) => {
    const query = new URLSearchParams(filterQuery);
    query.set("page", String(to));
    return `?${query}`;
  };
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
      {actionData?.intent === "retry" ? <Notice>{t("mailings.report.retried", { count: actionData.retried })}</Notice> : null}
      {actionData?.intent === "resume" ? <Notice>{t("mailings.report.resumed")}</Notice> : null}
      {mailing.status === "paused" && mailing.pausedReason ? (
        <div className="notice" role="alert">
          <p>{t(`mailings.report.paused.${mailing.pausedReason}`)}</p>
          <Form method="post" className="actions">
            <button type="submit" name="intent" value="resume">
              {t("mailings.report.resume")}
            </button>
          </Form>
        </div>
      ) : null}

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
                <th scope="row">
                  <Link to={`?status=${status}`}>{t(`mailings.report.statuses.${status}`)}</Link>
                </th>
                <td>{report.counts[status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.counts.failed > 0 ? (
        <Form method="post" className="actions">
          <button type="submit" name="intent" value="retry">
            {t("mailings.report.retry")}
          </button>
        </Form>
      ) : null}

      <h2 id="recipients-title">{t("mailings.report.recipients")}</h2>
      <Form method="get" className="actions" role="search" aria-labelledby="recipients-title">
        <div className="field">
          <label htmlFor="recipient-status">{t("mailings.report.status")}</label>
          <select id="recipient-status" name="status" defaultValue={searchParams.get("status") ?? ""}>
            <option value="">{t("mailings.report.anyStatus")}</option>
            {recipientStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`mailings.report.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="recipient-search">{t("mailings.report.search")}</label>
          <input id="recipient-search" type="search" name="q" defaultValue={searchParams.get("q") ?? ""} />
        </div>
        <button type="submit" className="button-secondary">
          {t("mailings.report.filter")}
        </button>
      </Form>
      <p>
        {t("mailings.report.matching", { count: matching })}{" "}
        <a href={`${base}/${useParams().mailingId}/recipients.csv${filterQuery.size > 0 ? `?${filterQuery}` : ""}`} download>
          {t("mailings.report.csv")}
        </a>
      </p>
      {recipients.length === 0 ? null : (
        <div className="table-wrap">
          <table aria-labelledby="recipients-title">
            <thead>
              <tr>
                <th scope="col">{t("mailings.report.recipient")}</th>
                <th scope="col">{t("mailings.report.organisation")}</th>
                <th scope="col">{t("mailings.report.status")}</th>
                <th scope="col">{t("mailings.report.reason")}</th>
                <th scope="col">{t("mailings.report.history")}</th>
              </tr>
            </thead>
            <tbody>
              {recipients.map((recipient) => (
                <tr key={recipient.id}>
                  <th scope="row">
                    {recipient.name} &lt;{recipient.email}&gt;
                  </th>
                  <td>{recipient.organisation}</td>
                  <td>
                    {t(`mailings.report.statuses.${recipient.status}`)}
                    {recipient.bounceClass ? ` (${t(`mailings.report.bounceClass.${recipient.bounceClass as "hard" | "soft"}`)})` : ""}
                  </td>
                  <td>{[recipient.dsnStatus, recipient.diagnostic].filter(Boolean).join(" ")}</td>
                  <td>
                    <ol className="plain-list">
                      {recipient.history.map((event, index) => (
                        <li key={index}>
                          {t(`mailings.report.events.${event.kind}`)}{" "}
                          <time dateTime={event.at}>{formatDateTime(event.at, locale, timeZone)}</time>
                        </li>
                      ))}
                    </ol>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={t("mailings.report.pages")} className="actions">
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("mailings.report.previous")}</Link> : null}
          <span>{t("mailings.report.pageOf", { page, pages })}</span>
          {page < pages ? <Link to={pageLink(page + 1)}>{t("mailings.report.next")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
