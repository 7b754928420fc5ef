import { sql, type Kysely } from "kysely";

/**
 * Partner-submitted events and their review: who submitted an event, the
 * organiser's note and decision, and a flag raised when a partner changes the
 * time or place of a published event (published at once, checked afterwards).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("events")
    .addColumn("submitted_by_partner_id", "uuid", (col) => col.references("partner_organisations.id").onDelete("set null"))
    .addColumn("review_note", "text", (col) => col.notNull().defaultTo(""))
    .addColumn("reviewed_at", "timestamptz")
    .addColumn("reviewed_by", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("partner_changed_at", "timestamptz")
    .execute();
  await db.schema
    .createIndex("events_submitted_by_partner_idx")
    .on("events")
    .column("submitted_by_partner_id")
    .where(sql<boolean>`submitted_by_partner_id is not null`)
    .execute();
  // The public calendar reads upcoming, listed events in start order.
  await db.schema
    .createIndex("events_listed_starts_idx")
    .on("events")
    .columns(["network_id", "starts_at"])
    .where(sql<boolean>`status in ('published', 'cancelled') and visibility <> 'unlisted'`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("events_listed_starts_idx").execute();
  await db.schema.dropIndex("events_submitted_by_partner_idx").execute();
  await db.schema
    .alterTable("events")
    .dropColumn("partner_changed_at")
    .dropColumn("reviewed_by")
    .dropColumn("reviewed_at")
    .dropColumn("review_note")
    .dropColumn("submitted_by_partner_id")
    .execute();
}
