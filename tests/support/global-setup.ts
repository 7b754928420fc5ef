import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openDatabase, type DatabaseHandle } from "~db/connection";
import { migrateToLatest } from "~db/migrate";
import { typeParsers } from "~db/type-parsers";
import { ensureJobSchema } from "~/jobs/runner.server";
import { databaseUrl, withAdminClient } from "./postgres-admin";

const jobSettings = { emailRetryLimit: 8, emailRetryDelaySeconds: 1 };

async function prepare(handle: DatabaseHandle) {
  await migrateToLatest(handle.db);
  await ensureJobSchema(handle, jobSettings);
}

/**
 * Migrates once per run: a PGlite snapshot every test file restores, and on
 * PostgreSQL a template database every test file copies.
 */
export default async function setup(project: TestProject) {
  const scratch = mkdtempSync(path.join(tmpdir(), "daymark-tests-"));
  const embedded = new PGlite({ parsers: typeParsers });
  const handle = await openDatabase({ pglite: embedded });
  await prepare(handle);
  const snapshot = path.join(scratch, "migrated.tgz");
  writeFileSync(snapshot, Buffer.from(await (await embedded.dumpDataDir("gzip")).arrayBuffer()));
  await handle.close();
  project.provide("pgliteSnapshot", snapshot);

  let template: string | undefined;
  if (process.env.TEST_DATABASE_URL) {
    template = `daymark_template_${process.pid}`;
    await withAdminClient(async (client) => {
      await client.query(`drop database if exists ${template} with (force)`);
      await client.query(`create database ${template}`);
    });
    const server = await openDatabase({ connectionString: databaseUrl(template) });
    await prepare(server);
    await server.close();
  }
  project.provide("postgresTemplate", template);

  return async () => {
    if (template) await withAdminClient((client) => client.query(`drop database if exists ${template} with (force)`));
    rmSync(scratch, { recursive: true, force: true });
  };
}
