import { RouteErrorPage } from "~/components/RouteErrorPage";
import { notFound } from "~/utils/http.server";

/** Any path no route claims: the friendly 404 page. */
export function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorPage;
