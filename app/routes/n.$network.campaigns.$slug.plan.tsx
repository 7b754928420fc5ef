import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { CampaignNav } from "~/components/campaigns/CampaignNav";
import { ActionItem } from "~/components/campaigns/ActionItem";
import { DaySwatch } from "~/components/campaigns/DaySwatch";
import { FormErrors, TextAreaField, TextField } from "~/components/form";
import { ActionDueAndOwnerFields, type OwnerChoices } from "~/components/campaigns/ActionFields";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { resolveLocale } from "~/i18n/negotiate.server";
import { requireMembership } from "~/modules/auth/access.server";
import { requireCampaign } from "~/modules/campaigns/access.server";
import { addAction, groupByWeek, listActions, listOwnerChoices, updateActionProgress } from "~/modules/campaigns/actions.server";
import { ActionProgressSchema, ActionSchema, TemplateSchema } from "~/modules/campaigns/campaigns.schema";
import { getRollOverLinks, listRollOverMoves, rollOverCampaign, saveAsTemplate } from "~/modules/campaigns/rollover.server";
import { formatDay, formatDayRange } from "~/modules/days/format";
import { todayIn } from "~/modules/days/recurrence";
import { readFormData } from "~/utils/forms.server";
import { forbidden, httpError, notFound } from "~/utils/http.server";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle, namedTitle, metaTranslator } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction<typeof loader> = (args) => [
  args.data ? namedTitle(metaTranslator(args)("titles.plan"), args.data.campaign.title) : pageTitle(args, "titles.plan"),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const membership = await requireMembership(request, params.network, "partner");
  const { db, network, user } = membership;
  const locale = await resolveLocale(request, user.locale);
  const { campaign, actor, organiser } = await requireCampaign(db, membership, params.slug, locale);
  const today = todayIn(network.time_zone);
  const [actions, owners, moves, links] = await Promise.all([
    listActions(db, network.id, campaign.id, today, actor),
    organiser ? listOwnerChoices(db, network.id) : Promise.resolve({ users: [], partners: [] }),
    campaign.rolled_from_campaign_id && organiser ? listRollOverMoves(db, network.id, campaign.id) : Promise.resolve([]),
    getRollOverLinks(db, network.id, campaign),
  ]);
  return {
    campaign: {
      slug: campaign.slug,
      title: campaign.title,
      status: campaign.status,
      startsOn: campaign.starts_on,
      endsOn: campaign.ends_on,
      day: campaign.day,
    },
    today,
    weeks: groupByWeek(actions),
    overdueCount: actions.filter((a) => a.overdue).length,
    owners,
    moves,
    ...links,
    organiser,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const membership = await requireMembership(request, params.network, "partner");
  const { db, network, user } = membership;
  const { campaign, actor, organiser } = await requireCampaign(db, membership, params.slug, user.locale ?? "en");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const target = { networkId: network.id, campaignId: campaign.id };

  if (intent === "progress") {
    const submission = parseWithZod(formData, { schema: ActionProgressSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const outcome = await updateActionProgress(db, actor, { ...target, actionId: submission.value.actionId }, submission.value);
    if (outcome === "not-found") notFound();
    if (outcome === "forbidden") forbidden("errors.forbidden");
    return { intent, result: submission.reply({ resetForm: true }) };
  }

  if (!organiser) forbidden("errors.forbidden");

  if (intent === "add-action") {
    const submission = parseWithZod(formData, { schema: ActionSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const added = await addAction(db, network.id, campaign.id, submission.value);
    if (!added) return data({ intent, result: submission.reply({ fieldErrors: { owner: ["validation.choose"] } }) }, { status: 400 });
    return { intent, result: submission.reply({ resetForm: true }) };
  }

  if (intent === "roll-over") {
    const outcome = await rollOverCampaign(db, { ...target, userId: user.id });
    if (outcome.kind === "not-found") notFound();
    if (outcome.kind === "next-date-not-set") {
      return data(
        { intent, result: null, rollOverError: "campaigns.rollOver.nextDateNotSet" as const, year: outcome.year },
        { status: 409 },
      );
    }
    throw redirect(`/n/${network.slug}/campaigns/${outcome.campaign.slug}/plan?rolled=${outcome.kind}`);
  }

  if (intent === "save-template") {
    const submission = parseWithZod(formData, { schema: TemplateSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    const saved = await saveAsTemplate(db, { ...target, name: submission.value.name });
    if (saved.kind === "not-found") notFound();
    if (saved.kind === "name-taken") {
      return data({ intent, result: submission.reply({ fieldErrors: { name: ["campaigns.templates.nameTaken"] } }) }, { status: 409 });
    }
    return { intent, result: submission.reply({ resetForm: true }), savedTemplate: submission.value.name };
  }

  return httpError(400, "errors.badRequest");
}

export default function CampaignPlan() {
  const t = useT();
  const locale = useLocale();
  const { campaign, weeks, overdueCount, owners, moves, rolledFrom, rolledInto, organiser } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const networkBase = `/n/${useParams().network}`;
  const base = `${networkBase}/campaigns/${campaign.slug}`;
  const anchorLabel = campaign.day ? campaign.day.name : t("campaigns.plan.theStart");
  return (
    <section className="page" aria-labelledby="plan-title">
      <p className="eyebrow">
        {campaign.day ? <DaySwatch colour={campaign.day.colour} /> : null}{" "}
        {campaign.startsOn ? formatDayRange(campaign.startsOn, campaign.endsOn ?? campaign.startsOn, locale) : null}
        {" · "}
        <span className={`status status--${campaign.status}`}>{t(`campaigns.status.${campaign.status}`)}</span>
      </p>
      <h1 id="plan-title">{t("campaigns.plan.title", { campaign: campaign.title })}</h1>
      <CampaignNav base={base} organiser={organiser} />

      {searchParams.get("rolled") ? (
        <div className="notice" role="status">
          {searchParams.get("rolled") === "existing"
            ? t("campaigns.rollOver.existing", { campaign: campaign.title })
            : t("campaigns.rollOver.done", { campaign: campaign.title })}
        </div>
      ) : null}
      {actionData && "savedTemplate" in actionData && actionData.savedTemplate ? (
        <div className="notice" role="status">
          {t("campaigns.templates.saved", { name: actionData.savedTemplate })}
        </div>
      ) : null}
      {actionData && "rollOverError" in actionData && actionData.rollOverError ? (
        <div className="form-errors" role="alert">
          {t(actionData.rollOverError, { year: actionData.year })}
        </div>
      ) : null}

      {moves.length > 0 && rolledFrom ? (
        <section aria-labelledby="moves-title" className="card">
          <h2 id="moves-title">{t("campaigns.rollOver.movesTitle")}</h2>
          <p>
            {t("campaigns.rollOver.movesIntro", { campaign: rolledFrom.title })}{" "}
            <Link to={`${networkBase}/campaigns/${rolledFrom.slug}/plan`}>{t("campaigns.rollOver.openPrevious")}</Link>
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("campaigns.rollOver.movesTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("campaigns.actions.title")}</th>
                  <th scope="col">{t("campaigns.rollOver.was")}</th>
                  <th scope="col">{t("campaigns.rollOver.now")}</th>
                  <th scope="col">{t("campaigns.rollOver.moved")}</th>
                </tr>
              </thead>
              <tbody>
                {moves.map((move) => (
                  <tr key={move.id}>
                    <th scope="row">{move.title}</th>
                    <td>{move.from ? formatDay(move.from, locale) : t("campaigns.actions.noDate")}</td>
                    <td>{move.to ? formatDay(move.to, locale) : t("campaigns.actions.noDate")}</td>
                    <td>{move.shiftDays === null ? "–" : t("campaigns.rollOver.shift", { count: move.shiftDays })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <h2 id="timeline-title">{t("campaigns.plan.timeline")}</h2>
      {overdueCount > 0 ? <p className="overdue-summary">{t("campaigns.plan.overdueSummary", { count: overdueCount })}</p> : null}
      {weeks.length === 0 ? <p>{t("campaigns.plan.empty")}</p> : null}
      {weeks.map((week) => (
        <section key={week.weekOf ?? "undated"} className="week" aria-labelledby={`week-${week.weekOf ?? "undated"}`}>
          <h3 id={`week-${week.weekOf ?? "undated"}`}>
            {week.weekOf ? t("campaigns.plan.weekOf", { date: formatDay(week.weekOf, locale) }) : t("campaigns.plan.undated")}
          </h3>
          <ul className="action-list">
            {week.actions.map((item) => (
              <ActionItem
                key={item.id}
                action={item}
                anchorLabel={anchorLabel}
                editHref={organiser ? `${base}/actions/${item.id}` : null}
              />
            ))}
          </ul>
        </section>
      ))}

      {organiser ? <AddActionForm owners={owners} anchorLabel={anchorLabel} /> : null}

      {organiser ? (
        <section aria-labelledby="next-year-title" className="card">
          <h2 id="next-year-title">{t("campaigns.rollOver.title")}</h2>
          {rolledInto ? (
            <p>
              {t("campaigns.rollOver.alreadyPlanned")}{" "}
              <Link to={`${networkBase}/campaigns/${rolledInto.slug}/plan`}>{rolledInto.title}</Link>
            </p>
          ) : (
            <Form method="post">
              <p>{t("campaigns.rollOver.explain")}</p>
              <input type="hidden" name="intent" value="roll-over" />
              <button type="submit">{t("campaigns.rollOver.submit")}</button>
            </Form>
          )}
          <SaveTemplateForm />
        </section>
      ) : null}
    </section>
  );
}

function AddActionForm({ owners, anchorLabel }: { owners: OwnerChoices; anchorLabel: string }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "add-action",
    lastResult: actionData?.intent === "add-action" ? actionData.result : undefined,
    defaultValue: { dueKind: "offset", direction: "before", status: "todo", owner: "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
  });
  return (
    <section aria-labelledby="add-action-heading" className="card">
      <h2 id="add-action-heading">{t("campaigns.actions.addTitle")}</h2>
      <Form method="post" {...getFormProps(form)} className="stack narrow">
        <input type="hidden" name="intent" value="add-action" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField field={fields.title} label={t("campaigns.actions.title")} hint={t("campaigns.actions.titleHint")} />
        <ActionDueAndOwnerFields fields={fields} anchor={anchorLabel} owners={owners} />
        <TextAreaField field={fields.notes} label={t("campaigns.actions.notes")} rows={2} />
        <div className="actions">
          <button type="submit">{t("campaigns.actions.add")}</button>
        </div>
      </Form>
    </section>
  );
}

function SaveTemplateForm() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "save-template",
    lastResult: actionData?.intent === "save-template" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TemplateSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack narrow">
      <h3>{t("campaigns.templates.saveTitle")}</h3>
      <p>{t("campaigns.templates.saveExplain")}</p>
      <input type="hidden" name="intent" value="save-template" />
      <TextField field={fields.name} label={t("campaigns.templates.name")} />
      <div className="actions">
        <button type="submit" className="button-secondary">
          {t("campaigns.templates.save")}
        </button>
      </div>
    </Form>
  );
}

export const ErrorBoundary = RouteErrorPage;
