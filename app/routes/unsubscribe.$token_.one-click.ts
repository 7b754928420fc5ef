import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { unsubscribeByToken } from "~/modules/mailings/unsubscribe.server";
import { database } from "~/utils/db.server";
import { looksLikeToken } from "~/utils/tokens.server";

/**
 * RFC 8058 one-click unsubscribe: the address in List-Unsubscribe, posted by
 * the reader's mail provider (body "List-Unsubscribe=One-Click"), without our
 * cookies and from another origin. A resource route, so Remix's own origin
 * check for page actions does not apply; server.mjs lets /unsubscribe through
 * its cross-site guard. Unsubscribing is all it can do.
 */
export async function action({ params }: ActionFunctionArgs) {
  const db = await database();
  const done = looksLikeToken(params.token) ? await unsubscribeByToken(db, params.token) : undefined;
  return new Response(done ? "Unsubscribed.\n" : "Unknown link.\n", {
    status: done ? 200 : 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** Someone opening the address in a browser gets the page that asks first. */
export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/unsubscribe/${encodeURIComponent(params.token ?? "")}`);
}
