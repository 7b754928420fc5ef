import { sql, type Kysely } from "kysely";

/**
 * Feeds show global days (the day feed and its name, the day in every event's
 * CATEGORIES), so changes to days notify feeds as 20261122020000_feeds.ts does
 * for events. A network's own day concerns that network; a day of the shared
 * catalogue concerns every network, so each one is notified (PostgreSQL folds
 * repeats within a transaction, and catalogue changes are rare).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function daymark_feeds_day_scope_changed(day_network uuid) returns void language plpgsql as $$
    begin
      if day_network is null then
        perform daymark_feeds_changed(id) from networks;
      else
        perform daymark_feeds_changed(day_network);
      end if;
    end $$`.execute(db);

  await sql`
    create function daymark_feeds_global_day_changed() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' then
        perform daymark_feeds_day_scope_changed(old.network_id);
      else
        perform daymark_feeds_day_scope_changed(new.network_id);
        if tg_op = 'UPDATE' and old.network_id is distinct from new.network_id then
          perform daymark_feeds_day_scope_changed(old.network_id);
        end if;
      end if;
      return null;
    end $$`.execute(db);

  await sql`
    create function daymark_feeds_day_translation_changed() returns trigger language plpgsql as $$
    declare
      changed_day uuid;
      day_network uuid;
    begin
      changed_day := case when tg_op = 'DELETE' then old.global_day_id else new.global_day_id end;
      select network_id into day_network from global_days where id = changed_day;
      -- Not found: the day itself is being deleted, and its own trigger notifies.
      if found then perform daymark_feeds_day_scope_changed(day_network); end if;
      return null;
    end $$`.execute(db);

  await sql`create trigger global_days_feeds_changed after insert or update or delete on global_days
    for each row execute function daymark_feeds_global_day_changed()`.execute(db);
  await sql`create trigger global_day_translations_feeds_changed after insert or update or delete on global_day_translations
    for each row execute function daymark_feeds_day_translation_changed()`.execute(db);
  // Announced dates are rows of one network.
  await sql`create trigger global_day_dates_feeds_changed after insert or update or delete on global_day_dates
    for each row execute function daymark_feeds_row_changed('network_id')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger global_day_dates_feeds_changed on global_day_dates`.execute(db);
  await sql`drop trigger global_day_translations_feeds_changed on global_day_translations`.execute(db);
  await sql`drop trigger global_days_feeds_changed on global_days`.execute(db);
  await sql`drop function daymark_feeds_day_translation_changed()`.execute(db);
  await sql`drop function daymark_feeds_global_day_changed()`.execute(db);
  await sql`drop function daymark_feeds_day_scope_changed(uuid)`.execute(db);
}
