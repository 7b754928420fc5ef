import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { CheckboxField, CheckboxGroup } from "~/components/events/fields";
import { TextAreaField, TextField } from "~/components/form";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { apiTokenScopes, NewApiTokenSchema, RevokeApiTokenSchema } from "~/modules/api/tokens.schema";
import { createApiToken, listApiTokens, revokeApiToken } from "~/modules/api/tokens.server";
import { requireMembership } from "~/modules/auth/access.server";
import { EmbedOriginsSchema } from "~/modules/embed/embed.schema";
import { getEmbedOrigins, setEmbedOrigins } from "~/modules/embed/embed.server";
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookEndpoints } from "~/modules/webhooks/endpoints.server";
import { NewWebhookSchema, WebhookIdSchema, webhookKinds } from "~/modules/webhooks/webhooks.schema";
import { formatDateTime } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { readFormData } from "~/utils/forms.server";
import { httpError } from "~/utils/http.server";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.integrations")];

/** The network's owners connect partners' tools: API tokens (docs/api.md) and webhooks (docs/webhooks.md). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "owner");
  const [tokens, webhooks] = await Promise.all([listApiTokens(db, network.id), listWebhookEndpoints(db, network.id)]);
  const appUrl = getEnv().appUrl;
  return {
    embed: {
      origins: await getEmbedOrigins(db, network.id),
      snippet: `<script src="${appUrl}/embed.js" defer></script>\n<daymark-events network="${network.slug}"></daymark-events>`,
      frame: `<iframe src="${appUrl}/n/${network.slug}/embed.html" title="${network.name}" width="100%" height="600"></iframe>`,
    },
    webhooks: webhooks.map((hook) => ({
      id: hook.id,
      url: hook.url,
      kinds: hook.kinds,
      allowPrivate: hook.allow_private,
      delivered: Number(hook.delivered),
      pending: Number(hook.pending),
      failed: Number(hook.failed),
    })),
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
    return { ...nothing, revoked: true };
  }
  if (formData.get("intent") === "save-embed") {
    const submission = parseWithZod(formData, { schema: EmbedOriginsSchema });
    if (submission.status !== "success") return data({ ...nothing, embedResult: submission.reply() }, { status: 400 });
    await setEmbedOrigins(db, { networkId: network.id, userId: user.id, origins: submission.value.origins });
    return { ...nothing, embedResult: submission.reply(), embedSaved: true };
  }
  if (formData.get("intent") === "delete-webhook") {
    const submission = parseWithZod(formData, { schema: WebhookIdSchema });
    if (submission.status !== "success") httpError(400, "errors.badRequest");
    if (!(await deleteWebhookEndpoint(db, { networkId: network.id, endpointId: submission.value.endpointId, userId: user.id }))) {
      httpError(409, "errors.badRequest");
    }
    return { ...nothing, webhookDeleted: true };
  }
  if (formData.get("intent") === "create-webhook") {
    const submission = parseWithZod(formData, { schema: NewWebhookSchema });
    if (submission.status !== "success") return data({ ...nothing, webhookResult: submission.reply() }, { status: 400 });
    const outcome = await createWebhookEndpoint(db, { networkId: network.id, userId: user.id, ...submission.value });
    if (!outcome.ok) {
      return data(
        { ...nothing, webhookResult: submission.reply({ fieldErrors: { url: [`api.webhooks.errors.${outcome.reason}`] } }) },
        { status: 400 },
      );
    }
    return {
      ...nothing,
      webhookResult: submission.reply({ resetForm: true }),
      webhookCreated: { url: submission.value.url, secret: outcome.secret },
    };
  }
  const submission = parseWithZod(formData, { schema: NewApiTokenSchema });
  if (submission.status !== "success") return data({ ...nothing, result: submission.reply() }, { status: 400 });
  const token = await createApiToken(db, { networkId: network.id, userId: user.id, ...submission.value });
  return { ...nothing, result: submission.reply({ resetForm: true }), created: { name: submission.value.name, token } };
}

/** Every answer of the action has the same shape: the page reads the part its form posted. */
const nothing = {
  result: undefined,
  created: null,
  revoked: false,
  webhookResult: undefined,
  webhookCreated: null,
  webhookDeleted: false,
  embedResult: undefined,
  embedSaved: false,
} as {
  result: SubmissionResult | undefined;
  created: { name: string; token: string } | null;
  revoked: boolean;
  webhookResult: SubmissionResult | undefined;
  webhookCreated: { url: string; secret: string } | null;
  webhookDeleted: boolean;
  embedResult: SubmissionResult | undefined;
  embedSaved: boolean;
};

export default function Integrations() {
  const t = useT();
  const locale = useLocale();
  const { tokens, timeZone, apiUrl, webhooks, embed } = useLoaderData<typeof loader>();
  const networkSlug = useParams().network;
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "new-api-token",
    lastResult: actionData?.result,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewApiTokenSchema }),
  });
  const [hookForm, hookFields] = useForm({
    id: "new-webhook",
    lastResult: actionData?.webhookResult,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewWebhookSchema }),
  });
  const [embedForm, embedFields] = useForm({
    id: "embed-origins",
    lastResult: actionData?.embedResult,
    defaultValue: { origins: embed.origins.join("\n") },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmbedOriginsSchema }),
  });
  const kindLabel = (kind: (typeof webhookKinds)[number]) => t(`api.webhooks.kinds.${kind}`);
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

      <h2 id="embed-title">{t("api.embed.title")}</h2>
      <p>{t("api.embed.intro")}</p>
      <pre>
        <code>{embed.snippet}</code>
      </pre>
      <p>{t("api.embed.frameIntro")}</p>
      <pre>
        <code>{embed.frame}</code>
      </pre>
      {actionData?.embedSaved ? (
        <p className="notice" role="status">
          {t("api.embed.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(embedForm)} className="stack narrow" aria-labelledby="embed-title">
        <input type="hidden" name="intent" value="save-embed" />
        <TextAreaField field={embedFields.origins} label={t("api.embed.origins")} hint={t("api.embed.originsHint")} />
        <div className="actions">
          <button type="submit">{t("api.embed.save")}</button>
        </div>
      </Form>

      <h2 id="webhooks-title">{t("api.webhooks.title")}</h2>
      <p>{t("api.webhooks.intro")}</p>
      {actionData?.webhookCreated ? (
        <div className="notice" role="status">
          <p>{t("api.webhooks.created", { url: actionData.webhookCreated.url })}</p>
          <p>
            <code>{actionData.webhookCreated.secret}</code>
          </p>
        </div>
      ) : null}
      {actionData?.webhookDeleted ? (
        <p className="notice" role="status">
          {t("api.webhooks.deleted")}
        </p>
      ) : null}
      {webhooks.length === 0 ? (
        <p>{t("api.webhooks.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("api.webhooks.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("api.webhooks.url")}</th>
                <th scope="col">{t("api.webhooks.kindsTitle")}</th>
                <th scope="col">{t("api.webhooks.deliveries")}</th>
                <th scope="col">{t("api.tokens.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {webhooks.map((hook) => (
                <tr key={hook.id}>
                  <th scope="row">
                    {hook.url}
                    {hook.allowPrivate ? ` (${t("api.webhooks.privateAllowed")})` : ""}
                  </th>
                  <td>{hook.kinds.map(kindLabel).join(", ")}</td>
                  <td>
                    <Link to={`/n/${networkSlug}/integrations/${hook.id}`}>
                      {t("api.webhooks.tally", { delivered: hook.delivered, pending: hook.pending, failed: hook.failed })}
                    </Link>
                  </td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="endpointId" value={hook.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="delete-webhook"
                        aria-label={t("api.webhooks.deleteNamed", { url: hook.url })}
                      >
                        {t("api.webhooks.delete")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 id="new-webhook-title">{t("api.webhooks.new")}</h3>
      <Form method="post" {...getFormProps(hookForm)} className="stack narrow" aria-labelledby="new-webhook-title">
        <input type="hidden" name="intent" value="create-webhook" />
        <TextField field={hookFields.url} label={t("api.webhooks.url")} type="url" hint={t("api.webhooks.urlHint")} />
        <CheckboxGroup
          field={hookFields.kinds}
          legend={t("api.webhooks.kindsTitle")}
          options={webhookKinds.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
        />
        <CheckboxField field={hookFields.allowPrivate} label={t("api.webhooks.allowPrivate")} hint={t("api.webhooks.allowPrivateHint")} />
        <div className="actions">
          <button type="submit">{t("api.webhooks.create")}</button>
        </div>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
