// `npm run db:migrate | db:rollback | db:seed`, on DATABASE_URL or the embedded ./data.
// On the embedded database it refuses to run while another process has ./data open.
import { openDatabase } from "~db/connection";
import { migrateToLatest, rollbackOne } from "~db/migrate";
import { seedDemo } from "~db/seed";
import { ensureJobSchema } from "~/jobs/runner.server";
import { getEnv } from "~/utils/env.server";

const command = process.argv[2];
const env = getEnv();
const handle = await openDatabase(env.databaseUrl ? { connectionString: env.databaseUrl } : { dataDir: env.dataDir }).catch(
  (error: unknown) => {
    // Most often the data folder is in use: the message names the process holding it.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
const where = handle.driver === "pglite" ? `embedded database in ${env.dataDir}` : "PostgreSQL";

try {
  if (command === "migrate") {
    const steps = await migrateToLatest(handle.db);
    await ensureJobSchema(handle, env);
    console.log(steps.length ? steps.join("\n") : `Nothing to migrate on the ${where}.`);
  } else if (command === "rollback") {
    const steps = await rollbackOne(handle.db);
    console.log(steps.length ? steps.join("\n") : `Nothing to roll back on the ${where}.`);
  } else if (command === "seed") {
    await migrateToLatest(handle.db);
    await ensureJobSchema(handle, env);
    const seeded = await seedDemo(handle.db, new Date());
    console.log(seeded ? `Demo network created on the ${where}.` : "The demo network already exists.");
  } else {
    console.error("Usage: tsx scripts/db.ts migrate | rollback | seed");
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
