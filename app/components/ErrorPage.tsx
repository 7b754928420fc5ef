import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";

export function ErrorPage({ status, detail }: { status: number; detail?: string }) {
  const t = useT();
  const kind =
    status === 404
      ? "notFound"
      : status === 403
        ? "forbidden"
        : status === 410
          ? "gone"
          : status === 429
            ? "tooMany"
            : status === 413
              ? "tooLarge"
              : status < 500
                ? "badRequest"
                : "server";
  return (
    <section className="page narrow error-page" aria-labelledby="error-title">
      <p className="error-status">{status}</p>
      <h1 id="error-title">{t(`errorPage.${kind}.title`)}</h1>
      <p>{detail ?? t(`errorPage.${kind}.body`)}</p>
      <p>
        <Link to="/">{t("errorPage.home")}</Link>
      </p>
    </section>
  );
}
