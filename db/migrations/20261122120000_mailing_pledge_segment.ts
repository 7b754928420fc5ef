import type { Kysely } from "kysely";

/** A mailing's segment can be the partners who pledged to one campaign. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("mailings")
    .addColumn("segment_pledged_campaign_id", "uuid", (col) => col.references("campaigns.id").onDelete("set null"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mailings").dropColumn("segment_pledged_campaign_id").execute();
}
