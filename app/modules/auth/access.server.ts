import { redirect } from "@remix-run/node";
import type { User } from "~db/types";
import { roleAtLeast, type MembershipRole } from "~/modules/networks/networks.schema";
import { getMembershipRole, getRequestNetwork } from "~/modules/networks/networks.server";
import { database } from "~/utils/db.server";
import { forbidden, notFound } from "~/utils/http.server";
import { getSessionUser } from "./sessions.server";

/**
 * The root, the network layout and the page all ask who is signed in while
 * answering one request: look the session up once per request.
 */
const usersByRequest = new WeakMap<Request, Promise<User | undefined>>();

export function getCurrentUser(request: Request): Promise<User | undefined> {
  let user = usersByRequest.get(request);
  if (!user) {
    user = database().then((db) => getSessionUser(db, request));
    usersByRequest.set(request, user);
  }
  return user;
}

function signInRedirect(request: Request): never {
  const url = new URL(request.url);
  throw redirect(`/signin?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** The signed-in user, or a redirect to the sign-in page that comes back here. */
export async function requireUser(request: Request): Promise<User> {
  return (await getCurrentUser(request)) ?? signInRedirect(request);
}

/**
 * The one place where roles are checked: the network (404 if unknown), the
 * signed-in user (else sign in) and their role in it (403 if below `minimum`).
 */
export async function requireMembership(request: Request, networkSlug: string | undefined, minimum: MembershipRole) {
  const db = await database();
  const network = networkSlug ? await getRequestNetwork(db, request, networkSlug) : undefined;
  if (!network) notFound("errors.networkNotFound");
  const user = await requireUser(request);
  const role = await getMembershipRole(db, network.id, user.id);
  if (!role || !roleAtLeast(role, minimum)) forbidden("errors.forbidden");
  return { db, network, user, role };
}
