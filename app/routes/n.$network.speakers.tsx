import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { formatTimeSpan } from "~/modules/speakers/format";
import { listSpeakerOverview } from "~/modules/speakers/overview.server";
import { speakerStatuses } from "~/modules/speakers/speakers.schema";
import styles from "~/styles/speakers.css?url";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.speakers")];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "organiser");
  return { networkSlug: network.slug, ...(await listSpeakerOverview(db, network.id)) };
}

/** Where organisers start: every upcoming or recent event with its invitations counted, and each campaign. */
export default function SpeakersOverview() {
  const t = useT();
  const locale = useLocale();
  const { networkSlug, events, campaigns } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="speakers-overview-title">
      <h1 id="speakers-overview-title">{t("speakers.overview.title")}</h1>
      <h2>{t("speakers.overview.events")}</h2>
      {events.length === 0 ? (
        <p>{t("speakers.overview.noEvents")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("speakers.overview.events")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("speakers.overview.event")}</th>
                <th scope="col">{t("speakers.overview.when")}</th>
                <th scope="col">{t("speakers.overview.invitations")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <Link to={`/n/${networkSlug}/events/${event.id}/speakers`}>{event.title}</Link>
                  </td>
                  <td>{formatTimeSpan({ ...event, allDay: event.allDay }, locale)}</td>
                  <td>
                    {speakerStatuses
                      .filter((status) => event.counts[status])
                      .map((status) =>
                        t("speakers.overview.count", { count: event.counts[status]!, state: t(`speakers.states.${status}`) }),
                      )
                      .join(", ") || t("speakers.overview.noInvitations")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {campaigns.length > 0 ? (
        <>
          <h2>{t("speakers.overview.campaigns")}</h2>
          <ul className="plain-list">
            {campaigns.map((campaign) => (
              <li key={campaign.id}>
                <Link to={`/n/${networkSlug}/campaigns/${campaign.slug}/speakers`}>{campaign.title}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
