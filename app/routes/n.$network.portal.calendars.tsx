import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CalendarSources } from "~/components/imports/CalendarSources";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { resolveLocale } from "~/i18n/negotiate.server";
import { useT } from "~/i18n/react";
import { getTranslator } from "~/i18n/registry";
import { getCurrentUser, requireMembership } from "~/modules/auth/access.server";
import { handleSourcesAction, loadSourcesPage } from "~/modules/imports/sources-page.server";
import { getOrganisationForPortal, getPartnerOfUser } from "~/modules/partners/partners.server";
import { readFormData } from "~/utils/forms.server";
import { forbidden, httpError, notFound } from "~/utils/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} · Daymark` : "Daymark" }];

/** A partner contact's own organisation's calendars, in the portal. */
async function requirePartner(request: Request, networkSlug: string | undefined) {
  if (!(await getCurrentUser(request))) throw redirect(`/n/${networkSlug}/portal/signin`);
  const access = await requireMembership(request, networkSlug, "partner");
  const contact = await getPartnerOfUser(access.db, access.network.id, access.user.id);
  const organisation = contact ? await getOrganisationForPortal(access.db, access.network.id, contact.id) : undefined;
  if (!organisation) forbidden("errors.forbidden");
  return { ...access, organisation };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user, organisation } = await requirePartner(request, params.network);
  const locale = await resolveLocale(request, user.locale);
  return {
    title: getTranslator(locale)("imports.meta.portalTitle"),
    networkSlug: network.slug,
    networkName: network.name,
    calendars: await loadSourcesPage(db, { network, partner: organisation, locale, organiser: false }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user, organisation } = await requirePartner(request, params.network);
  const outcome = await handleSourcesAction(db, await readFormData(request), {
    networkId: network.id,
    partnerId: organisation.id,
    actorUserId: user.id,
    organiser: false,
    now: new Date(),
  });
  if (!outcome) httpError(400, "errors.badRequest");
  if (outcome.status === 404) notFound();
  return data(outcome, { status: outcome.status });
}

export default function PortalCalendars() {
  const t = useT();
  const { networkSlug, networkName, calendars } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page portal" aria-labelledby="portal-calendars-title">
      <p>
        <Link to={`/n/${networkSlug}/portal`}>{t("imports.portal.back")}</Link>
      </p>
      <h1 id="portal-calendars-title">{t("imports.portal.title")}</h1>
      <p className="lead">{t("imports.portal.intro", { network: networkName })}</p>
      <CalendarSources {...calendars} organiser={false} actionData={actionData} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
