import { Form, Link, NavLink, useSearchParams } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { eventModes } from "~/modules/events/events.schema";

/** A calendar entry as the loaders give it (modules/events/present.server.ts). */
export interface EventListItem {
  id: string;
  title: string;
  titleLanguage: string;
  when: string;
  timeZone: string;
  allDay: boolean;
  startsAt: string;
  place: string;
  mode: "in_person" | "online" | "hybrid";
  cancelled: boolean;
  hostName: string | null;
  campaign: { slug: string; title: string; titleLanguage: string } | null;
  languageNames: string[];
}

/**
 * Events as a list of articles, each headed by its title. A cancelled event
 * says so in words (not only by style) and its title is struck through.
 */
export function EventList({
  events,
  networkSlug,
  headingLevel = 2,
}: {
  events: EventListItem[];
  networkSlug: string;
  headingLevel?: 2 | 3;
}) {
  const t = useT();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="event-list">
      {events.map((event) => (
        <li key={event.id} className={event.cancelled ? "event-item event-item--cancelled" : "event-item"}>
          <article aria-labelledby={`event-${event.id}`}>
            <Heading id={`event-${event.id}`} className="event-item__title">
              {event.cancelled ? <span className="badge badge--cancelled">{t("events.calendar.cancelled")}</span> : null}{" "}
              <Link to={`/n/${networkSlug}/events/${event.id}`} lang={event.titleLanguage}>
                {event.title}
              </Link>
            </Heading>
            <p className="event-item__when">
              <time dateTime={event.startsAt}>{event.when}</time>
              {event.allDay ? null : <span className="event-item__zone"> ({event.timeZone.replaceAll("_", " ")})</span>}
            </p>
            <p className="event-item__meta">
              <span>{t(`events.modes.${event.mode}`)}</span>
              {event.place ? <span>{event.place}</span> : null}
              {event.hostName ? <span>{t("events.calendar.hostedBy", { name: event.hostName })}</span> : null}
              {event.campaign ? (
                <span>
                  {t("events.calendar.campaignLabel")} <span lang={event.campaign.titleLanguage}>{event.campaign.title}</span>
                </span>
              ) : null}
              {event.languageNames.length > 0 ? (
                <span>{t("events.calendar.languages", { languages: event.languageNames.join(", ") })}</span>
              ) : null}
            </p>
          </article>
        </li>
      ))}
    </ul>
  );
}

/** Upcoming, month and past views of the calendar, kept with the current filters. */
export function CalendarViews({ networkSlug, month }: { networkSlug: string; month: string }) {
  const t = useT();
  const [searchParams] = useSearchParams();
  const filters = new URLSearchParams(searchParams);
  filters.delete("page");
  const query = filters.size > 0 ? `?${filters}` : "";
  const base = `/n/${networkSlug}/events`;
  return (
    <nav aria-label={t("events.calendar.views")} className="calendar-views">
      <ul>
        <li>
          <NavLink to={`${base}${query}`} end>
            {t("events.calendar.listView")}
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/month/${month}${query}`}>{t("events.calendar.monthView")}</NavLink>
        </li>
        <li>
          <NavLink to={`${base}/past${query}`}>{t("events.calendar.pastView")}</NavLink>
        </li>
      </ul>
    </nav>
  );
}

export interface FilterChoices {
  campaigns: { slug: string; title: string }[];
  hosts: { id: string; name: string }[];
  days: { key: string; name: string }[];
  countries: { code: string; name: string }[];
  languages: { code: string; name: string }[];
}

/** A plain GET form: filters live in the address, so a filtered calendar can be shared or bookmarked. */
export function CalendarFilterForm({ choices, action }: { choices: FilterChoices; action: string }) {
  const t = useT();
  const [searchParams] = useSearchParams();
  const current = (name: string) => searchParams.get(name) ?? "";
  const select = (name: string, label: string, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={current(name)}>
        <option value="">{t("events.calendar.filters.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  const active = ["q", "campaign", "day", "country", "language", "mode", "host"].some((name) => current(name));
  return (
    <Form method="get" action={action} className="calendar-filters" aria-labelledby="calendar-filters-title">
      <h2 id="calendar-filters-title" className="visually-hidden">
        {t("events.calendar.filters.title")}
      </h2>
      <div className="calendar-filters__fields">
        <div className="field">
          <label htmlFor="filter-q">{t("events.calendar.filters.search")}</label>
          <p id="filter-q-hint" className="field-hint">
            {t("events.calendar.filters.searchHint")}
          </p>
          <input id="filter-q" type="search" name="q" defaultValue={current("q")} aria-describedby="filter-q-hint" />
        </div>
        {select(
          "campaign",
          t("events.calendar.filters.campaign"),
          choices.campaigns.map((c) => ({ value: c.slug, label: c.title })),
        )}
        {select(
          "day",
          t("events.calendar.filters.day"),
          choices.days.map((d) => ({ value: d.key, label: d.name })),
        )}
        {select(
          "country",
          t("events.calendar.filters.country"),
          choices.countries.map((c) => ({ value: c.code, label: c.name })),
        )}
        {select(
          "language",
          t("events.calendar.filters.language"),
          choices.languages.map((l) => ({ value: l.code, label: l.name })),
        )}
        {select(
          "mode",
          t("events.calendar.filters.mode"),
          eventModes.map((mode) => ({ value: mode, label: t(`events.modes.${mode}`) })),
        )}
        {select(
          "host",
          t("events.calendar.filters.host"),
          choices.hosts.map((h) => ({ value: h.id, label: h.name })),
        )}
      </div>
      <div className="actions">
        <button type="submit">{t("events.calendar.filters.apply")}</button>
        {active ? <Link to={action}>{t("events.calendar.filters.clear")}</Link> : null}
      </div>
    </Form>
  );
}

/** Earlier / later page links that keep the filters. */
export function Pagination({
  page,
  hasNext,
  previousLabel,
  nextLabel,
}: {
  page: number;
  hasNext: boolean;
  previousLabel: string;
  nextLabel: string;
}) {
  const t = useT();
  const [searchParams] = useSearchParams();
  if (page <= 1 && !hasNext) return null;
  const linkTo = (target: number) => {
    const params = new URLSearchParams(searchParams);
    if (target <= 1) params.delete("page");
    else params.set("page", String(target));
    return params.size > 0 ? `?${params}` : "?";
  };
  return (
    <nav aria-label={t("events.calendar.pagination")} className="pagination">
      {page > 1 ? (
        <Link to={linkTo(page - 1)} rel="prev">
          {previousLabel}
        </Link>
      ) : null}
      <span aria-current="page">{t("events.calendar.pageNumber", { page })}</span>
      {hasNext ? (
        <Link to={linkTo(page + 1)} rel="next">
          {nextLabel}
        </Link>
      ) : null}
    </nav>
  );
}
