import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { useLocale, useT } from "~/i18n/react";
import { requireMembership } from "~/modules/auth/access.server";
import { getCapturedMessage } from "~/modules/mail/mailbox.server";
import { formatDateTime } from "~/utils/dates";
import { getEnv } from "~/utils/env.server";
import { isUuid } from "~/utils/forms.server";
import { notFound } from "~/utils/http.server";
import { pageTitle } from "~/i18n/meta";

export const meta: MetaFunction = (args) => [pageTitle(args, "titles.message")];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db, network, user } = await requireMembership(request, params.network, "owner");
  if (getEnv().smtpUrl) notFound("errors.mailboxDisabled");
  const message = isUuid(params.messageId) ? await getCapturedMessage(db, network.id, params.messageId, user.email) : undefined;
  if (!message) notFound("errors.messageNotFound");
  return { timeZone: network.time_zone, message: { ...message, created_at: message.created_at.toISOString() } };
}

export default function MailboxMessage() {
  const t = useT();
  const locale = useLocale();
  const { message, timeZone } = useLoaderData<typeof loader>();
  return (
    <article className="page" aria-labelledby="message-title">
      <p>
        <Link to="..">{t("mailbox.back")}</Link>
      </p>
      <h1 id="message-title">{message.subject}</h1>
      <dl className="meta-list">
        <dt>{t("mailbox.from")}</dt>
        <dd>{message.from_address}</dd>
        <dt>{t("mailbox.to")}</dt>
        <dd>{message.to_address}</dd>
        <dt>{t("mailbox.date")}</dt>
        <dd>{formatDateTime(message.created_at, locale, timeZone)}</dd>
      </dl>
      {message.linksHidden ? <p className="notice">{t("mailbox.linksHidden")}</p> : null}
      <h2>{t("mailbox.html")}</h2>
      {/* sandbox="" runs no script and opens no link from the message inside the app. */}
      <iframe title={t("mailbox.html")} sandbox="" srcDoc={message.html_body} className="mail-preview" />
      <h2>{t("mailbox.text")}</h2>
      <pre className="mail-text">{message.text_body}</pre>
      {message.raw_mime !== null ? (
        <details>
          <summary>{t("mailbox.raw")}</summary>
          <pre className="mail-text">{message.raw_mime}</pre>
        </details>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = RouteErrorPage;
