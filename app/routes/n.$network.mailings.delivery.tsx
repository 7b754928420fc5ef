import { type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useParams, useSearchParams } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { pageTitle } from "~/i18n/meta";
import { requireMembership } from "~/modules/auth/access.server";
import { listOneOffMessages } from "~/modules/mail/log.server";
import { formatDateTime } from "~/utils/dates";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.deliveryLog")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "organiser");
  const search = new URL(request.url).searchParams.get("q")?.slice(0, 200) ?? "";
  const messages = await listOneOffMessages(db, network.id, { search });
  return {
    timeZone: network.time_zone,
    messages: messages.map((message) => ({
      id: message.id,
      to: message.to_address,
      subject: message.subject,
      lastKind: message.last_kind,
      answer: message.answer,
      history: message.history.map((event) => ({ kind: event.kind, at: event.created_at.toISOString() })),
    })),
  };
}

/** One-off messages and what became of each, for "I never got the confirmation". */
export default function DeliveryLog() {
  const t = useT();
  const locale = useLocale();
  const networkSlug = useParams().network;
  const [searchParams] = useSearchParams();
  const { messages, timeZone } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="delivery-title">
      <p>
        <Link to={`/n/${networkSlug}/mailings`}>{t("mailings.editor.back")}</Link>
      </p>
      <h1 id="delivery-title">{t("mailings.delivery.title")}</h1>
      <p className="lead">{t("mailings.delivery.intro")}</p>
      <Form method="get" className="actions" role="search">
        <div className="field">
          <label htmlFor="delivery-search">{t("mailings.delivery.search")}</label>
          <input id="delivery-search" type="search" name="q" defaultValue={searchParams.get("q") ?? ""} />
        </div>
        <button type="submit" className="button-secondary">
          {t("mailings.report.filter")}
        </button>
      </Form>
      {messages.length === 0 ? (
        <p>{t("mailings.delivery.none")}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="delivery-title">
            <thead>
              <tr>
                <th scope="col">{t("mailings.report.recipient")}</th>
                <th scope="col">{t("mailings.delivery.subject")}</th>
                <th scope="col">{t("mailings.report.status")}</th>
                <th scope="col">{t("mailings.report.reason")}</th>
                <th scope="col">{t("mailings.report.history")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <th scope="row">{message.to}</th>
                  <td>{message.subject}</td>
                  <td>{message.lastKind ? t(`mailings.report.events.${message.lastKind}`) : ""}</td>
                  <td>{message.answer}</td>
                  <td>
                    <ol className="plain-list">
                      {message.history.map((event, index) => (
                        <li key={index}>
                          {t(`mailings.report.events.${event.kind}`)}{" "}
                          <time dateTime={event.at}>{formatDateTime(event.at, locale, timeZone)}</time>
                        </li>
                      ))}
                    </ol>
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
