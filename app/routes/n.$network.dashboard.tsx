import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { listRecentActivity } from "~/modules/audit/activity.server";
import { whatNeedsAttention } from "~/modules/dashboard/attention.server";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import { formatDateTime } from "~/utils/dates";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.dashboard")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user, role } = await requireMembership(request, params.network, "partner");
  const activity = roleAtLeast(role, "organiser") ? await listRecentActivity(db, network.id, 10) : [];
  const attention = await whatNeedsAttention(db, { network, userId: user.id, role });
  return { userName: user.name, role, timeZone: network.time_zone, activity, attention };
}

export default function Dashboard() {
  const t = useT();
  const locale = useLocale();
  const { userName, role, timeZone, activity, attention } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("dashboard.title")}</h1>
      <p className="lead">{t("dashboard.welcome", { name: userName, role: t(`roles.${role}`) })}</p>
      <section aria-labelledby="attention-title" className="card">
        <h2 id="attention-title">{t("dashboard.attention.title")}</h2>
        {attention.length === 0 ? (
          <p>{t("dashboard.attention.none")}</p>
        ) : (
          <ul className="plain-list">
            {attention.map((item) => (
              <li key={item.kind}>
                <Link to={item.href}>{t(`dashboard.attention.${item.kind}`, { count: item.count })}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      {role === "owner" ? (
        <p>
          <Link to="../members">{t("dashboard.inviteOrganisers")}</Link>
        </p>
      ) : null}
      {roleAtLeast(role, "organiser") ? (
        <section aria-labelledby="activity-title" className="card">
          <h2 id="activity-title">{t("dashboard.activity.title")}</h2>
          {activity.length === 0 ? (
            <p>{t("dashboard.activity.empty")}</p>
          ) : (
            <ul className="plain-list">
              {activity.map((entry) => (
                <li key={entry.id}>
                  <time dateTime={new Date(entry.createdAt).toISOString()}>
                    {formatDateTime(new Date(entry.createdAt), locale, timeZone)}
                  </time>{" "}
                  {t("dashboard.activity.entry", {
                    actor: entry.actorName ?? t("dashboard.activity.someone"),
                    action: t(`audit.${entry.action}`),
                  })}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
