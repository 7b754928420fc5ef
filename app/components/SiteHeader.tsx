import { Form, Link, useLocation, useMatches } from "@remix-run/react";
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
  /** Pages under another item's address that belong here (an organiser's event pages live under /events). */
  owns?: RegExp;
}

interface NavGroup {
  label: string;
  items: NavItem[];
}

/** An event's organiser pages, whose addresses sit under the public calendar's. */
const organiserEventPages = /^\/events\/(new$|[^/]+\/(edit|attendees|check-in|registration-settings|speakers)(\/|$))/;

/** The network's pages this reader may open, grouped the way a planning year runs. */
function networkGroups(t: Translate, base: string, role: MembershipRole | null, mailboxEnabled: boolean): NavGroup[] {
  const member = role !== null;
  const organiser = member && roleAtLeast(role, "organiser");
  const groups: { label: string; items: (NavItem | false)[] }[] = [
    {
      label: t("nav.groups.events"),
      items: [
        { to: base, label: t("nav.overview") },
        { to: `${base}/events`, label: t("events.nav.calendar") },
        member && {
          to: `${base}/manage/events`,
          label: role === "partner" ? t("events.nav.partnerEvents") : t("events.nav.manage"),
          owns: organiserEventPages,
        },
        organiser && { to: `${base}/speakers`, label: t("speakers.nav") },
        member && { to: `${base}/feeds`, label: t("feeds.nav") },
      ],
    },
    {
      label: t("nav.groups.planning"),
      items: [
        member && { to: `${base}/dashboard`, label: t("nav.dashboard") },
        member && { to: `${base}/year`, label: t("campaigns.nav.year") },
        member && { to: `${base}/campaigns`, label: t("campaigns.nav.campaigns") },
        member && { to: `${base}/my-actions`, label: t("campaigns.nav.myActions") },
      ],
    },
    {
      label: t("nav.groups.people"),
      items: [
        organiser && { to: `${base}/partners`, label: t("partners.navLink") },
        organiser && { to: `${base}/mailings`, label: t("mailings.navLink") },
        role === "partner" && { to: `${base}/portal`, label: t("portal.navLink") },
        role === "owner" && { to: `${base}/members`, label: t("nav.members") },
        role === "owner" && { to: `${base}/languages`, label: t("translations.nav") },
        role === "owner" && { to: `${base}/integrations`, label: t("nav.integrations") },
        organiser && { to: `${base}/privacy`, label: t("registrations.nav.privacy") },
        role === "owner" && mailboxEnabled && { to: `${base}/mailbox`, label: t("nav.mailbox") },
      ],
    },
  ];
  return groups
    .map((group) => ({ label: group.label, items: group.items.filter((item): item is NavItem => item !== false) }))
    .filter((group) => group.items.length > 0);
}

/**
 * The one item to mark as the current page: an item that owns the address,
 * else the item whose address is the longest prefix of it (the overview only
 * for itself).
 */
function currentItem(items: NavItem[], base: string, pathname: string): NavItem | undefined {
  const path = pathname.replace(/\/+$/, "");
  const inNetwork = path.slice(base.length);
  const owner = items.find((item) => item.owns?.test(inNetwork));
  if (owner) return owner;
  return items
    .filter((item) => (item.to === base ? path === base : path === item.to || path.startsWith(`${item.to}/`)))
    .sort((a, b) => b.to.length - a.to.length)[0];
}

function NavList({ items, current }: { items: NavItem[]; current: NavItem | undefined }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.to}>
          <Link to={item.to} aria-current={item === current ? "page" : undefined} className={item === current ? "active" : undefined}>
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function SiteHeader({ user }: { user: { name: string } | null }) {
  const t = useT();
  const location = useLocation();
  const current = useCurrentNetwork();
  const signInHref = `/signin?redirectTo=${encodeURIComponent(location.pathname + location.search)}`;
  const base = current ? `/n/${current.network.slug}` : "";
  const role = current?.role ?? null;
  const groups = current ? networkGroups(t, base, role, current.mailboxEnabled) : undefined;
  const currentPage = groups
    ? currentItem(
        groups.flatMap((group) => group.items),
        base,
        location.pathname,
      )
    : undefined;

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
      {groups ? (
        <>
          {/* Wide screens show every page in a row; phones get the same pages, grouped, behind a menu
              that opens without JavaScript. CSS shows exactly one of the two. */}
          <nav aria-label={t("layout.networkNavigation")} className="site-nav site-nav--wide">
            <NavList items={groups.flatMap((group) => group.items)} current={currentPage} />
          </nav>
          <nav aria-label={t("layout.networkNavigation")} className="site-nav site-nav--menu">
            <details key={location.pathname}>
              <summary>
                {t("layout.menu")}
                {currentPage ? <span className="site-nav__current">: {currentPage.label}</span> : null}
              </summary>
              {groups.map((group, index) => (
                <div key={group.label} role="group" aria-labelledby={`site-nav-group-${index}`}>
                  <p id={`site-nav-group-${index}`} className="site-nav__group">
                    {group.label}
                  </p>
                  <NavList items={group.items} current={currentPage} />
                </div>
              ))}
            </details>
          </nav>
        </>
      ) : null}
    </header>
  );
}
