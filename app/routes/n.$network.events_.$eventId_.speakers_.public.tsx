import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { PublicSpeakerList } from "~/components/speakers/PublicSpeakerList";
import { useLocale, useT } from "~/i18n/react";
import { getCurrentUser } from "~/modules/auth/access.server";
import { getMembershipRole, getNetworkBySlug } from "~/modules/networks/networks.server";
import { formatTimeSpan } from "~/modules/speakers/format";
import { findPublicEvent, listPublicSpeakers, mayReadEvent } from "~/modules/speakers/public.server";
import styles from "~/styles/speakers.css?url";
import { database } from "~/utils/db.server";
import { isUuid } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.speakers")];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** The public speakers of an event: what each speaker agreed to show, nothing more. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await database();
  const network = params.network ? await getNetworkBySlug(db, params.network) : undefined;
  if (!network || !isUuid(params.eventId)) notFound();
  const event = await findPublicEvent(db, network.id, params.eventId);
  if (!event) notFound();
  const user = await getCurrentUser(request);
  const role = user ? ((await getMembershipRole(db, network.id, user.id)) ?? null) : null;
  // An event the reader may not see does not exist for them.
  if (!mayReadEvent(event, role)) notFound();
  return {
    event: {
      title: event.title,
      timeZone: event.time_zone,
      span: {
        startsAt: event.starts_at.toISOString(),
        endsAt: event.ends_at.toISOString(),
        timeZone: event.time_zone,
        allDay: event.all_day && event.start_date && event.end_date ? { startDate: event.start_date, endDate: event.end_date } : null,
      },
    },
    speakers: await listPublicSpeakers(db, event.id),
  };
}

export default function PublicSpeakers() {
  const t = useT();
  const locale = useLocale();
  const { event, speakers } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="public-speakers-title">
      <h1 id="public-speakers-title">{t("speakers.public.title", { event: event.title })}</h1>
      <p className="lead">{formatTimeSpan(event.span, locale)}</p>
      <PublicSpeakerList speakers={speakers} timeZone={event.timeZone} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
