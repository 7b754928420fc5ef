import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EventList } from "~/components/events/calendar";
import { resolveLocale } from "~/i18n/negotiate.server";
import { useLocale, useT } from "~/i18n/react";
import { getCurrentUser } from "~/modules/auth/access.server";
import { yearView } from "~/modules/days/days.server";
import { formatDayRange } from "~/modules/days/format";
import { listUpcomingEvents } from "~/modules/events/calendar.server";
import { presentSummary } from "~/modules/events/present.server";
import { getNetworkBySlug, listNetworks, listUserNetworks } from "~/modules/networks/networks.server";
import { database } from "~/utils/db.server";
import { metaTranslator, namedTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [
  namedTitle(),
  { name: "description", content: metaTranslator(args)("titles.homeDescription") },
];

const NEXT_DAYS = 4;
const NEXT_EVENTS = 4;

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await database();
  const user = await getCurrentUser(request);
  const locale = await resolveLocale(request, user?.locale);
  const networks = await listNetworks(db);
  // The first network is shown at a glance: on a fresh install, the demo network.
  const featured = networks[0] ? await getNetworkBySlug(db, networks[0].slug) : undefined;
  const glance = featured
    ? {
        network: { slug: featured.slug, name: featured.name },
        days: (await yearView(db, featured, locale)).entries
          .filter((entry) => entry.occurrence !== null)
          .slice(0, NEXT_DAYS)
          .map((entry) => ({
            key: `${entry.day.id}-${entry.year}`,
            name: entry.day.name,
            startsOn: entry.occurrence!.startsOn,
            endsOn: entry.occurrence!.endsOn,
            countdown: entry.countdown,
          })),
        events: (
          await listUpcomingEvents(db, { networkId: featured.id, viewer: { role: null, partnerId: null }, limit: NEXT_EVENTS })
        ).events.map((event) => presentSummary(event, locale)),
      }
    : null;
  return { networks, mine: user ? await listUserNetworks(db, user.id) : [], glance };
}

/** What Daymark is, what is coming up, and where to go next. */
export default function Home() {
  const t = useT();
  const locale = useLocale();
  const { networks, mine, glance } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <ul className="feature-list">
        <li>{t("home.features.campaigns")}</li>
        <li>{t("home.features.calendars")}</li>
        <li>{t("home.features.people")}</li>
        <li>{t("home.features.privacy")}</li>
      </ul>
      {mine.length > 0 ? (
        <>
          <h2>{t("home.yourNetworks")}</h2>
          <ul className="plain-list">
            {mine.map((network) => (
              <li key={network.slug}>
                <Link to={`/n/${network.slug}/dashboard`}>{network.name}</Link> · {t(`roles.${network.role}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {glance ? (
        <div className="home-glance">
          <section aria-labelledby="next-days-title" className="card">
            <h2 id="next-days-title">{t("home.nextDays", { network: glance.network.name })}</h2>
            {glance.days.length === 0 ? (
              <p>{t("home.nothingPlanned")}</p>
            ) : (
              <ul className="plain-list">
                {glance.days.map((day) => (
                  <li key={day.key}>
                    <strong>{day.name}</strong>
                    {" · "}
                    <time dateTime={day.startsOn}>{formatDayRange(day.startsOn, day.endsOn, locale)}</time>
                    {" · "}
                    {day.countdown === 0 ? t("yearView.onNow") : t("yearView.inDays", { count: day.countdown ?? 0 })}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="coming-up-title">
            <h2 id="coming-up-title">{t("home.comingUp", { network: glance.network.name })}</h2>
            {glance.events.length === 0 ? (
              <p>{t("home.nothingPlanned")}</p>
            ) : (
              <EventList events={glance.events} networkSlug={glance.network.slug} headingLevel={3} />
            )}
            <p>
              <Link to={`/n/${glance.network.slug}/events`}>{t("home.allEvents")}</Link>
            </p>
          </section>
        </div>
      ) : null}
      <h2>{t("home.networks")}</h2>
      {networks.length === 0 ? (
        <p>{t("home.noNetworks")}</p>
      ) : (
        <ul className="plain-list">
          {networks.map((network) => (
            <li key={network.slug}>
              <Link to={`/n/${network.slug}`}>{network.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
