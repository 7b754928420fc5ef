import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { getCurrentUser } from "~/modules/auth/access.server";
import { listNetworks, listUserNetworks } from "~/modules/networks/networks.server";
import { database } from "~/utils/db.server";

export const meta: MetaFunction = () => [
  { title: "Daymark" },
  { name: "description", content: "Plan campaigns around global days, publish event calendars and reach partner organisations." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const db = await database();
  const user = await getCurrentUser(request);
  return {
    networks: await listNetworks(db),
    mine: user ? await listUserNetworks(db, user.id) : [],
  };
}

export default function Home() {
  const t = useT();
  const { networks, mine } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="home-title">
      <h1 id="home-title">{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      <ul className="feature-list">
        <li>{t("home.features.campaigns")}</li>
        <li>{t("home.features.calendars")}</li>
        <li>{t("home.features.people")}</li>
        <li>{t("home.features.privacy")}</li>
      </ul>
      {mine.length > 0 ? (
        <>
          <h2>{t("home.yourNetworks")}</h2>
          <ul className="plain-list">
            {mine.map((network) => (
              <li key={network.slug}>
                <Link to={`/n/${network.slug}/dashboard`}>{network.name}</Link> · {t(`roles.${network.role}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t("home.networks")}</h2>
      {networks.length === 0 ? (
        <p>{t("home.noNetworks")}</p>
      ) : (
        <ul className="plain-list">
          {networks.map((network) => (
            <li key={network.slug}>
              <Link to={`/n/${network.slug}`}>{network.name}</Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
