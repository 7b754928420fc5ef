// `npm run worker`: works the job queues (mail delivery, housekeeping) in a
// process of its own, beside web processes started with RUN_JOBS=false.
// It needs DATABASE_URL: the embedded database serves one process only, and
// there jobs already run inside the web process.
import { openDatabase } from "~db/connection";
import { migrateToLatest } from "~db/migrate";
import { jobRunnerOptionsFromEnv, startJobRunner } from "~/jobs/runner.server";
import { useDatabase } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

const env = getEnv();
if (!env.databaseUrl) {
  console.error("npm run worker needs DATABASE_URL. On the embedded database, jobs run inside `npm start`.");
  process.exit(2);
}
const handle = await openDatabase({ connectionString: env.databaseUrl });
useDatabase(handle);
await migrateToLatest(handle.db);
const runner = await startJobRunner(handle, jobRunnerOptionsFromEnv(env));
console.log(`Daymark worker running (mail ${env.smtpUrl ? "sent through SMTP_URL" : "captured in the outbox"}).`);

async function shutdown(signal: string) {
  console.log(`${signal} received, finishing the jobs in hand`);
  await runner.stop();
  await handle.close();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
