import type { Kysely } from "kysely";
import type { Database } from "~db/types";

/** Audit actions shown on the dashboard, each with a label under `audit.` in the catalogues. */
export const displayedActions = ["member.invited", "member.joined"] as const;
export type DisplayedAction = (typeof displayedActions)[number];

export async function listRecentActivity(db: Kysely<Database>, networkId: string, limit: number) {
  const rows = await db
    .selectFrom("audit_log")
    .leftJoin("users", "users.id", "audit_log.actor_user_id")
    .select(["audit_log.id", "audit_log.action", "audit_log.created_at", "users.name as actorName"])
    .where("audit_log.network_id", "=", networkId)
    .where("audit_log.action", "in", [...displayedActions])
    .orderBy("audit_log.created_at", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    action: row.action as DisplayedAction,
    createdAt: row.created_at.toISOString(),
    actorName: row.actorName,
  }));
}
