import type { LoaderFunctionArgs } from "@remix-run/node";
import { speakerSessionsFeed } from "~/modules/speakers/calendar.server";
import { database } from "~/utils/db.server";
import { looksLikeToken } from "~/utils/tokens.server";

/** The speaker's personal feed of their sessions, for a calendar subscription. */
export async function loader({ params }: LoaderFunctionArgs) {
  const feed = looksLikeToken(params.token) ? await speakerSessionsFeed(await database(), params.token) : undefined;
  if (feed === undefined) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(feed, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
