import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { NewMailingSchema } from "~/modules/mailings/mailings.schema";
import { createMailing, listMailings } from "~/modules/mailings/mailings.server";
import { formatDateTime } from "~/utils/dates";
import { readFormData } from "~/utils/forms.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.mailings")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "organiser");
  const mailings = await listMailings(db, network.id);
  return {
    timeZone: network.time_zone,
    mailings: mailings.map((m) => ({
      id: m.id,
      title: m.title,
      status: m.status,
      recipients: m.recipients,
      date: (m.finished_at ?? m.started_at ?? m.scheduled_at ?? m.created_at).toISOString(),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "organiser");
  const submission = parseWithZod(await readFormData(request), { schema: NewMailingSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const id = await createMailing(db, network, user.id, submission.value.title);
  throw redirect(`/n/${network.slug}/mailings/${id}`);
}

export default function Mailings() {
  const t = useT();
  const locale = useLocale();
  const base = `/n/${useParams().network}/mailings`;
  const { mailings, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-mailing",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewMailingSchema }),
  });
  return (
    <section className="page" aria-labelledby="mailings-title">
      <h1 id="mailings-title">{t("mailings.title")}</h1>
      <p className="lead">{t("mailings.intro")}</p>
      <p>
        <Link to={`${base}/rules`}>{t("mailings.rules.link")}</Link> · <Link to={`${base}/delivery`}>{t("mailings.delivery.link")}</Link>
      </p>
      {mailings.length === 0 ? (
        <p>{t("mailings.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("mailings.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("mailings.list.name")}</th>
                <th scope="col">{t("mailings.list.status")}</th>
                <th scope="col">{t("mailings.list.recipients")}</th>
                <th scope="col">{t("mailings.list.date")}</th>
              </tr>
            </thead>
            <tbody>
              {mailings.map((mailing) => (
                <tr key={mailing.id}>
                  <th scope="row">
                    <Link
                      to={
                        mailing.status === "draft" || mailing.status === "scheduled"
                          ? `${base}/${mailing.id}`
                          : `${base}/${mailing.id}/report`
                      }
                    >
                      {mailing.title}
                    </Link>
                  </th>
                  <td>{t(`mailings.status.${mailing.status}`)}</td>
                  <td>{mailing.status === "draft" || mailing.status === "scheduled" ? "" : mailing.recipients}</td>
                  <td>{formatDateTime(mailing.date, locale, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="create-mailing-heading">{t("mailings.new.title")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack narrow" aria-labelledby="create-mailing-heading">
        <TextField field={fields.title} label={t("mailings.new.name")} hint={t("mailings.new.nameHint")} />
        <div className="actions">
          <button type="submit">{t("mailings.new.submit")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
