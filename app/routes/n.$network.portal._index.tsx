import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Notice, TextField } from "~/components/form";
import { ChoiceField } from "~/components/partners/fields";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { getCurrentUser, requireMembership } from "~/modules/auth/access.server";
import { countryOptions } from "~/modules/partners/countries";
import { PortalOrganisationSchema } from "~/modules/partners/partners.schema";
import { getOrganisationForPortal, getPartnerOfUser, updatePartner } from "~/modules/partners/partners.server";
import { readFormData } from "~/utils/forms.server";
import { forbidden } from "~/utils/http.server";

export const meta: MetaFunction = () => [{ title: "Partner portal · Daymark" }];

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
  return { networkName: network.name, organisation: organisation ?? null };
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
  const { organisation } = useLoaderData<typeof loader>();
  return (
    <div className="page portal" aria-labelledby="portal-title">
      <h1 id="portal-title">{organisation ? organisation.name : t("portal.title")}</h1>
      {organisation ? <OrganisationSection organisation={organisation} /> : <p>{t("portal.notPartner")}</p>}
    </div>
  );
}

function OrganisationSection({ organisation }: { organisation: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["organisation"]> }) {
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
        <div className="actions">
          <button type="submit">{t("portal.organisation.save")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
