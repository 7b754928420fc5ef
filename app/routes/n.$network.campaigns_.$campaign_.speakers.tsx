import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { InvitationCard } from "~/components/speakers/InvitationCard";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { formatTimeSpan } from "~/modules/speakers/format";
import { listCampaignInvitations } from "~/modules/speakers/overview.server";
import styles from "~/styles/speakers.css?url";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.campaignSpeakers")];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "organiser");
  const campaign = params.campaign ? await listCampaignInvitations(db, network.id, params.campaign) : undefined;
  if (!campaign) notFound();
  return { networkSlug: network.slug, ...campaign };
}

/** Every invitation across a campaign's events, event by event. */
export default function CampaignSpeakers() {
  const t = useT();
  const locale = useLocale();
  const { networkSlug, campaign, groups } = useLoaderData<typeof loader>();
  const total = groups.reduce((sum, group) => sum + group.invitations.length, 0);
  return (
    <section className="page" aria-labelledby="campaign-speakers-title">
      <h1 id="campaign-speakers-title">{t("speakers.campaign.title", { campaign: campaign.title })}</h1>
      <p className="lead">{t("speakers.campaign.summary", { count: total })}</p>
      {groups.length === 0 ? <p>{t("speakers.campaign.noEvents")}</p> : null}
      {groups.map(({ event, invitations }) => (
        <section key={event.id} aria-labelledby={`event-${event.id}`}>
          <h2 id={`event-${event.id}`}>
            <Link to={`/n/${networkSlug}/events/${event.id}/speakers`}>{event.title}</Link>
          </h2>
          <p>{formatTimeSpan(event, locale)}</p>
          {invitations.length === 0 ? (
            <p>{t("speakers.organiser.none")}</p>
          ) : (
            <ul className="invitation-list">
              {invitations.map((invitation) => (
                <InvitationCard key={invitation.id} invitation={invitation} timeZone={event.timeZone} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
