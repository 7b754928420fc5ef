import type { Kysely } from "kysely";
import type { Database } from "~db/types";

/**
 * The dev mailbox: messages captured while no SMTP server is configured, for
 * the network's owner only: the network's messages and account messages
 * (password resets) sent to its members.
 */
function visibleMessages(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("email_outbox")
    .where("status", "=", "captured")
    .where((eb) =>
      eb.or([
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
      ]),
    );
}

export async function listCapturedMessages(db: Kysely<Database>, networkId: string, { limit = 100 }: { limit?: number } = {}) {
  return visibleMessages(db, networkId)
    .select(["id", "kind", "to_address", "subject", "created_at"])
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

/** What stands in the place of a private link's token in someone else's message. */
const HIDDEN_TOKEN = "…";

/**
 * Every private link (manage, speaker, sign-in, reset, unsubscribe) ends in a
 * 43-character token: a 256-bit value in base64url.
 */
const linkToken = /(?<=\/)[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

function hideLinkTokens(text: string): string {
  return text.replace(linkToken, HIDDEN_TOKEN);
}

/**
 * One captured message as `viewerEmail` may read it: a message to someone
 * else keeps its words but not its private links (they would let the reader
 * act as that person), and its raw MIME, whose encodings could split a
 * token past any search, is withheld.
 */
export async function getCapturedMessage(db: Kysely<Database>, networkId: string, messageId: string, viewerEmail: string) {
  const message = await visibleMessages(db, networkId)
    .select(["id", "kind", "to_address", "from_address", "subject", "text_body", "html_body", "raw_mime", "created_at"])
    .where("id", "=", messageId)
    .executeTakeFirst();
  if (!message) return undefined;
  if (message.to_address.toLowerCase() === viewerEmail.toLowerCase()) return { ...message, linksHidden: false };
  return {
    ...message,
    text_body: hideLinkTokens(message.text_body),
    html_body: hideLinkTokens(message.html_body),
    raw_mime: null,
    linksHidden: true,
  };
}
