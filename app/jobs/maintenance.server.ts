import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { deleteExpiredAccountTokens } from "~/modules/auth/sessions.server";
import { deleteStaleSnapshots } from "~/modules/feeds/snapshots.server";
import { anonymiseEndedEvents } from "~/modules/registrations/privacy.server";
import { deleteExpiredSignInLinks } from "~/modules/partners/portal.server";
import { anonymiseEndedSpeakers } from "~/modules/speakers/retention.server";
import { deleteExpiredCounters } from "~/utils/rate-limit.server";

/** Housekeeping every quarter hour: nothing personal is kept longer than it is useful. */
export async function runMaintenance(db: Kysely<Database>, now = new Date()) {
  await deleteExpiredAccountTokens(db, now);
  await deleteExpiredSignInLinks(db, now);
  await deleteExpiredCounters(db, new Date(now.getTime() - 24 * 60 * 60 * 1000));
  await deleteStaleSnapshots(db, new Date(now.getTime() - 90 * 24 * 60 * 60 * 1000));
  await anonymiseEndedEvents(db, now);
  await anonymiseEndedSpeakers(db, now);
}
