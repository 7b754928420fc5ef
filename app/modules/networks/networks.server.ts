import type { Kysely } from "kysely";
import type { Database, MembershipRole } from "~db/types";

export async function getNetworkBySlug(db: Kysely<Database>, slug: string) {
  return db
    .selectFrom("networks")
    .select(["id", "slug", "name", "default_locale", "time_zone", "content_language"])
    .where("slug", "=", slug)
    .executeTakeFirst();
}

type Network = NonNullable<Awaited<ReturnType<typeof getNetworkBySlug>>>;
const networksByRequest = new WeakMap<Request, Map<string, Promise<Network | undefined>>>();

/**
 * The network a request's URL names, looked up once per request however many
 * of its loaders ask (the network layout and the page both do). Remix hands
 * every loader of one request the same Request, and the loaders that run
 * after an action a new one, so a change made by the action is seen.
 */
export function getRequestNetwork(db: Kysely<Database>, request: Request, slug: string): Promise<Network | undefined> {
  let bySlug = networksByRequest.get(request);
  if (!bySlug) networksByRequest.set(request, (bySlug = new Map()));
  let network = bySlug.get(slug);
  if (!network) bySlug.set(slug, (network = getNetworkBySlug(db, slug)));
  return network;
}

export async function listNetworks(db: Kysely<Database>) {
  return db.selectFrom("networks").select(["slug", "name"]).orderBy("name").execute();
}

export async function getMembershipRole(db: Kysely<Database>, networkId: string, userId: string) {
  const row = await db
    .selectFrom("memberships")
    .select("role")
    .where("network_id", "=", networkId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row?.role;
}

/** The networks a user belongs to, for the header and the dashboard. */
export async function listUserNetworks(db: Kysely<Database>, userId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("networks", "networks.id", "memberships.network_id")
    .select(["networks.slug", "networks.name", "memberships.role"])
    .where("memberships.user_id", "=", userId)
    .orderBy("networks.name")
    .execute();
}

export async function listMembers(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "users.email", "memberships.role", "memberships.created_at"])
    .where("memberships.network_id", "=", networkId)
    .orderBy("users.name")
    .execute();
}

export async function addMembership(db: Kysely<Database>, networkId: string, userId: string, role: MembershipRole) {
  await db
    .insertInto("memberships")
    .values({ network_id: networkId, user_id: userId, role })
    .onConflict((oc) => oc.columns(["network_id", "user_id"]).doUpdateSet({ role }))
    .execute();
}
