import { isRouteErrorResponse, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/react";
import type { MessageKey } from "~/i18n/translate";
import { ErrorPage } from "./ErrorPage";

/** The friendly page for 404, 403, 410 and unexpected errors: every route's ErrorBoundary. */
export function RouteErrorPage() {
  const error = useRouteError();
  const t = useT();
  if (isRouteErrorResponse(error)) {
    const key = (error.data as { message?: string } | null)?.message;
    const detail = key?.startsWith("errors.") ? t(key as MessageKey) : undefined;
    return <ErrorPage status={error.status} detail={detail} />;
  }
  console.error(error);
  return <ErrorPage status={500} />;
}
