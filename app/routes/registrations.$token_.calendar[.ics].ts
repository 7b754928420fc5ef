import type { LoaderFunctionArgs } from "@remix-run/node";
import { calendarForRegistration } from "~/modules/registrations/calendar.server";
import { findRegistrationByToken } from "~/modules/registrations/registrations.server";
import { database } from "~/utils/db.server";

/** The personal feed: every event this address has a seat for in the network, online links included. */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = await database();
  const registration = await findRegistrationByToken(db, params.token);
  const text = registration ? await calendarForRegistration(db, registration, "feed") : undefined;
  if (!text) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(text, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}
