import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "~db/connection";
import { typeParsers } from "~db/type-parsers";
import { databaseUrl, withAdminClient } from "./postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data folder, dumped once by the global setup. */
    pgliteSnapshot: string;
    /** A migrated PostgreSQL database to copy, when TEST_DATABASE_URL is set. */
    postgresTemplate: string | undefined;
  }
}

export type TestDriver = "pglite" | "postgres";

/** The drivers this run covers: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set. */
export function testDrivers(): TestDriver[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/** The driver for tests that run once: the server when there is one (as CI), else PGlite. */
export function primaryDriver(): TestDriver {
  return process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
}

export interface TestDatabase extends DatabaseHandle {
  /** PostgreSQL: the database's own URL (for a server under test). */
  url: string | undefined;
  drop(): Promise<void>;
}

/**
 * A migrated database of its own for one test file: a copy of the template
 * on PostgreSQL (fast), or a PGlite restored from the snapshot.
 * `empty` gives a database with no tables at all, for migration tests.
 */
export async function createTestDatabase(
  driver: TestDriver = primaryDriver(),
  { empty = false }: { empty?: boolean } = {},
): Promise<TestDatabase> {
  if (driver === "pglite") {
    const pglite = empty
      ? new PGlite({ parsers: typeParsers })
      : new PGlite({ loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]), parsers: typeParsers });
    const handle = await openDatabase({ pglite });
    return { ...handle, url: undefined, drop: () => handle.close() };
  }
  const name = `daymark_test_${randomBytes(6).toString("hex")}`;
  const template = empty ? "template0" : inject("postgresTemplate")!;
  await withAdminClient((client) => client.query(`create database ${name} template ${template}`));
  const url = databaseUrl(name);
  const handle = await openDatabase({ connectionString: url, poolSize: 20 });
  return {
    ...handle,
    url,
    async drop() {
      await handle.close();
      await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * A migrated PGlite data folder of its own, for tests that hand the database
 * to another process (which then owns it: close the returned database first).
 */
export async function createTestDataFolder(): Promise<{ dataDir: string; database: TestDatabase }> {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), "daymark-folder-")), "data");
  const pglite = new PGlite({ dataDir, loadDataDir: new Blob([readFileSync(inject("pgliteSnapshot"))]), parsers: typeParsers });
  const handle = await openDatabase({ pglite });
  return { dataDir, database: { ...handle, url: undefined, drop: () => handle.close() } };
}
