import type { Kysely } from "kysely";
import { DateTime } from "luxon";
import type { Database, MembershipRole } from "~db/types";
import { actorFor, listMyActions } from "~/modules/campaigns/actions.server";
import { todayIn } from "~/modules/days/recurrence";
import { countAwaitingOrganisers } from "~/modules/events/calendar.server";
import { roleAtLeast } from "~/modules/networks/networks.schema";

export type AttentionKind = "pendingReviews" | "partnerChanges" | "unansweredSpeakers" | "overdueActions" | "mailingsInProgress";

export interface AttentionItem {
  kind: AttentionKind;
  count: number;
  href: string;
}

/**
 * What the dashboard asks a member to look at, most urgent first. Only
 * non-zero items are returned; each links to the page where it is handled.
 */
export async function whatNeedsAttention(
  db: Kysely<Database>,
  input: { network: { id: string; slug: string; time_zone: string }; userId: string; role: MembershipRole; now?: Date },
): Promise<AttentionItem[]> {
  const base = `/n/${input.network.slug}`;
  const now = input.now ?? new Date();
  const items: AttentionItem[] = [];
  if (roleAtLeast(input.role, "organiser")) {
    const awaiting = await countAwaitingOrganisers(db, input.network.id);
    items.push(
      { kind: "pendingReviews", count: awaiting.pending, href: `${base}/manage/events?status=pending_review` },
      { kind: "partnerChanges", count: awaiting.flagged, href: `${base}/manage/events?status=flagged` },
      {
        kind: "unansweredSpeakers",
        count: await countUnansweredSpeakerInvitations(db, input.network.id, now),
        href: `${base}/speakers`,
      },
      { kind: "mailingsInProgress", count: await countMailingsInProgress(db, input.network.id), href: `${base}/mailings` },
    );
  }
  const actor = await actorFor(db, input.network.id, input.userId, input.role);
  const today = todayIn(input.network.time_zone, DateTime.fromJSDate(now));
  const mine = await listMyActions(db, input.network.id, today, actor);
  items.push({ kind: "overdueActions", count: mine.filter((action) => action.overdue).length, href: `${base}/my-actions` });
  return items.filter((item) => item.count > 0);
}

/** Invitations still waiting for a yes or no (invited or "maybe") for events that have not started. */
async function countUnansweredSpeakerInvitations(db: Kysely<Database>, networkId: string, now: Date) {
  const row = await db
    .selectFrom("speaker_invitations")
    .innerJoin("events", "events.id", "speaker_invitations.event_id")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("speaker_invitations.network_id", "=", networkId)
    .where("speaker_invitations.status", "in", ["invited", "tentative"])
    .where("events.starts_at", ">", now)
    .executeTakeFirstOrThrow();
  return row.count;
}

/** Mailings being sent now or scheduled to go. */
async function countMailingsInProgress(db: Kysely<Database>, networkId: string) {
  const row = await db
    .selectFrom("mailings")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("network_id", "=", networkId)
    .where("status", "in", ["sending", "scheduled"])
    .executeTakeFirstOrThrow();
  return row.count;
}
