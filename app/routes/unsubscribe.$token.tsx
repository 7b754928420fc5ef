import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useT } from "~/i18n/react";
import { describeUnsubscribeLink, unsubscribeByToken } from "~/modules/mailings/unsubscribe.server";
import { database } from "~/utils/db.server";
import { looksLikeToken } from "~/utils/tokens.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.unsubscribe"), { name: "robots", content: "noindex" }];

/** Opening the footer link asks first: link checkers must not unsubscribe anyone. */
export async function loader({ params }: LoaderFunctionArgs) {
  const db = await database();
  const link = looksLikeToken(params.token) ? await describeUnsubscribeLink(db, params.token) : undefined;
  return data(
    { link: link ? { email: link.email, networkName: link.networkName, subscribed: link.subscribed ?? false } : null },
    { status: link ? 200 : 404 },
  );
}

/** The footer link's button. Mail providers' one-click posts go to ./one-click. */
export async function action({ params }: ActionFunctionArgs) {
  const db = await database();
  const done = looksLikeToken(params.token) ? await unsubscribeByToken(db, params.token) : undefined;
  if (!done) return data({ done: null }, { status: 404 });
  return data({ done });
}

export default function Unsubscribe() {
  const t = useT();
  const { link } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const done = actionData?.done ?? (link && !link.subscribed ? link : null);
  return (
    <section className="page narrow" aria-labelledby="unsubscribe-title">
      <h1 id="unsubscribe-title">{t("mailings.unsubscribe.title")}</h1>
      {done ? (
        <p role="status">{t("mailings.unsubscribe.done", { email: done.email, network: done.networkName })}</p>
      ) : link ? (
        <Form method="post" className="stack">
          <p>{t("mailings.unsubscribe.confirm", { email: link.email, network: link.networkName })}</p>
          <div className="actions">
            <button type="submit">{t("mailings.unsubscribe.submit")}</button>
          </div>
        </Form>
      ) : (
        <p role="alert">{t("mailings.unsubscribe.invalid")}</p>
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorPage;
