import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useParams, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { ConfirmStep, isConfirmed } from "~/components/ConfirmStep";
import { Notice, TextField } from "~/components/form";
import { CheckboxField, ChoiceField, TextAreaField } from "~/components/partners/fields";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { liftSuppression } from "~/modules/mail/bounces.server";
import { countryOptions, languageName } from "~/modules/partners/countries";
import { ContactSchema, OrganisationSchema } from "~/modules/partners/partners.schema";
import {
  addContact,
  deletePartner,
  getPartner,
  removeContact,
  setContactSubscribed,
  updatePartner,
} from "~/modules/partners/partners.server";
import { SubscribePanel } from "~/components/SubscribePanel";
import { feedPath } from "~/modules/feeds/feeds.schema";
import { countSources } from "~/modules/imports/sources.server";
import { getEnv } from "~/utils/env.server";
import { formatDateTime } from "~/utils/dates";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";
import { pageTitle, namedTitle } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = (args) => [
  args.data ? namedTitle(args.data.partner.name) : pageTitle(args, "titles.partner"),
];

async function load(request: Request, params: LoaderFunctionArgs["params"]) {
  const access = await requireMembership(request, params.network, "organiser");
  const partner = isUuid(params.partnerId) ? await getPartner(access.db, access.network.id, params.partnerId) : undefined;
  if (!partner) notFound();
  return { ...access, partner };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, partner } = await load(request, params);
  return {
    calendarCount: await countSources(db, network.id, partner.id),
    // The public feed of the events this organisation hosts or co-hosts.
    feedUrl: `${getEnv().appUrl}${feedPath({ kind: "partner", network: network.slug, partnerId: partner.id, filters: {} })}`,
    partner: {
      ...partner,
      created_at: partner.created_at.toISOString(),
      updated_at: partner.updated_at.toISOString(),
      contacts: partner.contacts.map((contact) => ({
        ...contact,
        unsubscribed_at: contact.unsubscribed_at?.toISOString() ?? null,
        suppressed_at: contact.suppressed_at?.toISOString() ?? null,
      })),
    },
    timeZone: network.time_zone,
    rulesUrl: `/n/${network.slug}/mailings/rules`,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user, partner } = await load(request, params);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: OrganisationSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), done: false }, { status: 400 });
    const saved = await updatePartner(db, network.id, partner.id, user.id, submission.value);
    if (!saved.ok) {
      return data(
        { intent, result: submission.reply({ fieldErrors: { name: ["partners.validation.nameTaken"] } }), done: false },
        { status: 409 },
      );
    }
    return { intent, result: submission.reply(), done: true };
  }
  if (intent === "add-contact") {
    const submission = parseWithZod(formData, { schema: ContactSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply(), done: false }, { status: 400 });
    const added = await addContact(db, network.id, partner.id, submission.value);
    if (!added.ok) {
      return data(
        { intent, result: submission.reply({ fieldErrors: { email: ["partners.validation.emailTaken"] } }), done: false },
        { status: 409 },
      );
    }
    return { intent, result: submission.reply({ resetForm: true }), done: true };
  }
  const contactId = formData.get("contactId");
  if (
    (intent === "unsubscribe" || intent === "resubscribe" || intent === "remove-contact" || intent === "lift-suppression") &&
    typeof contactId === "string" &&
    isUuid(contactId)
  ) {
    const contact = partner.contacts.find((candidate) => candidate.id === contactId);
    if (!contact) notFound();
    if (intent === "remove-contact") await removeContact(db, network.id, partner.id, contactId);
    else if (intent === "lift-suppression") await liftSuppression(db, network.id, contactId, user.id);
    else await setContactSubscribed(db, network.id, contactId, intent === "resubscribe");
    return { intent, result: undefined, done: true };
  }
  if (intent === "delete") {
    if (!isConfirmed(formData)) return { intent: "confirm-delete", result: undefined, done: false };
    await deletePartner(db, network.id, partner.id, user.id);
    throw redirect(`/n/${network.slug}/partners`);
  }
  return httpError(400, "errors.badRequest");
}

export default function PartnerPage() {
  const t = useT();
  const locale = useLocale();
  const networkSlug = useParams().network;
  const { partner, feedUrl, calendarCount, timeZone, rulesUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const [detailsForm, details] = useForm({
    id: "partner-details",
    lastResult: actionData?.intent === "save" ? actionData.result : undefined,
    defaultValue: {
      name: partner.name,
      country: partner.country,
      city: partner.city ?? "",
      languages: partner.languages.join(", "),
      website: partner.website ?? "",
      listed_publicly: partner.listed_publicly ? "on" : "",
      tags: partner.tags.join(", "),
      notes: partner.notes,
    },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
  });
  const [contactForm, contact] = useForm({
    id: "add-contact",
    lastResult: actionData?.intent === "add-contact" ? actionData.result : undefined,
    defaultValue: { subscribed: "on" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ContactSchema }),
  });
  return (
    <section className="page" aria-labelledby="partner-title">
      <p>
        <Link to={`/n/${networkSlug}/partners`}>{t("partners.detail.back")}</Link>
      </p>
      <h1 id="partner-title">{partner.name}</h1>

      <h2 id="contacts-title">{t("partners.contacts.title")}</h2>
      {actionData?.intent === "add-contact" && actionData.done ? <Notice>{t("partners.contacts.added")}</Notice> : null}
      {actionData?.intent === "lift-suppression" ? <Notice>{t("partners.contacts.suppressionLifted")}</Notice> : null}
      {partner.contacts.length === 0 ? (
        <p>{t("partners.contacts.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="contacts-title">
            <thead>
              <tr>
                <th scope="col">{t("partners.contacts.name")}</th>
                <th scope="col">{t("partners.contacts.email")}</th>
                <th scope="col">{t("partners.contacts.language")}</th>
                <th scope="col">{t("partners.contacts.role")}</th>
                <th scope="col">{t("partners.contacts.subscribed")}</th>
                <th scope="col">{t("partners.contacts.portal")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("partners.contacts.title")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {partner.contacts.map((c) => (
                <tr key={c.id}>
                  <th scope="row">{c.name}</th>
                  <td>{c.email}</td>
                  <td>{c.locale ? languageName(c.locale, locale) : ""}</td>
                  <td>{c.role_title}</td>
                  <td>
                    {c.subscribed ? t("partners.contacts.subscribedYes") : t("partners.contacts.subscribedNo")}
                    {c.suppressed_at && c.suppressed_reason ? (
                      <p>
                        {t(`partners.contacts.suppressed.${c.suppressed_reason}`, {
                          date: formatDateTime(c.suppressed_at, locale, timeZone),
                        })}{" "}
                        {c.suppressed_detail ? <q>{c.suppressed_detail}</q> : null}{" "}
                        <Link to={rulesUrl}>{t("partners.contacts.rules")}</Link>
                      </p>
                    ) : null}
                  </td>
                  <td>{c.user_id ? t("partners.contacts.portalActive") : t("partners.contacts.portalNever")}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="contactId" value={c.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={c.subscribed ? "unsubscribe" : "resubscribe"}
                        className="button-secondary button-small"
                      >
                        {c.subscribed
                          ? t("partners.contacts.unsubscribe", { name: c.name })
                          : t("partners.contacts.resubscribe", { name: c.name })}
                      </button>{" "}
                      {c.suppressed_at ? (
                        <>
                          <button type="submit" name="intent" value="lift-suppression" className="button-secondary button-small">
                            {t("partners.contacts.liftSuppression", { name: c.name })}
                          </button>{" "}
                        </>
                      ) : null}
                      <button type="submit" name="intent" value="remove-contact" className="button-secondary button-small">
                        {t("partners.contacts.remove", { name: c.name })}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 id="add-contact-title">{t("partners.contacts.add")}</h3>
      <Form method="post" {...getFormProps(contactForm)} className="stack narrow" aria-labelledby="add-contact-title">
        <input type="hidden" name="intent" value="add-contact" />
        <TextField field={contact.name} label={t("partners.contacts.name")} />
        <TextField field={contact.email} label={t("partners.contacts.email")} type="email" autoComplete="off" />
        <TextField field={contact.locale} label={t("partners.contacts.language")} hint={t("partners.contacts.languageHint")} />
        <TextField field={contact.roleTitle} label={t("partners.contacts.role")} />
        <CheckboxField field={contact.subscribed} label={t("partners.contacts.subscribed")} />
        <div className="actions">
          <button type="submit">{t("partners.contacts.addSubmit")}</button>
        </div>
      </Form>

      <section aria-labelledby="partner-calendars-title">
        <h2 id="partner-calendars-title">{t("imports.partner.section")}</h2>
        <p>{t("imports.partner.sectionIntro")}</p>
        <p>
          <Link to={`/n/${networkSlug}/partners/${partner.id}/calendars`}>{t("imports.partner.manage", { count: calendarCount })}</Link>
        </p>
      </section>

      <h2 id="details-title">{t("partners.detail.edit")}</h2>
      {actionData?.intent === "save" && actionData.done ? <Notice>{t("partners.detail.saved")}</Notice> : null}
      <Form method="post" {...getFormProps(detailsForm)} className="stack narrow" aria-labelledby="details-title">
        <input type="hidden" name="intent" value="save" />
        <TextField field={details.name} label={t("partners.fields.name")} />
        <ChoiceField
          field={details.country}
          label={t("partners.fields.country")}
          emptyLabel={t("partners.fields.chooseCountry")}
          options={countryOptions(locale)}
        />
        <TextField field={details.city} label={t("partners.fields.city")} />
        <TextField field={details.languages} label={t("partners.fields.languages")} hint={t("partners.fields.languagesHint")} />
        <TextField field={details.website} label={t("partners.fields.website")} type="url" hint={t("partners.fields.websiteHint")} />
        <CheckboxField field={details.listed_publicly} label={t("partners.fields.listedPublicly")} />
        <TextField field={details.tags} label={t("partners.fields.tags")} hint={t("partners.fields.tagsHint")} />
        <TextAreaField field={details.notes} label={t("partners.fields.notes")} hint={t("partners.fields.notesHint")} />
        <div className="actions">
          <button type="submit">{t("partners.detail.save")}</button>
        </div>
      </Form>

      {actionData?.intent === "confirm-delete" ? (
        <ConfirmStep
          title={t("partners.detail.confirmDeleteTitle", { name: partner.name })}
          message={t("partners.detail.confirmDelete", { count: partner.contacts.length })}
          confirmLabel={t("partners.detail.confirmDeleteSubmit")}
          fields={{ intent: "delete" }}
          cancelTo={location.pathname}
        />
      ) : (
        <Form method="post" className="actions">
          <button type="submit" name="intent" value="delete" className="button-secondary">
            {t("partners.detail.delete")}
          </button>
        </Form>
      )}
      <SubscribePanel url={feedUrl} name={partner.name} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
