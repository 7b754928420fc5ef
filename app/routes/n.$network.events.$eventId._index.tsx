import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContentLanguageNote } from "~/components/ContentLanguageNote";
import { DoneNotice } from "~/components/events/DoneNotice";
import { ViewerTime } from "~/components/events/ViewerTime";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { PublicSpeakerList } from "~/components/speakers/PublicSpeakerList";
import { SubscribePanel } from "~/components/SubscribePanel";
import { useT } from "~/i18n/react";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import { eventAccess, getEventDetails } from "~/modules/events/calendar.server";
import { canEditEvent } from "~/modules/events/events.server";
import { presentEventPage } from "~/modules/events/present.server";
import { feedPath } from "~/modules/feeds/feeds.schema";
import { presentEventOrigin } from "~/modules/imports/sources-page.server";
import { getEventOrigin } from "~/modules/imports/sources.server";
import { listPublicSpeakers } from "~/modules/speakers/public.server";
import speakerStyles from "~/styles/speakers.css?url";
import { calendarViewerFor } from "~/modules/events/viewer.server";
import { feedLanguages, presentContentLanguage } from "~/modules/translations/present.server";
import { campaignTitlesInLanguage } from "~/modules/translations/campaign-translations.server";
import { eventsInLanguage } from "~/modules/translations/event-translations.server";
import { getEnv } from "~/utils/env.server";
import { isUuid } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { pageTitle, namedTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => [
  args.data ? namedTitle(args.data.event.title, args.data.networkName) : pageTitle(args, "titles.event"),
];

export const links: LinksFunction = () => [{ rel: "stylesheet", href: speakerStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user, viewer, locale, reading } = await calendarViewerFor(request, params.network);
  const event = isUuid(params.eventId) ? await getEventDetails(db, network.id, params.eventId) : undefined;
  if (!event) notFound("errors.eventNotFound");
  const access = eventAccess(event, viewer);
  if (access === "none") notFound("errors.eventNotFound");
  if (access === "sign-in") {
    const url = new URL(request.url);
    throw redirect(`/signin?redirectTo=${encodeURIComponent(url.pathname)}`);
  }
  const canManage = viewer.role !== null && roleAtLeast(viewer.role, "organiser");
  const canEdit =
    user !== undefined && viewer.role !== null && canEditEvent({ userId: user.id, role: viewer.role, partnerId: viewer.partnerId }, event);
  const { preferences, fallbacks } = reading;
  const texts = (await eventsInLanguage(db, [event], preferences, fallbacks)).get(event.id)!;
  const campaign = event.campaign_id
    ? (
        await campaignTitlesInLanguage(
          db,
          [{ id: event.campaign_id, title: event.campaign_title!, contentLanguage: event.campaign_content_language! }],
          preferences,
          fallbacks,
        )
      ).get(event.campaign_id)
    : undefined;
  const shown = campaign ? { ...event, campaign_title: campaign.text, campaign_content_language: campaign.language } : event;
  const translatedFeed = texts.language !== event.content_language ? texts.language : undefined;
  const page = presentEventPage(shown, { locale, networkSlug: network.slug, appUrl: getEnv().appUrl, canEdit, canManage, texts });
  return {
    contentLanguage: presentContentLanguage(texts, preferences, locale, `/n/${network.slug}/events/${event.id}`),
    networkSlug: network.slug,
    networkName: network.name,
    event: page,
    speakers: await listPublicSpeakers(db, event.id),
    origin: presentEventOrigin(await getEventOrigin(db, network.id, event.id), {
      locale,
      zone: network.time_zone,
      canManage: canEdit || canManage,
    }),
    // Subscribing (rather than downloading) keeps later changes of time or place in the reader's calendar.
    feedUrl: `${getEnv().appUrl}${feedPath({ kind: "event", network: network.slug, eventId: event.id, lang: translatedFeed })}`,
    feedLanguages: feedLanguages(
      texts.available,
      texts.language,
      (lang) => `${getEnv().appUrl}${feedPath({ kind: "event", network: network.slug, eventId: event.id, lang })}`,
    ),
  };
}

export default function EventPage() {
  const t = useT();
  const { event, networkSlug, speakers, feedUrl, feedLanguages, origin, contentLanguage } = useLoaderData<typeof loader>();
  const cancelled = event.status === "cancelled";
  const base = `/n/${networkSlug}/events`;
  return (
    <article className="page event-page" aria-labelledby="event-title">
      <p>
        <Link to={base}>{t("events.page.back")}</Link>
      </p>
      <DoneNotice />
      {cancelled ? (
        <p className="banner banner--cancelled" role="status">
          <strong>{t("events.page.cancelled")}</strong>
        </p>
      ) : null}
      {event.status === "draft" ? <p className="banner">{t("events.page.draft")}</p> : null}
      {event.status === "pending_review" ? <p className="banner">{t("events.page.pending")}</p> : null}
      {event.partnerChanged ? <p className="banner banner--warning">{t("events.page.partnerChanged")}</p> : null}
      <h1 id="event-title" className={cancelled ? "event-title--cancelled" : undefined}>
        {cancelled ? <span className="visually-hidden">{t("events.calendar.cancelled")}: </span> : null}
        <span lang={event.languages.title}>{event.title}</span>
      </h1>
      <ContentLanguageNote note={contentLanguage} />

      {event.canEdit || event.canManage ? (
        <p className="actions">
          {event.canEdit ? (
            <Link to={`${base}/${event.id}/edit`} className="button button-secondary">
              {t("events.page.edit")}
            </Link>
          ) : null}
          {event.canManage ? (
            <Link to={`/n/${networkSlug}/manage/events/${event.id}`} className="button button-secondary">
              {t("events.page.manage")}
            </Link>
          ) : null}
        </p>
      ) : null}
      {event.reviewNote ? (
        <div className="card">
          <h2>{t("events.page.reviewNote")}</h2>
          <p className="pre-line">{event.reviewNote}</p>
        </div>
      ) : null}

      <dl className="meta-list event-facts">
        <dt>{t("events.page.when")}</dt>
        <dd>
          <p className="event-when">
            <time dateTime={event.startsAt}>{event.when}</time>
          </p>
          {event.allDay ? null : (
            <>
              <p className="field-hint">{t("events.page.timeZone", { zone: event.timeZone.replaceAll("_", " ") })}</p>
              <ViewerTime startsAt={event.startsAt} endsAt={event.endsAt} timeZone={event.timeZone} />
            </>
          )}
        </dd>
        <dt>{t("events.page.format")}</dt>
        <dd>{t(`events.modes.${event.mode}`)}</dd>
        {event.mode !== "online" ? (
          <>
            <dt>{t("events.page.where")}</dt>
            <dd>{[event.venueName, event.address, event.city, event.countryName].filter(Boolean).join(", ") || t("events.page.notSet")}</dd>
          </>
        ) : null}
        {event.mode !== "in_person" ? (
          <>
            <dt>{t("events.page.online")}</dt>
            <dd>
              {event.onlineUrl ? (
                <a href={event.onlineUrl} rel="nofollow noopener noreferrer">
                  {t("events.page.join")}
                </a>
              ) : (
                t("events.page.onlinePrivate")
              )}
            </dd>
          </>
        ) : null}
        {event.hostName ? (
          <>
            <dt>{t("events.page.host")}</dt>
            <dd>{event.hostName}</dd>
          </>
        ) : null}
        {event.cohostNames.length > 0 ? (
          <>
            <dt>{t("events.page.cohosts")}</dt>
            <dd>{event.cohostNames.join(", ")}</dd>
          </>
        ) : null}
        {event.campaign ? (
          <>
            <dt>{t("events.page.campaign")}</dt>
            <dd>
              <Link to={`${base}?campaign=${event.campaign.slug}`} lang={event.campaign.titleLanguage}>
                {event.campaign.title}
              </Link>
            </dd>
          </>
        ) : null}
        {event.languageNames.length > 0 ? (
          <>
            <dt>{t("events.page.languages")}</dt>
            <dd>{event.languageNames.join(", ")}</dd>
          </>
        ) : null}
        {event.interpretation ? (
          <>
            <dt>{t("events.page.interpretation")}</dt>
            <dd lang={event.languages.original}>{event.interpretation}</dd>
          </>
        ) : null}
        {origin ? (
          <>
            <dt>{t("imports.origin.label")}</dt>
            <dd>
              {origin.calendar
                ? t("imports.origin.text", { partner: origin.partnerName, calendar: origin.calendar })
                : t("imports.origin.public", { partner: origin.partnerName })}
              {origin.lastRead ? <> {t("imports.origin.lastRead", { when: origin.lastRead })}</> : null}
            </dd>
          </>
        ) : null}
        {event.capacity !== null ? (
          <>
            <dt>{t("events.page.capacity")}</dt>
            <dd>{event.capacity}</dd>
          </>
        ) : null}
        {event.registrationOpens ? (
          <>
            <dt>{t("events.page.registrationOpens")}</dt>
            <dd>{event.registrationOpens}</dd>
          </>
        ) : null}
        {event.registrationCloses ? (
          <>
            <dt>{t("events.page.registrationCloses")}</dt>
            <dd>{event.registrationCloses}</dd>
          </>
        ) : null}
        {event.accessibility.length > 0 || event.accessibilityNotes ? (
          <>
            <dt>{t("events.page.accessibility")}</dt>
            <dd>
              {event.accessibility.length > 0 ? (
                <ul className="plain-list">
                  {event.accessibility.map((feature) => (
                    <li key={feature}>{t(`events.accessibility.${feature}` as never)}</li>
                  ))}
                </ul>
              ) : null}
              {event.accessibilityNotes ? (
                <p className="pre-line" lang={event.languages.accessibilityNotes}>
                  {event.accessibilityNotes}
                </p>
              ) : null}
            </dd>
          </>
        ) : null}
        {event.anonymityPolicy ? (
          <>
            <dt>{t("events.page.anonymity")}</dt>
            <dd lang={event.languages.original}>{event.anonymityPolicy}</dd>
          </>
        ) : null}
      </dl>

      {event.descriptionHtml ? (
        <section aria-labelledby="about-title">
          <h2 id="about-title">{t("events.page.about")}</h2>
          {/* Rendered by utils/markdown.server.ts: no raw HTML, only http(s) and mailto links. */}
          <div className="markdown" lang={event.languages.description} dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
        </section>
      ) : null}

      {speakers.length > 0 ? <PublicSpeakerList speakers={speakers} timeZone={event.timeZone} /> : null}

      {event.registerUrl ? (
        <section aria-labelledby="registration-title" className="card">
          <h2 id="registration-title">{t("events.page.registration")}</h2>
          <p>
            <Link to={event.registerUrl} className="button">
              {t("events.page.register")}
            </Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="add-to-calendar-title">
        <h2 id="add-to-calendar-title">{t("events.page.addToCalendar")}</h2>
        <ul className="plain-list">
          <li>
            <a href={event.calendarLinks.ics}>{t("events.page.ics")}</a>
          </li>
          <li>
            <a href={event.calendarLinks.google} rel="noopener noreferrer">
              {t("events.page.google")}
            </a>
          </li>
          <li>
            <a href={event.calendarLinks.outlook} rel="noopener noreferrer">
              {t("events.page.outlook")}
            </a>
          </li>
        </ul>
      </section>
      <SubscribePanel url={feedUrl} name={event.title} languages={feedLanguages} />
    </article>
  );
}

export const ErrorBoundary = RouteErrorPage;
