import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { EventList } from "~/components/events/calendar";
import { useT } from "~/i18n/react";
import { inReaderLanguage, listUpcomingEvents } from "~/modules/events/calendar.server";
import { presentSummary } from "~/modules/events/present.server";
import { calendarViewerFor } from "~/modules/events/viewer.server";
import type { loader as networkLoader } from "./n.$network";
import { pageTitle, namedTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => {
  const network = args.matches.find((m) => m.id === "routes/n.$network")?.data as { network: { name: string } } | undefined;
  return [network ? namedTitle(network.network.name) : pageTitle(args, "titles.network")];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, viewer, locale, reading } = await calendarViewerFor(request, params.network);
  const upcoming = await listUpcomingEvents(db, { networkId: network.id, viewer, limit: 5 });
  return { upcoming: (await inReaderLanguage(db, upcoming.events, reading)).map((event) => presentSummary(event, locale)) };
}

/** The network's public front page, with its next events. */
export default function NetworkOverview() {
  const t = useT();
  const data = useRouteLoaderData<typeof networkLoader>("routes/n.$network");
  const { upcoming } = useLoaderData<typeof loader>();
  if (!data) return null;
  return (
    <section className="page" aria-labelledby="network-title">
      <h1 id="network-title">{data.network.name}</h1>
      <p className="lead">{t("network.overview.intro")}</p>
      {data.role ? (
        <p>
          <Link to="dashboard" className="button">
            {t("network.overview.openDashboard")}
          </Link>
        </p>
      ) : (
        <p>{t("network.overview.membersSignIn")}</p>
      )}
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">{t("events.overview.title")}</h2>
        {upcoming.length === 0 ? (
          <p>{t("events.overview.empty")}</p>
        ) : (
          <EventList events={upcoming} networkSlug={data.network.slug} headingLevel={3} />
        )}
        <p>
          <Link to="events">{t("events.overview.all")}</Link>
        </p>
      </section>
    </section>
  );
}
