import { createCookie, type Cookie } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, User } from "~db/types";
import { getEnv } from "~/utils/env.server";
import { hashToken, newToken } from "~/utils/tokens.server";

const SESSION_DAYS = 30;

let cookie: Cookie | undefined;

/** httpOnly, SameSite=Lax, Secure on https, signed with SESSION_SECRET. It holds a random token, nothing else. */
export function sessionCookie(): Cookie {
  if (!cookie) {
    const env = getEnv();
    cookie = createCookie("daymark_session", {
      httpOnly: true,
      sameSite: "lax",
      secure: env.secureCookies,
      path: "/",
      maxAge: SESSION_DAYS * 24 * 60 * 60,
      secrets: [env.sessionSecret],
    });
  }
  return cookie;
}

/** Starts a session; returns the Set-Cookie header value. */
export async function createSession(db: Kysely<Database>, userId: string): Promise<string> {
  const token = newToken();
  await db
    .insertInto("sessions")
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      expires_at: new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000),
    })
    .execute();
  return sessionCookie().serialize(token);
}

async function sessionToken(request: Request): Promise<string | undefined> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : undefined;
}

export async function getSessionUser(db: Kysely<Database>, request: Request): Promise<User | undefined> {
  const token = await sessionToken(request);
  if (!token) return undefined;
  return db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .where("sessions.token_hash", "=", hashToken(token))
    .where("sessions.expires_at", ">", new Date())
    .executeTakeFirst();
}

/** Ends the request's session; returns the Set-Cookie header value that clears the cookie. */
export async function destroySession(db: Kysely<Database>, request: Request): Promise<string> {
  const token = await sessionToken(request);
  if (token) await db.deleteFrom("sessions").where("token_hash", "=", hashToken(token)).execute();
  return sessionCookie().serialize("", { maxAge: 0 });
}

export async function destroyAllSessions(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function deleteExpiredAccountTokens(db: Kysely<Database>, now: Date): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<", now).execute();
  await db.deleteFrom("password_reset_tokens").where("expires_at", "<", now).execute();
  await db.deleteFrom("network_invitations").where("expires_at", "<", now).where("accepted_at", "is", null).execute();
}
