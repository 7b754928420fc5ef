import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashToken, looksLikeToken, newToken } from "~/utils/tokens.server";

/**
 * Private partner feeds: one live token per partner organisation, stored only
 * as its hash. Re-issuing revokes the previous token in the same transaction;
 * revoking reaches every web process through the feeds trigger.
 */
export async function issueFeedToken(
  db: Kysely<Database>,
  input: { networkId: string; partnerId: string; userId: string },
): Promise<string> {
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    // Concurrent re-issues for one partner take turns, so that exactly one token stays live.
    await trx
      .selectFrom("partner_organisations")
      .select("id")
      .where("id", "=", input.partnerId)
      .where("network_id", "=", input.networkId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await revokeLiveToken(trx, input.networkId, input.partnerId);
    await trx
      .insertInto("feed_tokens")
      .values({
        network_id: input.networkId,
        partner_id: input.partnerId,
        token_hash: hashToken(token),
        created_by: input.userId,
      })
      .execute();
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.userId,
      action: "feed_token.issued",
      subjectType: "partner_organisation",
      subjectId: input.partnerId,
    });
  });
  return token;
}

/** Revokes the partner's live token, if any; true when there was one. */
export async function revokeFeedToken(
  db: Kysely<Database>,
  input: { networkId: string; partnerId: string; userId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const revoked = await revokeLiveToken(trx, input.networkId, input.partnerId);
    if (revoked) {
      await recordAudit(trx, {
        networkId: input.networkId,
        actorUserId: input.userId,
        action: "feed_token.revoked",
        subjectType: "partner_organisation",
        subjectId: input.partnerId,
      });
    }
    return revoked;
  });
}

async function revokeLiveToken(db: Kysely<Database>, networkId: string, partnerId: string): Promise<boolean> {
  const result = await db
    .updateTable("feed_tokens")
    .set({ revoked_at: new Date() })
    .where("network_id", "=", networkId)
    .where("partner_id", "=", partnerId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The live token behind a feed URL, in this network only; undefined for unknown, revoked or malformed ones. */
export async function findLiveToken(db: Kysely<Database>, networkId: string, token: string) {
  if (!looksLikeToken(token)) return undefined;
  return db
    .selectFrom("feed_tokens")
    .innerJoin("partner_organisations", "partner_organisations.id", "feed_tokens.partner_id")
    .select(["feed_tokens.id", "feed_tokens.partner_id as partnerId", "partner_organisations.name as partnerName"])
    .where("feed_tokens.token_hash", "=", hashToken(token))
    .where("feed_tokens.network_id", "=", networkId)
    .where("feed_tokens.revoked_at", "is", null)
    .executeTakeFirst();
}

/** Records that a token's feed was fetched (callers throttle it: see serve.server.ts). */
export async function markTokenUsed(db: Kysely<Database>, tokenId: string, at: Date) {
  await db.updateTable("feed_tokens").set({ last_used_at: at }).where("id", "=", tokenId).execute();
}

/** Partner organisations of a network with their live private feed, for the management page. */
export async function listPartnerFeeds(db: Kysely<Database>, networkId: string, onlyPartnerId?: string) {
  let query = db
    .selectFrom("partner_organisations")
    .leftJoin("feed_tokens", (join) =>
      join.onRef("feed_tokens.partner_id", "=", "partner_organisations.id").on("feed_tokens.revoked_at", "is", null),
    )
    .select([
      "partner_organisations.id",
      "partner_organisations.name",
      "feed_tokens.created_at as tokenCreatedAt",
      "feed_tokens.last_used_at as lastUsedAt",
    ])
    .where("partner_organisations.network_id", "=", networkId);
  if (onlyPartnerId) query = query.where("partner_organisations.id", "=", onlyPartnerId);
  return query.orderBy("partner_organisations.name").execute();
}

export async function getPartnerInNetwork(db: Kysely<Database>, networkId: string, partnerId: string) {
  return db
    .selectFrom("partner_organisations")
    .select(["id", "name"])
    .where("network_id", "=", networkId)
    .where("id", "=", partnerId)
    .executeTakeFirst();
}
