import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { DaySwatch } from "~/components/campaigns/DaySwatch";
import { useLocale, useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/negotiate.server";
import { requireMembership } from "~/modules/auth/access.server";
import { yearView } from "~/modules/days/days.server";
import { formatDayRange, formatMonth } from "~/modules/days/format";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction = (args) => [pageTitle(args, "titles.year")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user, role } = await requireMembership(request, params.network, "partner");
  const locale = await resolveLocale(request, user.locale);
  const view = await yearView(db, network, locale);
  return { ...view, canPlan: roleAtLeast(role, "organiser") };
}

export default function YearView() {
  const t = useT();
  const locale = useLocale();
  const { entries, from, until, canPlan } = useLoaderData<typeof loader>();
  const base = `/n/${useParams().network}`;
  const next = entries.filter((entry) => entry.countdown !== null).slice(0, 3);
  return (
    <section className="page" aria-labelledby="year-title">
      <h1 id="year-title">{t("yearView.title")}</h1>
      <p className="lead">
        {t("yearView.intro", { from: formatDayRange(from, from, locale), until: formatDayRange(until, until, locale) })}
      </p>
      {canPlan ? (
        <p className="actions">
          <Link to={`${base}/campaigns/new`}>{t("campaigns.list.newOwnDates")}</Link>
          <Link to={`${base}/days`}>{t("yearView.manageDays")}</Link>
        </p>
      ) : null}

      {next.length > 0 ? (
        <section aria-labelledby="countdown-title" className="card">
          <h2 id="countdown-title">{t("yearView.countdownTitle")}</h2>
          <ul className="countdown">
            {next.map((entry) => (
              <li key={`${entry.day.id}-${entry.year}`}>
                <span className="countdown__number">
                  {entry.countdown === 0 ? t("yearView.onNow") : t("yearView.inDays", { count: entry.countdown! })}
                </span>{" "}
                <span>{entry.day.name}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <h2>{t("yearView.listTitle")}</h2>
      {entries.length === 0 ? <p>{t("yearView.empty")}</p> : null}
      <ol className="year-list">
        {entries.map((entry) => {
          const headingId = `day-${entry.day.id}-${entry.year}`;
          return (
            <li key={headingId} className="year-entry">
              <DaySwatch colour={entry.day.colour} />
              <div className="year-entry__body">
                <h3 id={headingId}>
                  {entry.day.name} {entry.year}
                </h3>
                <p className="year-entry__when">
                  {entry.occurrence ? (
                    <>
                      <time dateTime={entry.occurrence.startsOn}>
                        {formatDayRange(entry.occurrence.startsOn, entry.occurrence.endsOn, locale)}
                      </time>
                      {" · "}
                      {entry.countdown === 0 ? t("yearView.onNow") : t("yearView.inDays", { count: entry.countdown ?? 0 })}
                    </>
                  ) : (
                    <>
                      <strong>{t("yearView.dateNotSet")}</strong> {t("yearView.usually", { month: formatMonth(entry.sortsOn, locale) })}
                      {canPlan ? (
                        <>
                          {" "}
                          <Link to={`${base}/days#dates-${entry.day.id}-${entry.year}`}>{t("yearView.setDates")}</Link>
                        </>
                      ) : null}
                    </>
                  )}
                </p>
                {entry.campaigns.length > 0 ? (
                  <ul className="plain-list">
                    {entry.campaigns.map((campaign) => (
                      <li key={campaign.id}>
                        <Link to={`${base}/campaigns/${campaign.slug}${canPlan ? "/plan" : ""}`}>{campaign.title}</Link>{" "}
                        <span className={`status status--${campaign.status}`}>{t(`campaigns.status.${campaign.status as "draft"}`)}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {canPlan && entry.occurrence ? (
                  <p>
                    <Link
                      className="button button-secondary button-small"
                      to={`${base}/campaigns/new?day=${entry.day.id}&year=${entry.year}`}
                      aria-label={t("yearView.planFor", { day: `${entry.day.name} ${entry.year}` })}
                    >
                      {t("yearView.plan")}
                    </Link>
                  </p>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
