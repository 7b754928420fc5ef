// A job worker process for the kill -9 tests, on either driver: the real
// runner, as `npm run worker` starts it, but also on an embedded data folder
// (DATA_DIR without DATABASE_URL), which `npm run worker` refuses because
// there the web process works the jobs. The test owns the folder meanwhile.
import { openDatabase } from "~db/connection";
import { jobRunnerOptionsFromEnv, startJobRunner } from "~/jobs/runner.server";
import { useDatabase } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

const env = getEnv();
const handle = await openDatabase(env.databaseUrl ? { connectionString: env.databaseUrl } : { dataDir: env.dataDir });
useDatabase(handle);
const runner = await startJobRunner(handle, jobRunnerOptionsFromEnv(env));
console.log("worker ready");

process.once("SIGTERM", async () => {
  await runner.stop();
  await handle.close();
  process.exit(0);
});
