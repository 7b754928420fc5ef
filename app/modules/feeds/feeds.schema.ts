import { z } from "zod";

/**
 * What a feed holds and where it lives. Safe for the browser: pages build
 * subscribe links from these paths, and docs/feeds.md documents them.
 */
export const eventModes = ["in_person", "online", "hybrid"] as const;
export type EventModeFilter = (typeof eventModes)[number];

/** The public calendar's filters, as query parameters of a feed URL. */
export interface FeedFilters {
  country?: string;
  language?: string;
  mode?: EventModeFilter;
}

export const FeedFiltersSchema = z.object({
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/)
    .transform((value) => value.toUpperCase())
    .optional(),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}$/)
    .transform((value) => value.toLowerCase())
    .optional(),
  mode: z.enum(eventModes).optional(),
});

/**
 * `lang`: the content language (BCP 47) titles and descriptions are written
 * in, where an event has that translation (not to be confused with the
 * `language` filter: events held in a language).
 */
export type FeedTarget = { lang?: string } & (
  | { kind: "network"; network: string; filters: FeedFilters }
  | { kind: "campaign"; network: string; campaignId: string; filters: FeedFilters }
  | { kind: "partner"; network: string; partnerId: string; filters: FeedFilters }
  | { kind: "day"; network: string; dayKey: string; filters: FeedFilters }
  | { kind: "private"; network: string; token: string }
  | { kind: "event"; network: string; eventId: string }
);

function filterQuery(filters: FeedFilters, lang: string | undefined): string {
  const params = new URLSearchParams();
  if (filters.country) params.set("country", filters.country);
  if (filters.language) params.set("language", filters.language);
  if (filters.mode) params.set("mode", filters.mode);
  if (lang) params.set("lang", lang);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** The stable path of a feed (with its filters in a fixed order). */
export function feedPath(target: FeedTarget): string {
  const network = `/n/${encodeURIComponent(target.network)}`;
  switch (target.kind) {
    case "network":
      return `${network}/calendar.ics${filterQuery(target.filters, target.lang)}`;
    case "campaign":
      return `${network}/campaigns/${target.campaignId}/calendar.ics${filterQuery(target.filters, target.lang)}`;
    case "partner":
      return `${network}/partners/${target.partnerId}/calendar.ics${filterQuery(target.filters, target.lang)}`;
    case "day":
      return `${network}/days/${encodeURIComponent(target.dayKey)}/calendar.ics${filterQuery(target.filters, target.lang)}`;
    case "private":
      return `${network}/feeds/${target.token}/calendar.ics${filterQuery({}, target.lang)}`;
    case "event":
      return `${network}/events/${target.eventId}/calendar.ics${filterQuery({}, target.lang)}`;
  }
}

/** The links a subscribe panel offers for a feed at `httpsUrl` (an absolute http(s) URL). */
export function subscribeLinks(httpsUrl: string, name: string) {
  const webcal = httpsUrl.replace(/^https?:\/\//, "webcal://");
  const encoded = encodeURIComponent(httpsUrl);
  return {
    https: httpsUrl,
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encoded}&name=${encodeURIComponent(name)}`,
    outlook365: `https://outlook.office.com/calendar/0/addfromweb?url=${encoded}&name=${encodeURIComponent(name)}`,
  };
}

export const TokenActionSchema = z.object({
  intent: z.enum(["issue", "revoke"]),
  partnerId: z.uuid(),
});
