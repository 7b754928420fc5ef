import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Notice, TextField } from "~/components/form";
import { CheckboxField, ChoiceField } from "~/components/partners/fields";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { getCurrentUser, requireMembership } from "~/modules/auth/access.server";
import { listPartnerPledges } from "~/modules/campaigns/pledges.server";
import { pledgeKindKeys } from "~/modules/campaigns/campaigns.schema";
import { listEventsForManagement } from "~/modules/events/calendar.server";
import { countSources } from "~/modules/imports/sources.server";
import { countryOptions } from "~/modules/partners/countries";
import { PortalOrganisationSchema } from "~/modules/partners/partners.schema";
import { getOrganisationForPortal, getPartnerOfUser, updatePartner } from "~/modules/partners/partners.server";
import { readFormData } from "~/utils/forms.server";
import { forbidden } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.portal")];

/** Partner contacts sign in by e-mailed link, not password: send them there rather than to /signin. */
async function requirePartner(request: Request, networkSlug: string | undefined) {
  if (!(await getCurrentUser(request))) throw redirect(`/n/${networkSlug}/portal/signin`);
  const access = await requireMembership(request, networkSlug, "partner");
  const partner = await getPartnerOfUser(access.db, access.network.id, access.user.id);
  return { ...access, partner };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, partner } = await requirePartner(request, params.network);
  const organisation = partner ? await getOrganisationForPortal(db, network.id, partner.id) : undefined;
  const [events, pledges, calendarCount] = partner
    ? await Promise.all([
        listEventsForManagement(db, { networkId: network.id, partnerId: partner.id }),
        listPartnerPledges(db, network.id, partner.id),
        countSources(db, network.id, partner.id),
      ])
    : [null, [], 0];
  return {
    networkSlug: network.slug,
    networkName: network.name,
    organisation: organisation ?? null,
    events: events?.events.map((event) => ({ id: event.id, title: event.title, status: event.status })) ?? [],
    pledges,
    calendarCount,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user, partner } = await requirePartner(request, params.network);
  if (!partner) forbidden();
  const submission = parseWithZod(await readFormData(request), { schema: PortalOrganisationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  const saved = await updatePartner(db, network.id, partner.id, user.id, submission.value);
  if (!saved.ok) {
    return data({ result: submission.reply({ fieldErrors: { name: ["partners.validation.nameTaken"] } }), saved: false }, { status: 409 });
  }
  return { result: submission.reply(), saved: true };
}

/**
 * The partner portal: one section per thing a partner does here. Sections
 * from other features (events, pledges, private feed link) sit beside
 * "Your organisation", each a <section> with its own h2.
 */
export default function Portal() {
  const t = useT();
  const { organisation, networkSlug, events, pledges, calendarCount } = useLoaderData<typeof loader>();
  const base = `/n/${networkSlug}`;
  return (
    <div className="page portal" aria-labelledby="portal-title">
      <h1 id="portal-title">{organisation ? organisation.name : t("portal.title")}</h1>
      {organisation ? (
        <>
          <section aria-labelledby="portal-events-title" className="card">
            <h2 id="portal-events-title">{t("portalSections.events.title")}</h2>
            {events.length === 0 ? (
              <p>{t("portalSections.events.empty")}</p>
            ) : (
              <ul className="plain-list">
                {events.map((event) => (
                  <li key={event.id}>
                    <Link to={`${base}/events/${event.id}`}>{event.title}</Link> · {t(`events.status.${event.status}`)}
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link to={`${base}/events/new`} className="button">
                {t("portalSections.events.submit")}
              </Link>
            </p>
          </section>
          <section aria-labelledby="portal-calendars-title" className="card">
            <h2 id="portal-calendars-title">{t("imports.portal.section")}</h2>
            <p>{t("imports.portal.sectionIntro")}</p>
            <p>
              <Link to={`${base}/portal/calendars`}>{t("imports.portal.manage", { count: calendarCount })}</Link>
            </p>
          </section>
          <section aria-labelledby="portal-pledges-title" className="card">
            <h2 id="portal-pledges-title">{t("portalSections.pledges.title")}</h2>
            {pledges.length === 0 ? (
              <p>{t("portalSections.pledges.empty")}</p>
            ) : (
              <ul className="plain-list">
                {pledges.map((pledge) => (
                  <li key={pledge.id}>
                    <Link to={`${base}/campaigns/${pledge.slug}`}>{pledge.title}</Link>: {t(pledgeKindKeys[pledge.kind])}
                    {pledge.details ? ` (${pledge.details})` : null}
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link to={`${base}/campaigns`}>{t("portalSections.pledges.browse")}</Link>
            </p>
          </section>
          <section aria-labelledby="portal-feed-title" className="card">
            <h2 id="portal-feed-title">{t("portalSections.feed.title")}</h2>
            <p>{t("portalSections.feed.intro")}</p>
            <p>
              <Link to={`${base}/feeds`}>{t("portalSections.feed.link")}</Link>
            </p>
          </section>
          <OrganisationSection organisation={organisation} />
        </>
      ) : (
        <p>{t("portal.notPartner")}</p>
      )}
    </div>
  );
}

function OrganisationSection({
  organisation,
}: {
  organisation: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["organisation"]>;
}) {
  const t = useT();
  const locale = useLocale();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "portal-organisation",
    lastResult: actionData?.result,
    defaultValue: {
      name: organisation.name,
      country: organisation.country,
      city: organisation.city ?? "",
      languages: organisation.languages.join(", "),
      website: organisation.website ?? "",
      listed_publicly: organisation.listed_publicly ? "on" : "",
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PortalOrganisationSchema }),
  });
  return (
    <section aria-labelledby="portal-organisation-title" className="card">
      <h2 id="portal-organisation-title">{t("portal.organisation.title")}</h2>
      <p>{t("portal.organisation.intro")}</p>
      {actionData?.saved ? <Notice>{t("portal.organisation.saved")}</Notice> : null}
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <TextField field={fields.name} label={t("partners.fields.name")} />
        <ChoiceField
          field={fields.country}
          label={t("partners.fields.country")}
          emptyLabel={t("partners.fields.chooseCountry")}
          options={countryOptions(locale)}
        />
        <TextField field={fields.city} label={t("partners.fields.city")} />
        <TextField field={fields.languages} label={t("partners.fields.languages")} hint={t("partners.fields.languagesHint")} />
        <TextField field={fields.website} label={t("partners.fields.website")} type="url" hint={t("partners.fields.websiteHint")} />
        <CheckboxField field={fields.listed_publicly} label={t("partners.fields.listedPublicly")} />
        <div className="actions">
          <button type="submit">{t("portal.organisation.save")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
