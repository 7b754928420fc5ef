import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { RouteErrorPage } from "~/components/RouteErrorPage";
import { getCurrentUser } from "~/modules/auth/access.server";
import { getMembershipRole, getRequestNetwork } from "~/modules/networks/networks.server";
import { database } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";

/** Every page of a network: the header shows its name and the reader's role decides the navigation. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = await database();
  const network = params.network ? await getRequestNetwork(db, request, params.network) : undefined;
  if (!network) notFound("errors.networkNotFound");
  const user = await getCurrentUser(request);
  const role = user ? ((await getMembershipRole(db, network.id, user.id)) ?? null) : null;
  return {
    network: { slug: network.slug, name: network.name },
    role,
    mailboxEnabled: !getEnv().smtpUrl,
  };
}

export default function NetworkLayout() {
  return <Outlet />;
}

export const ErrorBoundary = RouteErrorPage;
