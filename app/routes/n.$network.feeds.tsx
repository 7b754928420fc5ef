import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { SubscribePanel } from "~/components/SubscribePanel";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { feedPath, TokenActionSchema } from "~/modules/feeds/feeds.schema";
import { getPartnerInNetwork, issueFeedToken, listPartnerFeeds, revokeFeedToken } from "~/modules/feeds/tokens.server";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import { getPartnerOfUser } from "~/modules/partners/partners.server";
import { formatDateTime } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { readFormData } from "~/utils/forms.server";
import { forbidden, httpError, notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.feeds")];

/** Organisers manage every partner's private feed; a partner contact manages their own organisation's. */
async function requireFeedManager(request: Request, networkSlug: string | undefined) {
  const { db, network, user, role } = await requireMembership(request, networkSlug, "partner");
  const ownPartner = roleAtLeast(role, "organiser") ? undefined : await getPartnerOfUser(db, network.id, user.id);
  return { db, network, user, isOrganiser: roleAtLeast(role, "organiser"), ownPartnerId: ownPartner?.id };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, isOrganiser, ownPartnerId } = await requireFeedManager(request, params.network);
  const partners = isOrganiser || ownPartnerId ? await listPartnerFeeds(db, network.id, ownPartnerId) : [];
  return {
    networkName: network.name,
    timeZone: network.time_zone,
    publicFeedUrl: `${getEnv().appUrl}${feedPath({ kind: "network", network: network.slug, filters: {} })}`,
    isOrganiser,
    partners: partners.map((partner) => ({
      id: partner.id,
      name: partner.name,
      tokenCreatedAt: partner.tokenCreatedAt?.toISOString() ?? null,
      lastUsedAt: partner.lastUsedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user, isOrganiser, ownPartnerId } = await requireFeedManager(request, params.network);
  const submission = parseWithZod(await readFormData(request), { schema: TokenActionSchema });
  if (submission.status !== "success") httpError(400, "errors.badRequest");
  const { intent, partnerId } = submission.value;
  if (!isOrganiser && partnerId !== ownPartnerId) forbidden();
  const partner = await getPartnerInNetwork(db, network.id, partnerId);
  if (!partner) notFound();
  if (intent === "issue") {
    const token = await issueFeedToken(db, { networkId: network.id, partnerId: partner.id, userId: user.id });
    const url = `${getEnv().appUrl}${feedPath({ kind: "private", network: network.slug, token })}`;
    return { issued: { partnerName: partner.name, url }, revoked: null };
  }
  await revokeFeedToken(db, { networkId: network.id, partnerId: partner.id, userId: user.id });
  return { issued: null, revoked: partner.name };
}

export default function Feeds() {
  const t = useT();
  const locale = useLocale();
  const { networkName, timeZone, publicFeedUrl, isOrganiser, partners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <section className="page stack" aria-labelledby="feeds-title">
      <h1 id="feeds-title">{t("feeds.manage.title")}</h1>

      {actionData?.issued ? (
        <div className="notice" role="status">
          <p>{t("feeds.manage.issued", { partner: actionData.issued.partnerName })}</p>
          <SubscribePanel
            url={actionData.issued.url}
            name={t("feeds.ical.privateName", { network: networkName, partner: actionData.issued.partnerName })}
            private
          />
        </div>
      ) : null}
      {actionData?.revoked ? (
        <p className="notice" role="status">
          {t("feeds.manage.revoked", { partner: actionData.revoked })}
        </p>
      ) : null}

      <h2>{isOrganiser ? t("feeds.manage.privateTitle") : t("feeds.manage.yourFeed")}</h2>
      <p>{t("feeds.manage.privateIntro")}</p>
      {partners.length === 0 && !isOrganiser ? <p>{t("feeds.manage.notAPartner")}</p> : null}
      {partners.length > 0 ? (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("feeds.manage.privateTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("feeds.manage.partner")}</th>
                <th scope="col">{t("feeds.manage.status")}</th>
                <th scope="col">{t("feeds.manage.lastUsed")}</th>
                <th scope="col">{t("feeds.manage.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((partner) => (
                <tr key={partner.id}>
                  <th scope="row">{partner.name}</th>
                  <td>
                    {partner.tokenCreatedAt
                      ? t("feeds.manage.active", { date: formatDateTime(partner.tokenCreatedAt, locale, timeZone) })
                      : t("feeds.manage.none")}
                  </td>
                  <td>
                    {partner.tokenCreatedAt
                      ? partner.lastUsedAt
                        ? formatDateTime(partner.lastUsedAt, locale, timeZone)
                        : t("feeds.manage.neverUsed")
                      : ""}
                  </td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="partnerId" value={partner.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="issue"
                        aria-label={
                          partner.tokenCreatedAt
                            ? t("feeds.manage.reissueFor", { partner: partner.name })
                            : t("feeds.manage.issueFor", { partner: partner.name })
                        }
                      >
                        {partner.tokenCreatedAt ? t("feeds.manage.reissue") : t("feeds.manage.issue")}
                      </button>{" "}
                      {partner.tokenCreatedAt ? (
                        <button
                          type="submit"
                          name="intent"
                          value="revoke"
                          aria-label={t("feeds.manage.revokeFor", { partner: partner.name })}
                        >
                          {t("feeds.manage.revoke")}
                        </button>
                      ) : null}
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h2>{t("feeds.manage.publicTitle")}</h2>
      <SubscribePanel url={publicFeedUrl} name={networkName} headingLevel={3} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
