import { contentLanguagePreferences, resolveLocale } from "~/i18n/negotiate.server";
import { getCurrentUser, requireMembership } from "~/modules/auth/access.server";
import { getMembershipRole, getRequestNetwork } from "~/modules/networks/networks.server";
import { getPartnerOfUser } from "~/modules/partners/partners.server";
import { database } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import type { CalendarViewer, ReaderLanguages } from "./calendar.server";
import type { EventActor } from "./events.server";

/**
 * Who looks at a public calendar page: anyone, signed in or not. Members see
 * "partners only" events too; a partner contact also sees their own
 * organisation's submissions.
 */
export async function calendarViewerFor(request: Request, networkSlug: string | undefined) {
  const db = await database();
  const network = networkSlug ? await getRequestNetwork(db, request, networkSlug) : undefined;
  if (!network) notFound("errors.networkNotFound");
  const user = await getCurrentUser(request);
  const role = user ? ((await getMembershipRole(db, network.id, user.id)) ?? null) : null;
  const partner = user && role === "partner" ? await getPartnerOfUser(db, network.id, user.id) : undefined;
  const viewer: CalendarViewer & { signedIn: boolean } = { role, partnerId: partner?.id ?? null, signedIn: Boolean(user) };
  const locale = await resolveLocale(request, user?.locale);
  const reading: ReaderLanguages = {
    preferences: await contentLanguagePreferences(request, locale),
    fallbacks: [network.content_language],
  };
  return { db, network, user, viewer, locale, reading };
}

/**
 * Someone who may create or edit events: an organiser (or owner), or a
 * partner contact linked to an organisation (403 for a partner account
 * without one).
 */
export async function requireEventActor(request: Request, networkSlug: string | undefined) {
  const { db, network, user, role } = await requireMembership(request, networkSlug, "partner");
  const partner = role === "partner" ? await getPartnerOfUser(db, network.id, user.id) : undefined;
  if (role === "partner" && !partner) forbidden("errors.forbidden");
  const actor: EventActor = { userId: user.id, role, partnerId: partner?.id ?? null };
  return { db, network, user, actor, partner, locale: await resolveLocale(request, user.locale) };
}
