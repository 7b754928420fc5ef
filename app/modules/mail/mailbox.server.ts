import type { Kysely } from "kysely";
import type { Database } from "~db/types";

/**
 * The dev mailbox: messages captured while no SMTP server is configured.
 * Organisers see their network's messages; owners also see account messages
 * (password resets) sent to their network's members.
 */
function visibleMessages(db: Kysely<Database>, networkId: string, includeAccountMessages: boolean) {
  return db
    .selectFrom("email_outbox")
    .where("status", "=", "captured")
    .where((eb) =>
      includeAccountMessages
        ? eb.or([
            eb("network_id", "=", networkId),
            eb.and([
              eb("network_id", "is", null),
              eb(
                "to_address",
                "in",
                eb
                  .selectFrom("memberships")
                  .innerJoin("users", "users.id", "memberships.user_id")
                  .select("users.email")
                  .where("memberships.network_id", "=", networkId),
              ),
            ]),
          ])
        : eb("network_id", "=", networkId),
    );
}

export async function listCapturedMessages(
  db: Kysely<Database>,
  networkId: string,
  { includeAccountMessages, limit = 100 }: { includeAccountMessages: boolean; limit?: number },
) {
  return visibleMessages(db, networkId, includeAccountMessages)
    .select(["id", "kind", "to_address", "subject", "created_at"])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export async function getCapturedMessage(
  db: Kysely<Database>,
  networkId: string,
  messageId: string,
  { includeAccountMessages }: { includeAccountMessages: boolean },
) {
  return visibleMessages(db, networkId, includeAccountMessages)
    .select(["id", "kind", "to_address", "from_address", "subject", "text_body", "html_body", "raw_mime", "created_at"])
    .where("id", "=", messageId)
    .executeTakeFirst();
}
