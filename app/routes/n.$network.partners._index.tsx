import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { TextField } from "~/components/form";
import { CheckboxField, ChoiceField, TextAreaField } from "~/components/partners/fields";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { countryName, countryOptions, languageName } from "~/modules/partners/countries";
import { DirectoryFilterSchema, OrganisationSchema } from "~/modules/partners/partners.schema";
import { createPartner, listDirectoryFacets, listPartners } from "~/modules/partners/partners.server";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.partners")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "organiser");
  const url = new URL(request.url);
  const filter = DirectoryFilterSchema.parse(Object.fromEntries(url.searchParams));
  const [partners, facets] = await Promise.all([listPartners(db, network.id, filter), listDirectoryFacets(db, network.id)]);
  return { filter, partners, facets };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const submission = parseWithZod(await readFormData(request), { schema: OrganisationSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const created = await createPartner(db, network.id, user.id, submission.value);
  if (!created.ok) {
    return data({ result: submission.reply({ fieldErrors: { name: ["partners.validation.nameTaken"] } }) }, { status: 409 });
  }
  throw redirect(`/n/${network.slug}/partners/${created.id}`);
}

export default function Partners() {
  const t = useT();
  const locale = useLocale();
  const { filter, partners, facets } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-partner",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganisationSchema }),
  });
  const base = `/n/${useParams().network}/partners`;
  const filtered = Boolean(filter.q || filter.country || filter.language || filter.tag);
  return (
    <section className="page" aria-labelledby="partners-title">
      <h1 id="partners-title">{t("partners.title")}</h1>
      <p className="lead">{t("partners.intro")}</p>
      <p className="actions">
        <Link to={`${base}/import`}>{t("partners.import.link")}</Link>
        <a href={`${base}/export.csv`} download>
          {t("partners.export")}
        </a>
        <Link to={`/n/${useParams().network}/imports`}>{t("imports.overview.link")}</Link>
      </p>

      <Form method="get" role="search" className="filters" aria-labelledby="filter-title">
        <h2 id="filter-title">{t("partners.filter.title")}</h2>
        <div className="filter-grid">
          <div className="field">
            <label htmlFor="filter-q">{t("partners.filter.search")}</label>
            <input id="filter-q" name="q" type="search" defaultValue={filter.q ?? ""} aria-describedby="filter-q-hint" />
            <p id="filter-q-hint" className="field-hint">
              {t("partners.filter.searchHint")}
            </p>
          </div>
          <FilterSelect
            name="country"
            label={t("partners.filter.country")}
            value={filter.country}
            options={facets.countries.map((code) => ({ value: code, label: countryName(code, locale) }))}
          />
          <FilterSelect
            name="language"
            label={t("partners.filter.language")}
            value={filter.language}
            options={facets.languages.map((code) => ({ value: code, label: languageName(code, locale) }))}
          />
          <FilterSelect
            name="tag"
            label={t("partners.filter.tag")}
            value={filter.tag}
            options={facets.tags.map((tag) => ({ value: tag, label: tag }))}
          />
        </div>
        <div className="actions">
          <button type="submit">{t("partners.filter.apply")}</button>
          {filtered ? <Link to={base}>{t("partners.filter.clear")}</Link> : null}
        </div>
      </Form>

      <h2 id="results-title" aria-live="polite">
        {t("partners.count", { count: partners.length })}
      </h2>
      {partners.length === 0 ? (
        <p>{t("partners.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="results-title">
            <thead>
              <tr>
                <th scope="col">{t("partners.fields.name")}</th>
                <th scope="col">{t("partners.fields.country")}</th>
                <th scope="col">{t("partners.fields.city")}</th>
                <th scope="col">{t("partners.fields.languages")}</th>
                <th scope="col">{t("partners.fields.tags")}</th>
                <th scope="col">{t("partners.fields.contacts")}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((partner) => (
                <tr key={partner.id}>
                  <th scope="row">
                    <Link to={`${base}/${partner.id}`}>{partner.name}</Link>
                  </th>
                  <td>{countryName(partner.country, locale)}</td>
                  <td>{partner.city}</td>
                  <td>{partner.languages.map((code) => languageName(code, locale)).join(", ")}</td>
                  <td>{partner.tags.join(", ")}</td>
                  <td>{partner.contactCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="new-partner-title">{t("partners.new.title")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack narrow" aria-labelledby="new-partner-title">
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
        <TextField field={fields.tags} label={t("partners.fields.tags")} hint={t("partners.fields.tagsHint")} />
        <TextAreaField field={fields.notes} label={t("partners.fields.notes")} hint={t("partners.fields.notesHint")} />
        <div className="actions">
          <button type="submit">{t("partners.new.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{t("partners.filter.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export const ErrorBoundary = RouteErrorPage;
