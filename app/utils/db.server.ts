import type { Kysely } from "kysely";
import { openDatabase, type DatabaseHandle } from "~db/connection";
import type { Database } from "~db/types";
import { getEnv } from "./env.server";

let opening: Promise<DatabaseHandle> | undefined;
let migrated: Promise<unknown> | undefined;

/** The process's database connection (pg pool or embedded PGlite), opened once. */
export function databaseHandle(): Promise<DatabaseHandle> {
  opening ??= (async () => {
    const env = getEnv();
    return openDatabase(env.databaseUrl ? { connectionString: env.databaseUrl } : { dataDir: env.dataDir });
  })();
  return opening;
}

/**
 * Points this process at a database that is already open: the worker script
 * and the integration tests use it instead of opening one from the environment.
 */
export function useDatabase(handle: DatabaseHandle) {
  opening = Promise.resolve(handle);
  migrated = undefined;
}

/** Lets the start-up sequence hold queries back until migrations have run. */
export function holdQueriesUntil(ready: Promise<unknown>) {
  migrated = ready;
}

/** What routes and jobs query through: `const db = await database()`. */
export async function database(): Promise<Kysely<Database>> {
  await migrated;
  return (await databaseHandle()).db;
}
