import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { CalendarFilterForm, CalendarViews, EventList } from "~/components/events/calendar";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { inReaderLanguage, listCalendarFilterChoices, listEventsBetween } from "~/modules/events/calendar.server";
import { currentMonth, formatDay, formatMonth, groupByDay, parseMonth, shiftMonth } from "~/modules/events/event-times";
import { readCalendarFilters } from "~/modules/events/events.schema";
import { presentFilterChoices, presentSummary } from "~/modules/events/present.server";
import { calendarViewerFor } from "~/modules/events/viewer.server";
import { notFound } from "~/utils/http.server";
import { pageTitle, namedTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => [
  args.data ? namedTitle(args.data.monthLabel, args.data.network.name) : pageTitle(args, "titles.calendar"),
];

/** One month, day by day. The address holds the month (YYYY-MM) and the filters. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = parseMonth(params.month);
  if (!parsed) notFound();
  const { db, network, viewer, locale, reading } = await calendarViewerFor(request, params.network);
  const filters = readCalendarFilters(new URL(request.url).searchParams);
  // A day's width on either side: every zone's days of the month fit inside.
  const from = parsed.first.minus({ days: 1 }).toJSDate();
  const to = parsed.first.plus({ months: 1, days: 1 }).toJSDate();
  const [listed, choices] = await Promise.all([
    listEventsBetween(db, { networkId: network.id, viewer, filters, from, to }),
    listCalendarFilterChoices(db, network.id),
  ]);
  const events = await inReaderLanguage(db, listed, reading);
  return {
    network: { slug: network.slug, name: network.name },
    month: parsed.month,
    monthLabel: formatMonth(parsed.month, locale),
    currentMonth: currentMonth(network.time_zone),
    previous: shiftMonth(parsed.month, -1),
    next: shiftMonth(parsed.month, 1),
    days: groupByDay(events, parsed.month).map(({ day, events: list }) => ({
      day,
      label: formatDay(day, locale),
      events: list.map((event) => presentSummary(event, locale)),
    })),
    choices: presentFilterChoices(choices, locale),
  };
}

export default function MonthView() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const query = searchParams.size > 0 ? `?${searchParams}` : "";
  const base = `/n/${data.network.slug}/events/month`;
  return (
    <section className="page" aria-labelledby="month-title">
      <h1 id="month-title">{t("events.month.title", { month: data.monthLabel })}</h1>
      <CalendarViews networkSlug={data.network.slug} month={data.currentMonth} />
      <nav aria-label={t("events.month.navigation")} className="month-nav">
        <Link to={`${base}/${data.previous}${query}`} rel="prev">
          {t("events.month.previous")}
        </Link>
        {data.month !== data.currentMonth ? <Link to={`${base}/${data.currentMonth}${query}`}>{t("events.month.current")}</Link> : null}
        <Link to={`${base}/${data.next}${query}`} rel="next">
          {t("events.month.next")}
        </Link>
      </nav>
      <CalendarFilterForm choices={data.choices} action={`${base}/${data.month}`} />
      {data.days.length === 0 ? (
        <p className="empty">{t("events.month.empty")}</p>
      ) : (
        data.days.map((day) => (
          <section key={day.day} aria-labelledby={`day-${day.day}`} className="month-day">
            <h2 id={`day-${day.day}`}>
              <time dateTime={day.day}>{day.label}</time>
            </h2>
            <EventList events={day.events} networkSlug={data.network.slug} headingLevel={3} />
          </section>
        ))
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
