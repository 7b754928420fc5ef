import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import type { Locale } from "~/i18n/locales";

export async function setUserLocale(db: Kysely<Database>, userId: string, locale: Locale) {
  await db.updateTable("users").set({ locale, updated_at: new Date() }).where("id", "=", userId).execute();
}

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom("users").selectAll().where("email", "=", email.toLowerCase()).executeTakeFirst();
}
