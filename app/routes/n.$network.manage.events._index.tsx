import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/events/calendar";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { countAwaitingOrganisers, listEventsForManagement } from "~/modules/events/calendar.server";
import { formatEventWhen } from "~/modules/events/event-times";
import { eventStatuses, StatusFilterSchema } from "~/modules/events/events.schema";
import { requireEventActor } from "~/modules/events/viewer.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.events")];

/**
 * Organisers: every event, filtered by status, with the review queue (events
 * waiting for review) and partner changes to check. Partner contacts: their
 * organisation's events.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, partner, locale } = await requireEventActor(request, params.network);
  const url = new URL(request.url);
  const status = StatusFilterSchema.parse(url.searchParams.get("status") ?? undefined);
  const page = Math.min(Math.max(Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1, 1), 10_000);
  const [list, awaiting] = await Promise.all([
    listEventsForManagement(db, { networkId: network.id, partnerId: partner?.id, status, page }),
    partner ? Promise.resolve(null) : countAwaitingOrganisers(db, network.id),
  ]);
  return {
    networkSlug: network.slug,
    partnerName: partner?.name ?? null,
    status: status ?? null,
    awaiting,
    page: list.page,
    hasNext: list.hasNext,
    events: list.events.map((event) => ({ ...event, when: formatEventWhen(event, locale, event.timeZone) })),
  };
}

export default function ManageEvents() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const base = `/n/${data.networkSlug}/manage/events`;
  const partner = data.partnerName !== null;
  const filters = [...eventStatuses, ...(partner ? [] : (["flagged"] as const))];
  return (
    <section className="page" aria-labelledby="manage-title">
      <h1 id="manage-title">{partner ? t("events.manage.partnerTitle", { partner: data.partnerName! }) : t("events.manage.title")}</h1>
      <p className="lead">{partner ? t("events.manage.partnerIntro") : t("events.manage.intro")}</p>
      <p>
        <Link to={`/n/${data.networkSlug}/events/new`} className="button">
          {partner ? t("events.manage.submitEvent") : t("events.manage.newEvent")}
        </Link>
      </p>
      {data.awaiting && data.awaiting.pending > 0 ? (
        <p className="notice notice--attention">
          {t("events.manage.pendingNotice", { count: data.awaiting.pending })}{" "}
          <Link to={`${base}?status=pending_review`}>{t("events.manage.reviewQueue")}</Link>
        </p>
      ) : null}
      {data.awaiting && data.awaiting.flagged > 0 ? (
        <p className="notice notice--attention">
          {t("events.manage.flaggedNotice", { count: data.awaiting.flagged })}{" "}
          <Link to={`${base}?status=flagged`}>{t("events.manage.showFlagged")}</Link>
        </p>
      ) : null}
      <nav aria-label={t("events.manage.filter")} className="calendar-views">
        <ul>
          <li>
            <Link
              to={base}
              className={data.status === null ? "active" : undefined}
              aria-current={data.status === null ? "page" : undefined}
            >
              {t("events.manage.all")}
            </Link>
          </li>
          {filters.map((status) => (
            <li key={status}>
              <Link
                to={`${base}?status=${status}`}
                className={data.status === status ? "active" : undefined}
                aria-current={data.status === status ? "page" : undefined}
              >
                {status === "flagged" ? t("events.manage.flagged") : t(`events.status.${status}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {data.events.length === 0 ? (
        <p className="empty">{t("events.manage.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">
              {partner ? t("events.manage.partnerTitle", { partner: data.partnerName! }) : t("events.manage.title")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("events.manage.columns.title")}</th>
                <th scope="col">{t("events.manage.columns.when")}</th>
                <th scope="col">{t("events.manage.columns.status")}</th>
                {partner ? null : <th scope="col">{t("events.manage.columns.submittedBy")}</th>}
              </tr>
            </thead>
            <tbody>
              {data.events.map((event) => (
                <tr key={event.id}>
                  <th scope="row">
                    <Link to={partner ? `/n/${data.networkSlug}/events/${event.id}` : `${base}/${event.id}`}>{event.title}</Link>
                  </th>
                  <td>{event.when}</td>
                  <td>
                    <span className={`badge badge--${event.status}`}>{t(`events.status.${event.status}`)}</span>
                    {event.partnerChangedAt && !partner ? (
                      <span className="badge badge--warning">{t("events.manage.changedFlag")}</span>
                    ) : null}
                  </td>
                  {partner ? null : <td>{event.submitterName ?? ""}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={data.page}
        hasNext={data.hasNext}
        previousLabel={t("events.manage.previousPage")}
        nextLabel={t("events.manage.nextPage")}
      />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
