import { sql, type Kysely } from "kysely";
import { describe, expect, test } from "vitest";
import { migrateToLatest, rollbackAll, rollbackOne } from "~db/migrate";
import { migrationProvider } from "~db/migrations";
import { createTestDatabase, testDrivers } from "../support/database";

async function tableNames(db: Kysely<any>): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%'
    order by table_name`.execute(db);
  return result.rows.map((row) => row.table_name);
}

const foundationTables = [
  "audit_log",
  "email_outbox",
  "memberships",
  "network_invitations",
  "networks",
  "password_reset_tokens",
  "rate_limits",
  "sessions",
  "users",
];

describe.each(testDrivers())("migrations on %s", (driver) => {
  test("run up, down to nothing, and up again", async () => {
    const database = await createTestDatabase(driver, { empty: true });
    try {
      // Kysely runs migrations in the order of their names.
      const names = Object.keys(await migrationProvider.getMigrations()).sort();
      expect(await migrateToLatest(database.db)).toEqual(names.map((name) => `Up ${name}`));
      expect(await tableNames(database.db)).toEqual(expect.arrayContaining(foundationTables));

      expect(await rollbackAll(database.db)).toEqual([...names].reverse().map((name) => `Down ${name}`));
      expect(await tableNames(database.db)).toEqual([]);

      expect(await migrateToLatest(database.db)).toEqual(names.map((name) => `Up ${name}`));
      expect(await migrateToLatest(database.db)).toEqual([]);

      const last = names.at(-1)!;
      expect(await rollbackOne(database.db)).toEqual([`Down ${last}`]);
      expect(await migrateToLatest(database.db)).toEqual([`Up ${last}`]);
    } finally {
      await database.drop();
    }
  });
});
