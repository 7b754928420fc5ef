import { DateTime } from "luxon";
import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { defaultLocale, isLocale } from "~/i18n/locales";
import { queueEmail } from "~/modules/mail/outbox.server";
import { isoWeek, shiftDate, todayIn } from "~/modules/days/recurrence";
import { getEnv } from "~/utils/env.server";
import { listMyActions } from "./actions.server";

/** How far ahead the digest lists actions one by one; later ones are only counted. */
const UPCOMING_DAYS = 28;

/**
 * Sends each organiser (and owner) the open actions they own, once per ISO
 * week and network: the record of what was sent is written in the same
 * transaction as the message, so a job that runs twice sends nothing twice.
 * Returns how many digests were queued.
 */
export async function sendWeeklyDigests(db: Kysely<Database>, now: DateTime = DateTime.now()): Promise<number> {
  const recipients = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("networks", "networks.id", "memberships.network_id")
    .select([
      "users.id as userId",
      "users.name",
      "users.email",
      "users.locale",
      "networks.id as networkId",
      "networks.slug",
      "networks.name as networkName",
      "networks.time_zone",
      "networks.default_locale",
      "memberships.role",
    ])
    .where("memberships.role", "in", ["organiser", "owner"])
    .orderBy("networks.slug")
    .orderBy("users.email")
    .execute();
  let sent = 0;
  for (const recipient of recipients) {
    const today = todayIn(recipient.time_zone, now);
    const actions = await listMyActions(db, recipient.networkId, today, {
      userId: recipient.userId,
      role: recipient.role,
      partnerId: null,
    });
    if (actions.length === 0) continue;
    const horizon = shiftDate(today, UPCOMING_DAYS);
    const overdue = actions.filter((a) => a.overdue);
    const upcoming = actions.filter((a) => !a.overdue && (a.dueOn === null || a.dueOn <= horizon));
    const laterCount = actions.length - overdue.length - upcoming.length;
    const locale = isLocale(recipient.locale)
      ? recipient.locale
      : isLocale(recipient.default_locale)
        ? recipient.default_locale
        : defaultLocale;
    const queued = await db.transaction().execute(async (trx) => {
      const claimed = await trx
        .insertInto("campaign_digests_sent")
        .values({ network_id: recipient.networkId, user_id: recipient.userId, week: isoWeek(today) })
        .onConflict((oc) => oc.doNothing())
        .returning("week")
        .executeTakeFirst();
      if (!claimed) return false;
      const toDigest = (a: (typeof actions)[number]) => ({ title: a.title, campaignTitle: a.campaignTitle, dueOn: a.dueOn });
      await queueEmail(trx, {
        kind: "campaign-digest",
        to: recipient.email,
        locale,
        networkId: recipient.networkId,
        params: {
          name: recipient.name,
          networkName: recipient.networkName,
          overdue: overdue.map(toDigest),
          upcoming: upcoming.map(toDigest),
          laterCount,
          actionsUrl: `${getEnv().appUrl}/n/${recipient.slug}/my-actions`,
        },
      });
      return true;
    });
    if (queued) sent++;
  }
  return sent;
}
