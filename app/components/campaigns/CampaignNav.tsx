import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/react";

/** The campaign's pages; organisers also see the dashboard and the edit form. */
export function CampaignNav({ base, organiser }: { base: string; organiser: boolean }) {
  const t = useT();
  return (
    <nav aria-label={t("campaigns.nav.label")} className="sub-nav">
      <ul>
        <li>
          <NavLink to={base} end>
            {t("campaigns.nav.page")}
          </NavLink>
        </li>
        <li>
          <NavLink to={`${base}/plan`}>{t("campaigns.nav.plan")}</NavLink>
        </li>
        {organiser ? (
          <>
            <li>
              <NavLink to={`${base}/dashboard`}>{t("campaigns.nav.dashboard")}</NavLink>
            </li>
            <li>
              <NavLink to={`${base}/edit`}>{t("campaigns.nav.edit")}</NavLink>
            </li>
          </>
        ) : null}
      </ul>
    </nav>
  );
}
