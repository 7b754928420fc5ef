import type { LoaderFunctionArgs } from "@remix-run/node";
import { resolveLocale } from "~/i18n/negotiate.server";
import { getTranslator } from "~/i18n/registry";
import { requireMembership } from "~/modules/auth/access.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { campaignCountsByCountry, countsToCsv } from "~/modules/campaigns/pledges.server";
import { countryName } from "~/modules/partners/countries";

/** The dashboard's per-country counts as CSV, for reports to funders. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, params.network, "organiser");
  const locale = await resolveLocale(request, membership.user.locale);
  const { campaign } = await requireCampaign(membership.db, membership, params.slug, locale);
  const counts = await campaignCountsByCountry(membership.db, membership.network.id, campaign.id);
  const t = getTranslator(locale);
  const csv = countsToCsv(
    counts,
    {
      countryCode: t("campaigns.dashboard.countryCode"),
      country: t("campaigns.dashboard.country"),
      pledges: t("campaigns.dashboard.pledgesColumn"),
      events: t("campaigns.dashboard.eventsColumn"),
      registrations: t("campaigns.dashboard.registrationsColumn"),
    },
    (code) => countryName(code, locale),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${campaign.slug}-by-country.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
