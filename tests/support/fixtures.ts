import type { Kysely } from "kysely";
import type { Database, MembershipRole } from "~db/types";
import { hashPassword } from "~/modules/auth/passwords.server";
import { createSession } from "~/modules/auth/sessions.server";

export async function createNetwork(db: Kysely<Database>, slug: string, name = `Network ${slug}`) {
  return db
    .insertInto("networks")
    .values({ slug, name, default_locale: "en", time_zone: "Europe/Lisbon" })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function createUser(
  db: Kysely<Database>,
  input: { email: string; password?: string; name?: string; networkId?: string; role?: MembershipRole },
) {
  const user = await db
    .insertInto("users")
    .values({
      email: input.email,
      name: input.name ?? input.email.split("@")[0]!,
      password_hash: input.password ? await hashPassword(input.password) : null,
      locale: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (input.networkId && input.role) {
    await db.insertInto("memberships").values({ network_id: input.networkId, user_id: user.id, role: input.role }).execute();
  }
  return user;
}

/** A request carrying the user's session cookie, as a signed-in browser would send it. */
export async function signedInRequest(db: Kysely<Database>, userId: string, url: string, init: RequestInit = {}) {
  const setCookie = await createSession(db, userId);
  const headers = new Headers(init.headers);
  headers.set("Cookie", setCookie.split(";")[0]!);
  return new Request(url, { ...init, headers });
}
