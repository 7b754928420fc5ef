import { sql, type Kysely } from "kysely";

/**
 * Calendar feeds. Web processes keep each feed's bytes in memory; these
 * triggers tell them when to drop them: any change to a table that feeds read
 * sends NOTIFY daymark_feeds with the network id, in the transaction of the
 * change (PostgreSQL delivers it when, and only if, it commits).
 * Also: private feed tokens (hashed), each feed's last ETag and Last-Modified
 * (shared by every process, so Last-Modified moves only when content does),
 * and tombstones of deleted campaigns, whose feeds answer 410.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("feed_tokens")
    .addColumn("id", "uuid", (col) => col.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("partner_id", "uuid", (col) => col.notNull().references("partner_organisations.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (col) => col.notNull().unique())
    .addColumn("created_by", "uuid", (col) => col.references("users.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();
  // At most one live token per partner organisation: issuing a new one revokes the old.
  await sql`create unique index feed_tokens_one_live_per_partner on feed_tokens (partner_id) where revoked_at is null`.execute(db);

  await db.schema
    .createTable("feed_snapshots")
    .addColumn("feed_key", "text", (col) => col.primaryKey())
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("content_hash", "text", (col) => col.notNull())
    .addColumn("last_modified", "timestamptz", (col) => col.notNull())
    .addColumn("built_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("campaign_tombstones")
    .addColumn("network_id", "uuid", (col) => col.notNull().references("networks.id").onDelete("cascade"))
    .addColumn("campaign_id", "uuid", (col) => col.primaryKey())
    .addColumn("deleted_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`
    create function daymark_feeds_changed(changed_network uuid) returns void language plpgsql as $$
    begin
      if changed_network is null then return; end if;
      -- Delivered at commit, once per network and transaction (PostgreSQL folds duplicates).
      perform pg_notify('daymark_feeds', changed_network::text);
    end $$`.execute(db);

  // Rows that carry network_id (events, campaigns, partners, tokens) and networks themselves.
  await sql`
    create function daymark_feeds_row_changed() returns trigger language plpgsql as $$
    declare
      column_name text := tg_argv[0];
      old_network uuid;
      new_network uuid;
    begin
      if tg_op <> 'INSERT' then old_network := (to_jsonb(old) ->> column_name)::uuid; end if;
      if tg_op <> 'DELETE' then new_network := (to_jsonb(new) ->> column_name)::uuid; end if;
      perform daymark_feeds_changed(coalesce(new_network, old_network));
      if old_network is distinct from new_network and new_network is not null then
        perform daymark_feeds_changed(old_network);
      end if;
      return null;
    end $$`.execute(db);

  await sql`
    create function daymark_feeds_cohost_changed() returns trigger language plpgsql as $$
    begin
      perform daymark_feeds_changed((select network_id from events
        where id = case when tg_op = 'DELETE' then old.event_id else new.event_id end));
      return null;
    end $$`.execute(db);

  await sql`
    create function daymark_campaign_tombstone() returns trigger language plpgsql as $$
    begin
      insert into campaign_tombstones (network_id, campaign_id)
        select old.network_id, old.id where exists (select 1 from networks where id = old.network_id);
      return null;
    end $$`.execute(db);

  for (const table of ["events", "campaigns", "partner_organisations"]) {
    await sql`create trigger ${sql.raw(`${table}_feeds_changed`)} after insert or update or delete on ${sql.table(table)}
      for each row execute function daymark_feeds_row_changed('network_id')`.execute(db);
  }
  await sql`create trigger networks_feeds_changed after update or delete on networks
    for each row execute function daymark_feeds_row_changed('id')`.execute(db);
  // Revoking a token must reach every process; using one (last_used_at) must not.
  await sql`create trigger feed_tokens_feeds_changed after update of revoked_at or delete on feed_tokens
    for each row execute function daymark_feeds_row_changed('network_id')`.execute(db);
  await sql`create trigger event_cohosts_feeds_changed after insert or update or delete on event_cohosts
    for each row execute function daymark_feeds_cohost_changed()`.execute(db);
  await sql`create trigger campaigns_tombstone after delete on campaigns
    for each row execute function daymark_campaign_tombstone()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger campaigns_tombstone on campaigns`.execute(db);
  await sql`drop trigger event_cohosts_feeds_changed on event_cohosts`.execute(db);
  await sql`drop trigger feed_tokens_feeds_changed on feed_tokens`.execute(db);
  await sql`drop trigger networks_feeds_changed on networks`.execute(db);
  for (const table of ["events", "campaigns", "partner_organisations"]) {
    await sql`drop trigger ${sql.raw(`${table}_feeds_changed`)} on ${sql.table(table)}`.execute(db);
  }
  await sql`drop function daymark_campaign_tombstone()`.execute(db);
  await sql`drop function daymark_feeds_cohost_changed()`.execute(db);
  await sql`drop function daymark_feeds_row_changed()`.execute(db);
  await sql`drop function daymark_feeds_changed(uuid)`.execute(db);
  await db.schema.dropTable("campaign_tombstones").execute();
  await db.schema.dropTable("feed_snapshots").execute();
  await db.schema.dropTable("feed_tokens").execute();
}
