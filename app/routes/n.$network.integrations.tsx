import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CheckboxGroup } from "~/components/events/fields";
import { TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { apiTokenScopes, NewApiTokenSchema, RevokeApiTokenSchema } from "~/modules/api/tokens.schema";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/api/tokens.server";
import { requireMembership } from "~/modules/auth/access.server";
import { formatDateTime } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.integrations")];

/** The network's owners connect partners' tools: API tokens (docs/api.md). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "owner");
  const tokens = await listApiTokens(db, network.id);
  return {
    timeZone: network.time_zone,
    apiUrl: `${getEnv().appUrl}/api/v1/networks/${network.slug}`,
    tokens: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      scopes: token.scopes,
      createdAt: token.created_at.toISOString(),
      lastUsedAt: token.last_used_at?.toISOString() ?? null,
      revokedAt: token.revoked_at?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "owner");
  const formData = await readFormData(request);
  if (formData.get("intent") === "revoke-token") {
    const submission = parseWithZod(formData, { schema: RevokeApiTokenSchema });
    if (submission.status !== "success") httpError(400, "errors.badRequest");
    const revoked = await revokeApiToken(db, { networkId: network.id, tokenId: submission.value.tokenId, userId: user.id });
    if (!revoked) httpError(409, "errors.badRequest");
    return { result: undefined, created: null, revoked: true };
  }
  const submission = parseWithZod(formData, { schema: NewApiTokenSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null, revoked: false }, { status: 400 });
  const token = await createApiToken(db, { networkId: network.id, userId: user.id, ...submission.value });
  return { result: submission.reply({ resetForm: true }), created: { name: submission.value.name, token }, revoked: false };
}

export default function Integrations() {
  const t = useT();
  const locale = useLocale();
  const { tokens, timeZone, apiUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-api-token",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewApiTokenSchema }),
  });
  const scopeLabel = (scope: (typeof apiTokenScopes)[number]) => t(`api.tokens.scopes.${scope}`);
  return (
    <section className="page stack" aria-labelledby="integrations-title">
      <h1 id="integrations-title">{t("api.title")}</h1>
      <p>{t("api.intro", { url: apiUrl })}</p>

      <h2 id="tokens-title">{t("api.tokens.title")}</h2>
      <p>{t("api.tokens.intro")}</p>
      {actionData?.created ? (
        <div className="notice" role="status">
          <p>{t("api.tokens.created", { name: actionData.created.name })}</p>
          <p>
            <code>{actionData.created.token}</code>
          </p>
        </div>
      ) : null}
      {actionData?.revoked ? (
        <p className="notice" role="status">
          {t("api.tokens.revoked")}
        </p>
      ) : null}
      {tokens.length === 0 ? (
        <p>{t("api.tokens.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("api.tokens.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("api.tokens.name")}</th>
                <th scope="col">{t("api.tokens.scopesTitle")}</th>
                <th scope="col">{t("api.tokens.createdAt")}</th>
                <th scope="col">{t("api.tokens.lastUsed")}</th>
                <th scope="col">{t("api.tokens.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <th scope="row">{token.name}</th>
                  <td>{token.scopes.length > 0 ? token.scopes.map(scopeLabel).join(", ") : t("api.tokens.publicOnly")}</td>
                  <td>{formatDateTime(token.createdAt, locale, timeZone)}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale, timeZone) : t("api.tokens.neverUsed")}</td>
                  <td>
                    {token.revokedAt ? (
                      t("api.tokens.revokedOn", { date: formatDateTime(token.revokedAt, locale, timeZone) })
                    ) : (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="tokenId" value={token.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="revoke-token"
                          aria-label={t("api.tokens.revokeNamed", { name: token.name })}
                        >
                          {t("api.tokens.revoke")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 id="new-token-title">{t("api.tokens.new")}</h3>
      <Form method="post" {...getFormProps(form)} className="stack narrow" aria-labelledby="new-token-title">
        <input type="hidden" name="intent" value="create-token" />
        <TextField field={fields.name} label={t("api.tokens.name")} hint={t("api.tokens.nameHint")} />
        <CheckboxGroup
          field={fields.scopes}
          legend={t("api.tokens.scopesTitle")}
          options={apiTokenScopes.map((scope) => ({ value: scope, label: scopeLabel(scope) }))}
        />
        <div className="actions">
          <button type="submit">{t("api.tokens.create")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
