import { Form, Link, NavLink, useLocation, useMatches } from "@remix-run/react";
import { useT } from "~/i18n/react";
import { roleAtLeast, type MembershipRole } from "~/modules/networks/networks.schema";
import { LanguageSwitcher } from "./LanguageSwitcher";

interface NetworkRouteData {
  network: { slug: string; name: string };
  role: MembershipRole | null;
  mailboxEnabled: boolean;
}

/** The network route's data, when the page belongs to a network. */
function useCurrentNetwork(): NetworkRouteData | undefined {
  const match = useMatches().find((m) => m.id === "routes/n.$network");
  return match?.data as NetworkRouteData | undefined;
}

export function SiteHeader({ user }: { user: { name: string } | null }) {
  const t = useT();
  const location = useLocation();
  const current = useCurrentNetwork();
  const signInHref = `/signin?redirectTo=${encodeURIComponent(location.pathname + location.search)}`;
  const base = current ? `/n/${current.network.slug}` : "";
  const role = current?.role ?? null;

  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("layout.skipToContent")}
      </a>
      <div className="site-header__bar">
        <Link to="/" className="brand">
          Daymark
        </Link>
        {current ? (
          <Link to={base} className="network-name">
            {current.network.name}
          </Link>
        ) : null}
        <div className="site-header__tools">
          <LanguageSwitcher />
          {user ? (
            <Form method="post" action="/signout" className="inline-form">
              <span className="user-name">{user.name}</span>{" "}
              <button type="submit" className="button-link">
                {t("layout.signOut")}
              </button>
            </Form>
          ) : (
            <Link to={signInHref}>{t("layout.signIn")}</Link>
          )}
        </div>
      </div>
      {current ? (
        <nav aria-label={t("layout.networkNavigation")} className="site-nav">
          <ul>
            <li>
              <NavLink to={base} end>
                {t("nav.overview")}
              </NavLink>
            </li>
            {role ? (
              <li>
                <NavLink to={`${base}/dashboard`}>{t("nav.dashboard")}</NavLink>
              </li>
            ) : null}
            {role === "owner" ? (
              <li>
                <NavLink to={`${base}/members`}>{t("nav.members")}</NavLink>
              </li>
            ) : null}
            {role && roleAtLeast(role, "organiser") ? (
              <>
                <li>
                  <NavLink to={`${base}/partners`}>{t("partners.navLink")}</NavLink>
                </li>
                <li>
                  <NavLink to={`${base}/mailings`}>{t("mailings.navLink")}</NavLink>
                </li>
              </>
            ) : null}
            {role === "partner" ? (
              <li>
                <NavLink to={`${base}/portal`}>{t("portal.navLink")}</NavLink>
              </li>
            ) : null}
            {role && roleAtLeast(role, "organiser") && current.mailboxEnabled ? (
              <li>
                <NavLink to={`${base}/mailbox`}>{t("nav.mailbox")}</NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
