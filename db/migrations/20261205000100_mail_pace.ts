import type { Kysely } from "kysely";

/**
 * One row per kind of mail ("transactional", "mailing") holding when its next
 * message may be handed to the mail server, so that MAIL_RATE_PER_SECOND and
 * MAILING_RATE_PER_SECOND hold for all workers together, not for each.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("mail_pace")
    .addColumn("lane", "text", (col) => col.primaryKey())
    .addColumn("next_at", "timestamptz", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("mail_pace").execute();
}
