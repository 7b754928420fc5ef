import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SelectField, TextAreaField, TextField } from "~/components/form";
import { ActionDueAndOwnerFields } from "~/components/campaigns/ActionFields";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/negotiate.server";
import { requireMembership } from "~/modules/auth/access.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { deleteAction, getAction, listOwnerChoices, updateAction } from "~/modules/campaigns/actions.server";
import { ActionSchema, actionStatuses } from "~/modules/campaigns/campaigns.schema";
import { todayIn } from "~/modules/days/recurrence";
import { isUuid, readFormData } from "~/utils/forms.server";
import { forbidden, notFound } from "~/utils/http.server";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction = (args) => [pageTitle(args, "titles.editAction")];

/** Editing an action's every field: organisers only (partners change the status of theirs on the plan). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, params.network, "organiser");
  const locale = await resolveLocale(request, membership.user.locale);
  const { campaign, actor } = await requireCampaign(membership.db, membership, params.slug, locale);
  if (!isUuid(params.actionId)) notFound();
  const found = await getAction(
    membership.db,
    membership.network.id,
    campaign.id,
    params.actionId,
    todayIn(membership.network.time_zone),
    actor,
  );
  if (!found) notFound();
  return {
    campaign: { title: campaign.title, slug: campaign.slug, dayName: campaign.day?.name ?? null },
    action: {
      title: found.title,
      dueKind: found.fixedDate ? "date" : "offset",
      dueOn: found.fixedDate ? (found.dueOn ?? "") : "",
      offsetDays: found.offsetDays === null ? "" : String(Math.abs(found.offsetDays)),
      direction: (found.offsetDays ?? 0) > 0 ? "after" : "before",
      owner: found.owner ? `${found.owner.kind}:${found.owner.id}` : "",
      status: found.status,
      notes: found.notes,
    },
    owners: await listOwnerChoices(membership.db, membership.network.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, params.network, "partner");
  const { campaign, actor } = await requireCampaign(membership.db, membership, params.slug, "en");
  if (!isUuid(params.actionId)) notFound();
  const target = { networkId: membership.network.id, campaignId: campaign.id, actionId: params.actionId };
  const back = `/n/${membership.network.slug}/campaigns/${campaign.slug}/plan`;
  const formData = await readFormData(request);
  if (formData.get("intent") === "delete") {
    const outcome = await deleteAction(membership.db, actor, target);
    if (outcome === "not-found") notFound();
    if (outcome === "forbidden") forbidden("errors.forbidden");
    throw redirect(back);
  }
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const outcome = await updateAction(membership.db, actor, target, submission.value);
  if (outcome === "not-found") notFound();
  if (outcome === "forbidden") forbidden("errors.forbidden");
  if (outcome === "bad-owner")
    return data({ result: submission.reply({ fieldErrors: { owner: ["validation.choose"] } }) }, { status: 400 });
  throw redirect(back);
}

export default function EditAction() {
  const t = useT();
  const { campaign, action: current, owners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const anchor = campaign.dayName ?? t("campaigns.plan.theStart");
  const [form, fields] = useForm({
    id: "edit-action",
    lastResult: actionData?.result,
    defaultValue: current,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
  });
  return (
    <section className="page" aria-labelledby="edit-action-heading">
      <h1 id="edit-action-heading">{t("campaigns.actions.editTitle", { title: current.title })}</h1>
      <p className="lead">{campaign.title}</p>
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("campaigns.actions.title")} />
        <ActionDueAndOwnerFields fields={fields} anchor={anchor} owners={owners} />
        <SelectField
          field={fields.status}
          label={t("campaigns.actions.status")}
          options={actionStatuses.map((s) => ({ value: s, label: t(`campaigns.actionStatus.${s}`) }))}
        />
        <TextAreaField field={fields.notes} label={t("campaigns.actions.notes")} rows={3} />
        <div className="actions">
          <button type="submit">{t("campaigns.actions.save")}</button>
        </div>
      </Form>
      <Form method="post" className="actions">
        <input type="hidden" name="intent" value="delete" />
        <button type="submit" className="button-secondary">
          {t("campaigns.actions.delete")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
