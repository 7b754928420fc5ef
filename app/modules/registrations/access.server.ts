import { contentLanguagePreferences, resolveLocale } from "~/i18n/negotiate.server";
import { getCurrentUser, requireMembership } from "~/modules/auth/access.server";
import { getMembershipRole, getRequestNetwork } from "~/modules/networks/networks.server";
import { database } from "~/utils/db.server";
import { isUuid } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { eventInLanguage, findNetworkEvent } from "./events.server";

/**
 * An event people may register for, as the public sees it: drafts and events
 * under review do not exist for them, and partner-only events need a
 * partner account of the network.
 */
export async function requireRegistrableEvent(request: Request, networkSlug: string | undefined, eventId: string | undefined) {
  const db = await database();
  const network = networkSlug ? await getRequestNetwork(db, request, networkSlug) : undefined;
  if (!network) notFound("errors.networkNotFound");
  const event = isUuid(eventId) ? await findNetworkEvent(db, network.id, eventId) : undefined;
  if (!event || event.status === "draft" || event.status === "pending_review") notFound();
  if (event.visibility === "partners") {
    const user = await getCurrentUser(request);
    const role = user ? await getMembershipRole(db, network.id, user.id) : undefined;
    if (!role) notFound();
  }
  // The reader's language, as on the event's page: the registration remembers it for the messages it sends.
  const preferences = await contentLanguagePreferences(request, await resolveLocale(request));
  return { db, network, event: await eventInLanguage(db, event, preferences, [network.content_language]) };
}

/** An organiser of the network and one of its events (404 for another network's event or a malformed id). */
export async function requireOrganiserEvent(request: Request, networkSlug: string | undefined, eventId: string | undefined) {
  const access = await requireMembership(request, networkSlug, "organiser");
  const event = isUuid(eventId) ? await findNetworkEvent(access.db, access.network.id, eventId) : undefined;
  if (!event) notFound();
  return { ...access, event };
}
