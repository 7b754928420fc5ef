import { sql, type Kysely } from "kysely";

/**
 * The public read API (/api/v1, docs/api.md):
 * - partner organisations are listed only once they agreed to it (opt-in, off by default);
 * - an event that leaves the listings (deleted, made unlisted or partners-only,
 *   taken back to draft) keeps a tombstone, so that `changed_since` can tell
 *   clients to drop it. `visibilities` holds every visibility it was listed
 *   under, so a reader only learns of events it could have seen.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("partner_organisations")
    .addColumn("listed_publicly", "boolean", (col) => col.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable("event_tombstones")
    .addColumn("event_id", "uuid", (col) => col.primaryKey())
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("visibilities", sql`text[]`, (col) => col.notNull())
    .addColumn("reason", "text", (col) => col.notNull().check(sql`reason in ('deleted', 'withdrawn')`))
    .addColumn("removed_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("event_tombstones_network_removed_idx")
    .on("event_tombstones")
    .columns(["network_id", "removed_at"])
    .execute();
  await db.schema.createIndex("events_network_updated_idx").on("events").columns(["network_id", "updated_at"]).execute();

  await sql`
    create function daymark_event_tombstone() returns trigger language plpgsql as $$
    declare
      removal text;
    begin
      if old.status not in ('published', 'cancelled') or old.visibility not in ('public', 'partners') then
        return null;
      end if;
      if tg_op = 'DELETE' then
        removal := 'deleted';
      elsif new.status not in ('published', 'cancelled') or new.visibility <> old.visibility then
        removal := 'withdrawn';
      else
        return null;
      end if;
      insert into event_tombstones (event_id, network_id, visibilities, reason, removed_at)
        select old.id, old.network_id, array[old.visibility], removal, now()
        where exists (select 1 from networks where id = old.network_id)
        on conflict (event_id) do update set
          visibilities = array(select distinct unnest(event_tombstones.visibilities || excluded.visibilities) order by 1),
          reason = excluded.reason,
          removed_at = excluded.removed_at;
      return null;
    end $$`.execute(db);
  await sql`create trigger events_tombstone after update or delete on events
    for each row execute function daymark_event_tombstone()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger events_tombstone on events`.execute(db);
  await sql`drop function daymark_event_tombstone()`.execute(db);
  await db.schema.dropIndex("events_network_updated_idx").execute();
  await db.schema.dropTable("event_tombstones").execute();
  await db.schema.alterTable("partner_organisations").dropColumn("listed_publicly").execute();
}
