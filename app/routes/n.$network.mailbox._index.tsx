import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { listCapturedMessages } from "~/modules/mail/mailbox.server";
import { formatDateTime } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.mailbox")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network } = await requireMembership(request, params.network, "owner");
  if (getEnv().smtpUrl) notFound("errors.mailboxDisabled");
  const messages = await listCapturedMessages(db, network.id);
  return {
    timeZone: network.time_zone,
    messages: messages.map((m) => ({ ...m, created_at: m.created_at.toISOString() })),
  };
}

/** Mail captured while no SMTP server is configured, so the embedded default works end to end. */
export default function Mailbox() {
  const t = useT();
  const locale = useLocale();
  const { messages, timeZone } = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="mailbox-title">
      <h1 id="mailbox-title">{t("mailbox.title")}</h1>
      <p className="lead">{t("mailbox.intro")}</p>
      {messages.length === 0 ? (
        <p>{t("mailbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("mailbox.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("mailbox.subject")}</th>
                <th scope="col">{t("mailbox.to")}</th>
                <th scope="col">{t("mailbox.date")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <td>
                    <Link to={message.id}>{message.subject}</Link>
                  </td>
                  <td>{message.to_address}</td>
                  <td>{formatDateTime(message.created_at, locale, timeZone)}</td>
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
