import { sql, type Kysely } from "kysely";

/** The sites a network's owners allow to show its calendar in a frame (Content-Security-Policy frame-ancestors). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("networks")
    .addColumn("embed_origins", sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("networks").dropColumn("embed_origins").execute();
}
