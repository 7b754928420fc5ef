import type { Migration, MigrationProvider } from "kysely";
import * as foundation from "./20261121190000_foundation";

/**
 * Every migration, by name. Listed here rather than read from the folder so
 * that the bundled server build carries them. Migrations are frozen once merged:
 * change the schema with a new file.
 */
const migrations: Record<string, Migration> = {
  "20261121190000_foundation": foundation,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
