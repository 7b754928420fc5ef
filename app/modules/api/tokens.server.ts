import type { Kysely } from "kysely";
import type { Database } from "~db/types";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashToken, looksLikeToken, newToken } from "~/utils/tokens.server";
import type { ApiTokenScope } from "./tokens.schema";

/**
 * API tokens of a network: 256-bit random values shown once and stored only
 * as their SHA-256, scoped, revocable at once (every request looks its token up).
 */
export async function createApiToken(
  db: Kysely<Database>,
  input: { networkId: string; userId: string; name: string; scopes: ApiTokenScope[] },
): Promise<string> {
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto("api_tokens")
      .values({
        network_id: input.networkId,
        name: input.name,
        scopes: input.scopes,
        token_hash: hashToken(token),
        created_by: input.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.userId,
      action: "api_token.created",
      subjectType: "api_token",
      subjectId: id,
      details: { scopes: input.scopes.join(",") },
    });
  });
  return token;
}

/** True when the token was live in this network and is now revoked. */
export async function revokeApiToken(
  db: Kysely<Database>,
  input: { networkId: string; tokenId: string; userId: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("api_tokens")
      .set({ revoked_at: new Date() })
      .where("id", "=", input.tokenId)
      .where("network_id", "=", input.networkId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    const revoked = Number(result.numUpdatedRows) > 0;
    if (revoked) {
      await recordAudit(trx, {
        networkId: input.networkId,
        actorUserId: input.userId,
        action: "api_token.revoked",
        subjectType: "api_token",
        subjectId: input.tokenId,
      });
    }
    return revoked;
  });
}

/** The live token a bearer value names, with its network; undefined for unknown, revoked or malformed ones. */
export async function findLiveApiToken(db: Kysely<Database>, token: string) {
  if (!looksLikeToken(token)) return undefined;
  return db
    .selectFrom("api_tokens")
    .select(["id", "network_id as networkId", "scopes"])
    .where("token_hash", "=", hashToken(token))
    .where("revoked_at", "is", null)
    .executeTakeFirst();
}

/** Last use is kept to within this: one write per token per interval and process. */
const USE_RESOLUTION_MS = 5 * 60 * 1000;
const lastNoted = new Map<string, number>();

export async function noteApiTokenUse(db: Kysely<Database>, tokenId: string, now: Date) {
  if (now.getTime() - (lastNoted.get(tokenId) ?? 0) < USE_RESOLUTION_MS) return;
  lastNoted.set(tokenId, now.getTime());
  await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", tokenId).execute();
}

/** The network's tokens for its owners' page: live ones first, newest first. */
export function listApiTokens(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "scopes", "created_at", "last_used_at", "revoked_at"])
    .where("network_id", "=", networkId)
    .orderBy((eb) => eb("revoked_at", "is", null), "desc")
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
}
