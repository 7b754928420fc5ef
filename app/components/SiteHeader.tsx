import { Form, Link, NavLink, useLocation, useMatches } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { Translate } from "~/i18n/translate";
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

interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** The network's pages this reader may open, in the order of a planning year. */
function networkLinks(t: Translate, base: string, role: MembershipRole | null, mailboxEnabled: boolean): NavItem[] {
  const organiser = role !== null && roleAtLeast(role, "organiser");
  const items: (NavItem | false)[] = [
    { to: base, label: t("nav.overview"), end: true },
    { to: `${base}/events`, label: t("events.nav.calendar") },
    role !== null && { to: `${base}/dashboard`, label: t("nav.dashboard") },
    role !== null && { to: `${base}/year`, label: t("campaigns.nav.year") },
    role !== null && { to: `${base}/campaigns`, label: t("campaigns.nav.campaigns") },
    role !== null && { to: `${base}/my-actions`, label: t("campaigns.nav.myActions") },
    role !== null && {
      to: `${base}/manage/events`,
      label: role === "partner" ? t("events.nav.partnerEvents") : t("events.nav.manage"),
    },
    organiser && { to: `${base}/speakers`, label: t("speakers.nav") },
    organiser && { to: `${base}/partners`, label: t("partners.navLink") },
    organiser && { to: `${base}/mailings`, label: t("mailings.navLink") },
    role === "partner" && { to: `${base}/portal`, label: t("portal.navLink") },
    role !== null && { to: `${base}/feeds`, label: t("feeds.nav") },
    role === "owner" && { to: `${base}/members`, label: t("nav.members") },
    organiser && { to: `${base}/privacy`, label: t("registrations.nav.privacy") },
    role === "owner" && mailboxEnabled && { to: `${base}/mailbox`, label: t("nav.mailbox") },
  ];
  return items.filter((item): item is NavItem => item !== false);
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
            {networkLinks(t, base, role, current.mailboxEnabled).map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
