import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { isPublic, listCampaigns } from "~/modules/campaigns/campaigns.server";
import { listTemplates } from "~/modules/campaigns/rollover.server";
import { formatDayRange } from "~/modules/days/format";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction = (args) => [pageTitle(args, "titles.campaigns")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, role } = await requireMembership(request, params.network, "partner");
  const organiser = roleAtLeast(role, "organiser");
  const campaigns = (await listCampaigns(db, network.id)).filter((c) => organiser || isPublic(c.status));
  return { campaigns, templates: organiser ? await listTemplates(db, network.id) : [], organiser };
}

export default function Campaigns() {
  const t = useT();
  const locale = useLocale();
  const { campaigns, templates, organiser } = useLoaderData<typeof loader>();
  const base = `/n/${useParams().network}`;
  return (
    <section className="page" aria-labelledby="campaigns-title">
      <h1 id="campaigns-title">{t("campaigns.list.title")}</h1>
      {organiser ? (
        <p className="actions">
          <Link to={`${base}/year`} className="button">
            {t("campaigns.list.fromYear")}
          </Link>
          <Link to={`${base}/campaigns/new`}>{t("campaigns.list.newOwnDates")}</Link>
        </p>
      ) : null}
      {campaigns.length === 0 ? <p>{t("campaigns.list.empty")}</p> : null}
      <ul className="campaign-list">
        {campaigns.map((c) => (
          <li key={c.id}>
            <Link to={`${base}/campaigns/${c.slug}${organiser ? "/plan" : ""}`}>{c.title}</Link>{" "}
            <span className={`status status--${c.status}`}>{t(`campaigns.status.${c.status}`)}</span>
            <br />
            <span className="field-hint">
              {c.starts_on ? formatDayRange(c.starts_on, c.ends_on ?? c.starts_on, locale) : null}
              {organiser ? ` · ${t("campaigns.list.openActions", { count: c.openCount, total: c.actionCount })}` : null}
            </span>
          </li>
        ))}
      </ul>
      {organiser ? (
        <>
          <h2>{t("campaigns.templates.listTitle")}</h2>
          {templates.length === 0 ? (
            <p>{t("campaigns.templates.empty")}</p>
          ) : (
            <ul className="plain-list">
              {templates.map((tpl) => (
                <li key={tpl.id}>
                  {t("campaigns.fields.templateOption", { name: tpl.name, count: tpl.actionCount })}{" "}
                  <Link to={`${base}/campaigns/new?template=${tpl.id}`}>{t("campaigns.templates.use")}</Link>
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
