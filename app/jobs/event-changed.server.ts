import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { followEventChangeForSpeakers } from "~/modules/speakers/calendar.server";
import { updateAttendeesAfterChange } from "~/modules/registrations/event-updates.server";
import type { JobPayloads } from "./queues";

/**
 * Follows a change to an event: each feature that keeps people's calendars in
 * step (attendees, speakers) adds its step here. Steps must be idempotent: a
 * job can run again after a crash.
 */
export async function handleEventChanged(db: Kysely<Database>, change: JobPayloads["event-changed"]): Promise<void> {
  await followEventChangeForSpeakers(db, change);
  await updateAttendeesAfterChange(db, change);
}
