import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { getWebhookEndpoint, listWebhookDeliveries, redeliverWebhook } from "~/modules/webhooks/endpoints.server";
import { RedeliverSchema, type WebhookKind } from "~/modules/webhooks/webhooks.schema";
import { formatDateTime } from "~/utils/dates";
import { isUuid, readFormData } from "~/utils/forms.server";
import { httpError, notFound } from "~/utils/http.server";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.webhookDeliveries")];

async function requireEndpoint(request: Request, params: LoaderFunctionArgs["params"]) {
  const { db, network } = await requireMembership(request, params.network, "owner");
  const endpoint = params.endpointId && isUuid(params.endpointId) ? await getWebhookEndpoint(db, network.id, params.endpointId) : undefined;
  if (!endpoint) notFound();
  return { db, network, endpoint };
}

/** One webhook endpoint's delivery log: each delivery's status, attempts and the receiver's last answer. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, endpoint } = await requireEndpoint(request, params);
  const deliveries = await listWebhookDeliveries(db, endpoint.id);
  return {
    timeZone: network.time_zone,
    endpoint: { url: endpoint.url },
    deliveries: deliveries.map((delivery) => ({
      id: delivery.id,
      kind: delivery.kind as WebhookKind,
      status: delivery.status,
      attempts: delivery.attempts,
      statusCode: delivery.last_status_code,
      error: delivery.last_error,
      createdAt: delivery.created_at.toISOString(),
      updatedAt: delivery.updated_at.toISOString(),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, endpoint } = await requireEndpoint(request, params);
  const submission = parseWithZod(await readFormData(request), { schema: RedeliverSchema });
  if (submission.status !== "success") httpError(400, "errors.badRequest");
  const queued = await redeliverWebhook(db, { networkId: network.id, endpointId: endpoint.id, deliveryId: submission.value.deliveryId });
  if (!queued) httpError(409, "errors.badRequest");
  return { redelivered: true };
}

export default function WebhookDeliveries() {
  const t = useT();
  const locale = useLocale();
  const { endpoint, deliveries, timeZone } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const networkSlug = useParams().network;
  return (
    <section className="page stack" aria-labelledby="deliveries-title">
      <p>
        <Link to={`/n/${networkSlug}/integrations`}>{t("api.webhooks.back")}</Link>
      </p>
      <h1 id="deliveries-title">{t("api.webhooks.logTitle", { url: endpoint.url })}</h1>
      {actionData?.redelivered ? (
        <p className="notice" role="status">
          {t("api.webhooks.redelivered")}
        </p>
      ) : null}
      {deliveries.length === 0 ? (
        <p>{t("api.webhooks.noDeliveries")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("api.webhooks.logTitle", { url: endpoint.url })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("api.webhooks.kindsTitle")}</th>
                <th scope="col">{t("api.webhooks.createdAt")}</th>
                <th scope="col">{t("api.webhooks.status")}</th>
                <th scope="col">{t("api.webhooks.attempts")}</th>
                <th scope="col">{t("api.webhooks.response")}</th>
                <th scope="col">{t("api.tokens.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <th scope="row">{t(`api.webhooks.kinds.${delivery.kind}`)}</th>
                  <td>{formatDateTime(delivery.createdAt, locale, timeZone)}</td>
                  <td>{t(`api.webhooks.statuses.${delivery.status}`)}</td>
                  <td>{delivery.attempts}</td>
                  <td>{delivery.statusCode !== null ? String(delivery.statusCode) : (delivery.error ?? "")}</td>
                  <td>
                    {delivery.status === "delivered" || delivery.status === "failed" ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="redeliver" />
                        <input type="hidden" name="deliveryId" value={delivery.id} />
                        <button
                          type="submit"
                          aria-label={t("api.webhooks.redeliverNamed", {
                            kind: t(`api.webhooks.kinds.${delivery.kind}`),
                            date: formatDateTime(delivery.createdAt, locale, timeZone),
                          })}
                        >
                          {t("api.webhooks.redeliver")}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
