import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { ActionItem } from "~/components/campaigns/ActionItem";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { actorFor, findActionCampaignId, listMyActions, updateActionProgress } from "~/modules/campaigns/actions.server";
import { ActionProgressSchema } from "~/modules/campaigns/campaigns.schema";
import { todayIn } from "~/modules/days/recurrence";
import { readFormData } from "~/utils/forms.server";
import { forbidden, notFound } from "~/utils/http.server";
import campaignStyles from "~/styles/campaigns.css?url";
import { pageTitle } from "~/i18n/meta";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: campaignStyles }];
export const meta: MetaFunction = (args) => [pageTitle(args, "titles.myActions")];

/** Open actions owned by the reader (or, for partner contacts, by their organisation), across campaigns. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user, role } = await requireMembership(request, params.network, "partner");
  const actor = await actorFor(db, network.id, user.id, role);
  const actions = await listMyActions(db, network.id, todayIn(network.time_zone), actor);
  return { actions };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user, role } = await requireMembership(request, params.network, "partner");
  const actor = await actorFor(db, network.id, user.id, role);
  const submission = parseWithZod(await readFormData(request), { schema: ActionProgressSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const campaignId = await findActionCampaignId(db, network.id, submission.value.actionId);
  if (!campaignId) notFound();
  const outcome = await updateActionProgress(
    db,
    actor,
    { networkId: network.id, campaignId, actionId: submission.value.actionId },
    submission.value,
  );
  if (outcome === "forbidden") forbidden("errors.forbidden");
  return { result: submission.reply() };
}

export default function MyActions() {
  const t = useT();
  const { actions } = useLoaderData<typeof loader>();
  const base = `/n/${useParams().network}`;
  const overdue = actions.filter((a) => a.overdue).length;
  return (
    <section className="page" aria-labelledby="my-actions-title">
      <h1 id="my-actions-title">{t("myActions.title")}</h1>
      <p className="lead">{actions.length === 0 ? t("myActions.empty") : t("myActions.summary", { count: actions.length, overdue })}</p>
      <ul className="action-list">
        {actions.map((item) => (
          <ActionItem
            key={item.id}
            action={item}
            anchorLabel={t("myActions.theDay")}
            editHref={null}
            campaignHref={`${base}/campaigns/${item.campaignSlug}/plan`}
          />
        ))}
      </ul>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
