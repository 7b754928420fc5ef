import { ensureJobSchema, jobRunnerOptionsFromEnv, startJobRunner, type JobRunner } from "~/jobs/runner.server";
import { migrateToLatest } from "~db/migrate";
import { seedDemo } from "~db/seed";
import { demoAccounts, demoNetworkSlug, demoPassword } from "~db/seed/demo";
import { databaseHandle, holdQueriesUntil } from "./utils/db.server";
import { getEnv } from "./utils/env.server";
import type { ProxyTrust } from "./utils/proxy-trust.server";

export interface StartupReport {
  driver: "postgres" | "pglite";
  appUrl: string;
  port: number;
  host: string;
  trustProxy: ProxyTrust;
  migrations: string[];
  demo?: { url: string; email: string; password: string };
  jobs: "in-process" | "separate worker";
  mail: "smtp" | "captured";
}

let starting: Promise<StartupReport> | undefined;
let runner: JobRunner | undefined;

/**
 * Everything a web process does before serving: migrate, create the job
 * queues, seed the demo on the embedded default, and work jobs unless
 * RUN_JOBS=false (then `npm run worker` processes do).
 */
export function startServices(): Promise<StartupReport> {
  starting ??= (async () => {
    const env = getEnv();
    const handle = await databaseHandle();
    const migrating = migrateToLatest(handle.db);
    holdQueriesUntil(migrating.catch(() => undefined));
    const migrations = await migrating;
    // The job runner creates pg-boss's tables and queues itself; a web process
    // that leaves jobs to workers still needs them to send jobs (the seed does).
    if (env.runJobs) runner = await startJobRunner(handle, jobRunnerOptionsFromEnv(env));
    else await ensureJobSchema(handle, env);
    if (env.seedDemo) await seedDemo(handle.db, new Date());
    const owner = demoAccounts[0]!;
    return {
      driver: handle.driver,
      appUrl: env.appUrl,
      port: env.port,
      host: env.host,
      trustProxy: env.trustProxy,
      migrations,
      demo: env.seedDemo ? { url: `${env.appUrl}/n/${demoNetworkSlug}`, email: owner.email, password: demoPassword } : undefined,
      jobs: env.runJobs ? "in-process" : "separate worker",
      mail: env.smtpUrl ? "smtp" : "captured",
    };
  })();
  return starting;
}

export async function stopServices(): Promise<void> {
  await runner?.stop();
  const handle = await databaseHandle();
  await handle.close();
}
