import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { PGliteDialect, SessionLock } from "./pglite-dialect";
import { typeParsers } from "./type-parsers";
import type { Database } from "./types";

/** Runs raw SQL for pg-boss on the same database, taking turns with Kysely on PGlite. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] }>;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  driver: "postgres" | "pglite";
  /** For pg-boss: undefined on PostgreSQL, where pg-boss opens its own pool. */
  jobSql: SqlExecutor | undefined;
  connectionString: string | undefined;
  close(): Promise<void>;
}

export type DatabaseConfig =
  | { connectionString: string; poolSize?: number }
  | { dataDir: string }
  | { pglite: PGlite };

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if ("connectionString" in config) return openPostgres(config.connectionString, config.poolSize ?? 10);
  if ("dataDir" in config) {
    // PGlite needs the parent folder to exist.
    mkdirSync(path.dirname(path.resolve(config.dataDir)), { recursive: true });
    return wrapPGlite(new PGlite({ dataDir: config.dataDir, parsers: typeParsers }));
  }
  return wrapPGlite(config.pglite);
}

function openPostgres(connectionString: string, max: number): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        typeParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, driver: "postgres", jobSql: undefined, connectionString, close: () => db.destroy() };
}

async function wrapPGlite(pglite: PGlite): Promise<DatabaseHandle> {
  await pglite.waitReady;
  const lock = new SessionLock();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite, lock) });
  const jobSql: SqlExecutor = {
    executeSql: (text, values) =>
      lock.run(async () => {
        if (values && values.length > 0) {
          const result = await pglite.query(text, values, { parsers: typeParsers });
          return { rows: result.rows };
        }
        // pg-boss sends several statements at once during setup: exec() accepts that.
        const results = await pglite.exec(text, { parsers: typeParsers });
        return { rows: results.at(-1)?.rows ?? [] };
      }),
  };
  return { db, driver: "pglite", jobSql, connectionString: undefined, close: () => db.destroy() };
}
