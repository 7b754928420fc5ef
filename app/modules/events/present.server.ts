import { defaultLocale, type Locale } from "~/i18n/locales";
import type { ShownEventTexts } from "~/modules/translations/event-translations.server";
import { markdownToPlainText, renderMarkdown } from "~/utils/markdown.server";
import { onlineLinkFor, visitor } from "./online-link";
import type { EventSummary, getEventDetails, listCalendarFilterChoices } from "./calendar.server";
import { googleCalendarUrl, outlookCalendarUrl } from "./calendar-links";
import { formatEventWhen, formatInstantIn, intlLocale } from "./event-times";

/**
 * Events as pages show them: dates and names formatted on the server, in the
 * reader's language, so the browser shows exactly what the server rendered.
 * The viewer's own time zone is added in the browser (components/events).
 */

// Building an Intl.DisplayNames costs far more than using one: keep one per language and kind.
const displayNames = new Map<string, Intl.DisplayNames>();
function displayName(code: string, locale: Locale, type: "region" | "language"): string {
  const key = `${locale}:${type}`;
  let names = displayNames.get(key);
  if (!names) {
    names = new Intl.DisplayNames([intlLocale(locale)], { type });
    displayNames.set(key, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

export function regionName(code: string | null, locale: Locale): string | null {
  return code ? displayName(code, locale, "region") : null;
}

export function languageName(code: string, locale: Locale): string {
  return displayName(code, locale, "language");
}

/** A list entry: when (in the event's zone), where, and its tags. */
export function presentSummary(event: EventSummary, locale: Locale) {
  return {
    ...event,
    when: formatEventWhen(event, locale, event.timeZone),
    place: [event.city, regionName(event.country, locale)].filter(Boolean).join(", "),
    languageNames: event.languages.map((code) => languageName(code, locale)),
  };
}
export type PresentedSummary = ReturnType<typeof presentSummary>;

/** The calendar's filter choices, with country and language names in the reader's language. */
export function presentFilterChoices(choices: Awaited<ReturnType<typeof listCalendarFilterChoices>>, locale: Locale) {
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, locale);
  return {
    campaigns: choices.campaigns,
    hosts: choices.hosts,
    days: choices.days
      .map((day) => ({ key: day.key, name: day.names[locale] ?? day.names[defaultLocale] ?? Object.values(day.names)[0] ?? day.key }))
      .sort(byName),
    countries: choices.countries.map((code) => ({ code, name: regionName(code, locale)! })).sort(byName),
    languages: choices.languages.map((code) => ({ code, name: languageName(code, locale) })).sort(byName),
  };
}

type EventDetails = NonNullable<Awaited<ReturnType<typeof getEventDetails>>>;

export interface EventPageOptions {
  locale: Locale;
  networkSlug: string;
  appUrl: string;
  /** Organisers and the submitting partner: drafts, notes, the private online link. */
  canEdit: boolean;
  canManage: boolean;
  /** The texts in the reader's language (app/modules/translations); without them, the original's. */
  texts?: ShownEventTexts;
}

export function presentEventPage(original: EventDetails, options: EventPageOptions) {
  const { locale, texts } = options;
  const event = texts
    ? { ...original, title: texts.title.text, description: texts.description.text, accessibility_notes: texts.accessibilityNotes.text }
    : original;
  const textLanguage = (shown: { language: string } | undefined) => shown?.language ?? original.content_language;
  const translatedQuery = texts && texts.language !== original.content_language ? `?lang=${encodeURIComponent(texts.language)}` : "";
  const path = `/n/${options.networkSlug}/events/${event.id}`;
  const countryName = regionName(event.country, locale);
  const onlineUrlShown = onlineLinkFor(
    { onlineUrl: event.online_url, onlineUrlPublic: event.online_url_public },
    options.canEdit ? { kind: "host" } : visitor,
  );
  const location =
    [event.venue_name, event.address, event.city, countryName].filter(Boolean).join(", ") ||
    (event.online_url_public && event.online_url ? event.online_url : "");
  const plain = markdownToPlainText(event.description);
  const details = `${plain.length > 1200 ? `${plain.slice(0, 1200)}…` : plain}\n\n${options.appUrl}${path}`.trim();
  const linkEvent = {
    title: event.title,
    startsAt: event.starts_at,
    endsAt: event.ends_at,
    allDay: event.all_day,
    startDate: event.start_date,
    endDate: event.end_date,
    timeZone: event.time_zone,
    location,
    details,
  };
  const formatInstant = (value: Date | null) => (value ? formatInstantIn(value, locale, event.time_zone) : null);
  return {
    id: event.id,
    title: event.title,
    /** The language of each translated text, for `lang` attributes. */
    languages: {
      original: original.content_language,
      title: textLanguage(texts?.title),
      description: textLanguage(texts?.description),
      accessibilityNotes: textLanguage(texts?.accessibilityNotes),
    },
    status: event.status,
    visibility: event.visibility,
    descriptionHtml: renderMarkdown(event.description),
    when: formatEventWhen(
      { startsAt: event.starts_at, endsAt: event.ends_at, allDay: event.all_day, startDate: event.start_date, endDate: event.end_date },
      locale,
      event.time_zone,
    ),
    startsAt: event.starts_at.toISOString(),
    endsAt: event.ends_at.toISOString(),
    allDay: event.all_day,
    timeZone: event.time_zone,
    mode: event.mode,
    venueName: event.venue_name,
    address: event.address,
    city: event.city,
    countryName,
    onlineUrl: onlineUrlShown,
    onlineUrlPrivate: Boolean(event.online_url) && !onlineUrlShown,
    capacity: event.capacity,
    registrationOpens: formatInstant(event.registration_opens_at),
    registrationCloses: formatInstant(event.registration_closes_at),
    languageNames: event.languages.map((code) => languageName(code, locale)),
    interpretation: event.interpretation,
    accessibility: event.accessibility,
    accessibilityNotes: event.accessibility_notes,
    anonymityPolicy: event.anonymity_policy,
    hostName: event.host_name,
    cohostNames: event.cohosts.map((cohost) => cohost.name),
    campaign: event.campaign_slug
      ? { slug: event.campaign_slug, title: event.campaign_title!, titleLanguage: event.campaign_content_language! }
      : null,
    calendarLinks: {
      ics: `${path}/calendar.ics`,
      google: googleCalendarUrl(linkEvent),
      outlook: outlookCalendarUrl(linkEvent),
    },
    // Registering keeps the language the reader reads the event in (their messages come in it).
    registerUrl: event.status === "published" ? `${path}/register${translatedQuery}` : null,
    reviewNote: options.canEdit ? event.review_note : "",
    partnerChanged: options.canManage && event.partner_changed_at !== null,
    canEdit: options.canEdit && event.status !== "cancelled",
    canManage: options.canManage,
  };
}
export type EventPage = ReturnType<typeof presentEventPage>;
