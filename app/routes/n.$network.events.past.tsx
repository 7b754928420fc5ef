import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CalendarFilterForm, CalendarViews, EventList, Pagination } from "~/components/events/calendar";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { inReaderLanguage, listCalendarFilterChoices, listPastEvents } from "~/modules/events/calendar.server";
import { currentMonth } from "~/modules/events/event-times";
import { readCalendarFilters } from "~/modules/events/events.schema";
import { presentFilterChoices, presentSummary } from "~/modules/events/present.server";
import { calendarViewerFor } from "~/modules/events/viewer.server";
import { pageTitle, namedTitle, metaTranslator } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => [
  args.data ? namedTitle(metaTranslator(args)("titles.pastEvents"), args.data.network.name) : pageTitle(args, "titles.pastEvents"),
];

/** The archive: events that are over, latest first. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, viewer, locale, reading } = await calendarViewerFor(request, params.network);
  const filters = readCalendarFilters(new URL(request.url).searchParams);
  const [list, choices] = await Promise.all([
    listPastEvents(db, { networkId: network.id, viewer, filters }),
    listCalendarFilterChoices(db, network.id),
  ]);
  return {
    network: { slug: network.slug, name: network.name },
    month: currentMonth(network.time_zone),
    events: (await inReaderLanguage(db, list.events, reading)).map((event) => presentSummary(event, locale)),
    page: list.page,
    hasNext: list.hasNext,
    choices: presentFilterChoices(choices, locale),
  };
}

export default function PastEvents() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="past-title">
      <h1 id="past-title">{t("events.calendar.pastTitle")}</h1>
      <CalendarViews networkSlug={data.network.slug} month={data.month} />
      <CalendarFilterForm choices={data.choices} action={`/n/${data.network.slug}/events/past`} />
      {data.events.length === 0 ? (
        <p className="empty">{t("events.calendar.pastEmpty")}</p>
      ) : (
        <EventList events={data.events} networkSlug={data.network.slug} />
      )}
      <Pagination
        page={data.page}
        hasNext={data.hasNext}
        previousLabel={t("events.calendar.previousPage")}
        nextLabel={t("events.calendar.nextPage")}
      />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
