import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CalendarSources } from "~/components/imports/CalendarSources";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { resolveLocale } from "~/i18n/negotiate.server";
import { useT } from "~/i18n/react";
import { getTranslator } from "~/i18n/registry";
import { requireMembership } from "~/modules/auth/access.server";
import { handleSourcesAction, loadSourcesPage } from "~/modules/imports/sources-page.server";
import { getPartner } from "~/modules/partners/partners.server";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Daymark` : "Daymark" }];

/** Organisers: the calendars a partner organisation's events are imported from. */
async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireMembership(request, params.network, "organiser");
  const partner = isUuid(params.partnerId) ? await getPartner(access.db, access.network.id, params.partnerId) : undefined;
  if (!partner) notFound();
  return { ...access, partner };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user, partner } = await load(request, params);
  const locale = await resolveLocale(request, user.locale);
  return {
    title: getTranslator(locale)("imports.meta.partnerTitle", { partner: partner.name }),
    networkSlug: network.slug,
    partner: { id: partner.id, name: partner.name },
    calendars: await loadSourcesPage(db, { network, partner, locale, organiser: true }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user, partner } = await load(request, params);
  const outcome = await handleSourcesAction(db, await readFormData(request), {
    networkId: network.id,
    partnerId: partner.id,
    actorUserId: user.id,
    organiser: true,
    now: new Date(),
  });
  if (!outcome) httpError(400, "errors.badRequest");
  if (outcome.status === 404) notFound();
  return data(outcome, { status: outcome.status });
}

export default function PartnerCalendars() {
  const t = useT();
  const { networkSlug, partner, calendars } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page" aria-labelledby="partner-calendars-title">
      <p>
        <Link to={`/n/${networkSlug}/partners/${partner.id}`}>{t("imports.partner.back", { partner: partner.name })}</Link>
      </p>
      <h1 id="partner-calendars-title">{t("imports.partner.title", { partner: partner.name })}</h1>
      <p className="lead">{t("imports.partner.intro")}</p>
      <CalendarSources {...calendars} organiser actionData={actionData} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
