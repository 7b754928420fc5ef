import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { CampaignNav } from "~/components/campaigns/CampaignNav";
import { CountryBars } from "~/components/campaigns/CountryBars";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/negotiate.server";
import { requireMembership } from "~/modules/auth/access.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { pledgeKindKeys } from "~/modules/campaigns/campaigns.schema";
import { campaignCountsByCountry, listPledges } from "~/modules/campaigns/pledges.server";
import { countryName } from "~/modules/partners/countries";
import { formatDate } from "~/utils/dates";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction = (args) => [pageTitle(args, "titles.campaignDashboard")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, params.network, "organiser");
  const locale = await resolveLocale(request, membership.user.locale);
  const { campaign } = await requireCampaign(membership.db, membership, params.slug, locale);
  const [pledges, counts] = await Promise.all([
    listPledges(membership.db, membership.network.id, campaign.id),
    campaignCountsByCountry(membership.db, membership.network.id, campaign.id),
  ]);
  return {
    campaign: { slug: campaign.slug, title: campaign.title },
    timeZone: membership.network.time_zone,
    pledges: pledges.map((p) => ({ ...p, created_at: p.created_at.toISOString() })),
    counts,
  };
}

export default function CampaignDashboard() {
  const t = useT();
  const locale = useLocale();
  const { campaign, pledges, counts, timeZone } = useLoaderData<typeof loader>();
  const base = `/n/${useParams().network}/campaigns/${campaign.slug}`;
  const totals = counts.reduce(
    (sum, c) => ({ pledges: sum.pledges + c.pledges, events: sum.events + c.events, registrations: sum.registrations + c.registrations }),
    { pledges: 0, events: 0, registrations: 0 },
  );
  return (
    <section className="page" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("campaigns.dashboard.title", { campaign: campaign.title })}</h1>
      <CampaignNav base={base} organiser />
      <p className="lead">
        {t("campaigns.dashboard.totals", { pledges: totals.pledges, events: totals.events, registrations: totals.registrations })}
      </p>

      <h2 id="countries-title">{t("campaigns.dashboard.byCountry")}</h2>
      {counts.length === 0 ? (
        <p>{t("campaigns.dashboard.nothingYet")}</p>
      ) : (
        <CountryBars labelledBy="countries-title" rows={counts.map((c) => ({ ...c, name: countryName(c.country, locale) }))} />
      )}
      <p>
        <a href={`${base}/report.csv`} download>
          {t("campaigns.dashboard.csv")}
        </a>
      </p>

      <h2>{t("campaigns.dashboard.pledges")}</h2>
      {pledges.length === 0 ? (
        <p>{t("campaigns.dashboard.noPledges")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("campaigns.dashboard.pledges")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("campaigns.dashboard.partner")}</th>
                <th scope="col">{t("campaigns.dashboard.country")}</th>
                <th scope="col">{t("campaigns.pledges.kind")}</th>
                <th scope="col">{t("campaigns.pledges.details")}</th>
                <th scope="col">{t("campaigns.dashboard.date")}</th>
              </tr>
            </thead>
            <tbody>
              {pledges.map((p) => (
                <tr key={p.id}>
                  <td>{p.partnerName}</td>
                  <td>{countryName(p.country, locale)}</td>
                  <td>{t(pledgeKindKeys[p.kind])}</td>
                  <td>{p.details}</td>
                  <td>{formatDate(p.created_at, locale, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
