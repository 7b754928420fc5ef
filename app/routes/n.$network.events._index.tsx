import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CalendarFilterForm, CalendarViews, EventList, Pagination } from "~/components/events/calendar";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { SubscribePanel } from "~/components/SubscribePanel";
import { useT } from "~/i18n/react";
import { inReaderLanguage, listCalendarFilterChoices, listUpcomingEvents } from "~/modules/events/calendar.server";
import { currentMonth } from "~/modules/events/event-times";
import { readCalendarFilters } from "~/modules/events/events.schema";
import { presentFilterChoices, presentSummary } from "~/modules/events/present.server";
import { calendarViewerFor } from "~/modules/events/viewer.server";
import { calendarFeed } from "~/modules/feeds/calendar-feed.server";
import { feedLanguages } from "~/modules/translations/present.server";
import { getContentLanguages } from "~/modules/translations/translations.server";
import { getEnv } from "~/utils/env.server";
import { pageTitle, namedTitle, metaTranslator } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => [
  args.data ? namedTitle(metaTranslator(args)("titles.calendar"), args.data.network.name) : pageTitle(args, "titles.calendar"),
];

/** The public calendar: upcoming events, soonest first, filtered by the query string. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, viewer, locale, reading } = await calendarViewerFor(request, params.network);
  const filters = readCalendarFilters(new URL(request.url).searchParams);
  const [list, choices, feed, languages] = await Promise.all([
    listUpcomingEvents(db, { networkId: network.id, viewer, filters }),
    listCalendarFilterChoices(db, network.id),
    calendarFeed(db, network, filters, locale),
    getContentLanguages(db, network.id),
  ]);
  // The feed in each of the network's content languages, for the subscribe panel.
  const languageFeeds = await Promise.all(
    languages.others.map(async (lang) => ({ lang, feed: await calendarFeed(db, network, filters, locale, lang) })),
  );
  return {
    network: { slug: network.slug, name: network.name },
    month: currentMonth(network.time_zone),
    events: (await inReaderLanguage(db, list.events, reading)).map((event) => presentSummary(event, locale)),
    page: list.page,
    hasNext: list.hasNext,
    choices: presentFilterChoices(choices, locale),
    canAdd: viewer.role !== null && (viewer.role !== "partner" || viewer.partnerId !== null),
    partner: viewer.role === "partner",
    // The feed follows the calendar's filters that feeds support (a day filter: the day's feed).
    feed: feed ? { url: `${getEnv().appUrl}${feed.path}`, name: feed.name } : null,
    feedLanguages: feed
      ? feedLanguages(
          languageFeeds.map((entry) => entry.lang),
          languages.original,
          (lang) => `${getEnv().appUrl}${languageFeeds.find((entry) => entry.lang === lang)!.feed!.path}`,
        )
      : [],
  };
}

export default function Calendar() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const base = `/n/${data.network.slug}/events`;
  return (
    <section className="page" aria-labelledby="calendar-title">
      <h1 id="calendar-title">{t("events.calendar.upcomingTitle")}</h1>
      <p className="lead">{t("events.calendar.intro", { network: data.network.name })}</p>
      {data.canAdd ? (
        <p>
          <Link to={`${base}/new`} className="button">
            {data.partner ? t("events.calendar.submitEvent") : t("events.calendar.addEvent")}
          </Link>
        </p>
      ) : null}
      <CalendarViews networkSlug={data.network.slug} month={data.month} />
      <CalendarFilterForm choices={data.choices} action={base} />
      {data.events.length === 0 ? (
        <p className="empty">{t("events.calendar.empty")}</p>
      ) : (
        <EventList events={data.events} networkSlug={data.network.slug} />
      )}
      <Pagination
        page={data.page}
        hasNext={data.hasNext}
        previousLabel={t("events.calendar.previousPage")}
        nextLabel={t("events.calendar.nextPage")}
      />
      {data.feed ? <SubscribePanel url={data.feed.url} name={data.feed.name} languages={data.feedLanguages} /> : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
