import type { Kysely } from "kysely";
import { z } from "zod";
import type { Database } from "~db/types";
import { defaultLocale, isLocale, type Locale } from "~/i18n/locales";
import { parseFilters } from "~/modules/feeds/serve.server";
import { findApiNetwork } from "./directory.server";
import type { EventQuery } from "./events.server";
import { ApiProblem } from "./http.server";

/** Query parameters as openapi.ts declares them; a malformed one is a 400 naming it. */
export async function requireNetwork(db: Kysely<Database>, slug: string | undefined) {
  const network = slug ? await findApiNetwork(db, slug) : undefined;
  if (!network) throw new ApiProblem(404, "Not found", "network");
  return network;
}

export function languageOf(url: URL, network: { default_locale: string }): Locale {
  const lang = url.searchParams.get("lang");
  if (lang !== null) {
    if (!isLocale(lang)) throw new ApiProblem(400, "Bad request", "lang");
    return lang;
  }
  return isLocale(network.default_locale) ? network.default_locale : defaultLocale;
}

const EventParamsSchema = z.object({
  campaign: z.uuid().optional(),
  day: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .optional(),
  partner: z.uuid().optional(),
  changed_since: z.iso.datetime({ offset: true }).optional(),
  ends_after: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export function eventQueryOf(url: URL): EventQuery {
  const search = url.searchParams;
  const filters = parseFilters(search);
  if (!filters) {
    const bad = ["country", "language", "mode"].find(
      (name) => search.has(name) && !parseFilters(new URLSearchParams({ [name]: search.get(name)! })),
    );
    throw new ApiProblem(400, "Bad request", bad ?? "filter");
  }
  const raw = Object.fromEntries(
    ["campaign", "day", "partner", "changed_since", "ends_after", "limit", "cursor"].flatMap((name) =>
      search.has(name) ? [[name, search.get(name)!]] : [],
    ),
  );
  const parsed = EventParamsSchema.safeParse(raw);
  if (!parsed.success) throw new ApiProblem(400, "Bad request", String(parsed.error.issues[0]?.path[0] ?? "query"));
  const value = parsed.data;
  return {
    filters,
    limit: value.limit,
    ...(value.campaign ? { campaignId: value.campaign } : {}),
    ...(value.day ? { dayKey: value.day } : {}),
    ...(value.partner ? { partnerId: value.partner } : {}),
    ...(value.changed_since ? { changedSince: new Date(value.changed_since) } : {}),
    ...(value.ends_after ? { endsAfter: new Date(value.ends_after) } : {}),
    ...(value.cursor ? { cursor: value.cursor } : {}),
  };
}
