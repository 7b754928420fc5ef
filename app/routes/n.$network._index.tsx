import type { MetaFunction } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { loader as networkLoader } from "./n.$network";

export const meta: MetaFunction = ({ matches }) => {
  const network = matches.find((m) => m.id === "routes/n.$network")?.data as
    | { network: { name: string } }
    | undefined;
  return [{ title: `${network?.network.name ?? "Network"} · Daymark` }];
};

/** The network's public front page. */
export default function NetworkOverview() {
  const t = useT();
  const data = useRouteLoaderData<typeof networkLoader>("routes/n.$network");
  if (!data) return null;
  return (
    <section className="page" aria-labelledby="network-title">
      <h1 id="network-title">{data.network.name}</h1>
      <p className="lead">{t("network.overview.intro")}</p>
      {data.role ? (
        <p>
          <Link to="dashboard" className="button">
            {t("network.overview.openDashboard")}
          </Link>
        </p>
      ) : (
        <p>{t("network.overview.membersSignIn")}</p>
      )}
    </section>
  );
}
