import type { LoaderFunctionArgs } from "@remix-run/node";
import { feedResponse } from "~/modules/feeds/serve.server";

/** A calendar feed (docs/feeds.md). server.mjs answers it ahead of Remix; this route serves it in development. */
export const loader = ({ request }: LoaderFunctionArgs) => feedResponse(request);
