import type { Kysely } from "kysely";
import type { Database } from "~db/types";

export interface AuditEntry {
  networkId?: string | null;
  actorUserId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  /** Ids and counts only: the audit log must never hold personal data. */
  details?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      network_id: entry.networkId ?? null,
      actor_user_id: entry.actorUserId ?? null,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
