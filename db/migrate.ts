import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResultSet } from "kysely";
import { migrationProvider } from "./migrations";

function migrator(db: Kysely<any>) {
  return new Migrator({ db, provider: migrationProvider });
}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((step) => step.status === "Error");
    const cause = result.error instanceof Error ? result.error.message : String(result.error);
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${cause}`, { cause: result.error });
  }
  return (result.results ?? []).map((step) => `${step.direction} ${step.migrationName}`);
}

/** Applies every pending migration; returns what ran ("Up <name>"). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return check(await migrator(db).migrateToLatest());
}

/** Undoes the most recent migration. */
export async function rollbackOne(db: Kysely<any>): Promise<string[]> {
  return check(await migrator(db).migrateDown());
}

/** Undoes every migration: for tests of the down steps. */
export async function rollbackAll(db: Kysely<any>): Promise<string[]> {
  return check(await migrator(db).migrateTo(NO_MIGRATIONS));
}
