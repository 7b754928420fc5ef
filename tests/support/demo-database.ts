import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { openDatabase, type DatabaseHandle } from "~db/connection";
import { migrateToLatest } from "~db/migrate";
import { seedDemo } from "~db/seed";
import { demoNetworkSlug, type DemoSeed } from "~db/seed/demo";
import type { Database } from "~db/types";
import { ensureJobSchema } from "~/jobs/runner.server";
import { createTestDatabase, primaryDriver, type TestDatabase } from "./database";
import { withAdminClient } from "./postgres-admin";

export interface PreparedDemo<T> {
  /** Environment for startApp: the database the app should open. */
  env: Record<string, string>;
  /** What the seed planned (campaign years, slugs, dates), counted from the moment it ran. */
  demo: DemoSeed;
  data: T;
  cleanup(): Promise<void>;
}

/**
 * The demo database plus whatever a browser test needs beyond it, written
 * before the app starts: on PostgreSQL when TEST_DATABASE_URL is set, else in
 * an embedded PGlite folder that the app then opens (PGlite serves one
 * process at a time).
 */
export async function prepareDemoDatabase<T>(
  addData: (db: Kysely<Database>, networkId: string, demo: DemoSeed) => Promise<T> = async () => undefined as T,
): Promise<PreparedDemo<T>> {
  let handle: DatabaseHandle;
  let server: TestDatabase | undefined;
  let folder: string | undefined;
  if (primaryDriver() === "postgres") {
    server = await createTestDatabase("postgres");
    handle = server;
  } else {
    folder = mkdtempSync(path.join(tmpdir(), "daymark-demo-"));
    handle = await openDatabase({ dataDir: path.join(folder, "data") });
    await migrateToLatest(handle.db);
    await ensureJobSchema(handle, { emailRetryLimit: 3, emailRetryDelaySeconds: 1 });
  }
  const demo = (await seedDemo(handle.db, new Date()))!;
  const network = await handle.db.selectFrom("networks").select("id").where("slug", "=", demoNetworkSlug).executeTakeFirstOrThrow();
  const data = await addData(handle.db, network.id, demo);
  await handle.close();
  return {
    demo,
    data,
    env: server ? { DATABASE_URL: server.url! } : { DATA_DIR: path.join(folder!, "data") },
    async cleanup() {
      if (server) {
        const name = new URL(server.url!).pathname.slice(1);
        await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
      }
      if (folder) rmSync(folder, { recursive: true, force: true });
    },
  };
}
