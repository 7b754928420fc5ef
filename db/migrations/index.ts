import type { Migration, MigrationProvider } from "kysely";
import * as foundation from "./20261121190000_foundation";
import * as partnersAndCampaignsCore from "./20261121200000_partners_and_campaigns_core";
import * as eventsCore from "./20261121203000_events_core";
import * as partnerPortalAndMailings from "./20261121230000_partner_portal_and_mailings";

/**
 * Every migration, by name. Listed here rather than read from the folder so
 * that the bundled server build carries them. Migrations are frozen once merged:
 * change the schema with a new file.
 */
const migrations: Record<string, Migration> = {
  "20261121190000_foundation": foundation,
  "20261121200000_partners_and_campaigns_core": partnersAndCampaignsCore,
  "20261121203000_events_core": eventsCore,
  "20261121230000_partner_portal_and_mailings": partnerPortalAndMailings,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
