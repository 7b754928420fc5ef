import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { currentMonth } from "~/modules/events/event-times";
import { getNetworkBySlug } from "~/modules/networks/networks.server";
import { database } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

/** The month view without a month: this month, in the network's zone. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const network = params.network ? await getNetworkBySlug(await database(), params.network) : undefined;
  if (!network) notFound("errors.networkNotFound");
  const url = new URL(request.url);
  throw redirect(`/n/${network.slug}/events/month/${currentMonth(network.time_zone)}${url.search}`);
}

export const ErrorBoundary = RouteErrorPage;
