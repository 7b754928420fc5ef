import type { Kysely } from "kysely";
import type { Database, MembershipRole, User } from "~db/types";
import type { Locale } from "~/i18n/locales";
import { getTranslator } from "~/i18n/registry";
import { recordAudit } from "~/modules/audit/audit.server";
import { hashPassword } from "~/modules/auth/passwords.server";
import { queueEmail } from "~/modules/mail/outbox.server";
import { getEnv } from "~/utils/env.server";
import { hashToken, newToken } from "~/utils/tokens.server";
import { addMembership } from "./networks.server";

export const INVITATION_VALID_DAYS = 7;

interface InviteInput {
  network: { id: string; name: string };
  inviter: { id: string; name: string };
  email: string;
  role: MembershipRole;
  locale: Locale;
}

/** Emails a private link that lets the invitee join the network with the role given. */
export async function inviteMember(db: Kysely<Database>, input: InviteInput) {
  const token = newToken();
  const t = getTranslator(input.locale);
  await db.transaction().execute(async (trx) => {
    const invitation = await trx
      .insertInto("network_invitations")
      .values({
        network_id: input.network.id,
        email: input.email.toLowerCase(),
        role: input.role,
        token_hash: hashToken(token),
        invited_by: input.inviter.id,
        expires_at: new Date(Date.now() + INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await queueEmail(trx, {
      kind: "network-invitation",
      to: input.email,
      locale: input.locale,
      networkId: input.network.id,
      params: {
        networkName: input.network.name,
        inviterName: input.inviter.name,
        roleLabel: t(`roles.${input.role}`),
        acceptUrl: `${getEnv().appUrl}/invitations/${token}`,
        validDays: INVITATION_VALID_DAYS,
      },
    });
    await recordAudit(trx, {
      networkId: input.network.id,
      actorUserId: input.inviter.id,
      action: "member.invited",
      subjectType: "invitation",
      subjectId: invitation.id,
      details: { role: input.role },
    });
  });
}

export async function listPendingInvitations(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("network_invitations")
    .select(["id", "email", "role", "expires_at"])
    .where("network_id", "=", networkId)
    .where("accepted_at", "is", null)
    .where("expires_at", ">", new Date())
    .orderBy("created_at", "desc")
    .execute();
}

/**
 * Withdraws an invitation nobody has answered yet: it expires now, so its link
 * says it is no longer valid. Inviting the address again sends a new link.
 */
export async function withdrawMemberInvitation(
  db: Kysely<Database>,
  input: { networkId: string; invitationId: string; actorUserId: string },
  now = new Date(),
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const withdrawn = await trx
      .updateTable("network_invitations")
      .set({ expires_at: now })
      .where("id", "=", input.invitationId)
      .where("network_id", "=", input.networkId)
      .where("accepted_at", "is", null)
      .where("expires_at", ">", now)
      .returning("id")
      .executeTakeFirst();
    if (!withdrawn) return false;
    await recordAudit(trx, {
      networkId: input.networkId,
      actorUserId: input.actorUserId,
      action: "member.invitation_withdrawn",
      subjectType: "invitation",
      subjectId: withdrawn.id,
    });
    return true;
  });
}

/** An unexpired, unaccepted invitation with its network, or undefined. */
export async function findOpenInvitation(db: Kysely<Database>, token: string) {
  return db
    .selectFrom("network_invitations")
    .innerJoin("networks", "networks.id", "network_invitations.network_id")
    .select([
      "network_invitations.id",
      "network_invitations.email",
      "network_invitations.role",
      "networks.id as networkId",
      "networks.slug as networkSlug",
      "networks.name as networkName",
    ])
    .where("network_invitations.token_hash", "=", hashToken(token))
    .where("network_invitations.accepted_at", "is", null)
    .where("network_invitations.expires_at", ">", new Date())
    .executeTakeFirst();
}

export type AcceptResult = { ok: true; userId: string; networkSlug: string } | { ok: false };

/**
 * Accepts an invitation: by the signed-in account with the invited address, or
 * by creating that account with the name and password given.
 */
export async function acceptInvitation(
  db: Kysely<Database>,
  input: { token: string; account: { existing: User } | { name: string; password: string; locale: Locale } },
): Promise<AcceptResult> {
  const passwordHash = "existing" in input.account ? undefined : await hashPassword(input.account.password);
  return db.transaction().execute(async (trx) => {
    // Locked until the transaction ends, so the same link cannot be accepted twice at once.
    const invitation = await trx
      .selectFrom("network_invitations")
      .select(["id", "network_id", "email", "role"])
      .where("token_hash", "=", hashToken(input.token))
      .where("accepted_at", "is", null)
      .where("expires_at", ">", new Date())
      .forUpdate()
      .executeTakeFirst();
    if (!invitation) return { ok: false };
    let userId: string;
    if ("existing" in input.account) {
      // Someone else's account must not spend the invitation.
      if (input.account.existing.email !== invitation.email) return { ok: false };
      userId = input.account.existing.id;
    } else {
      const taken = await trx.selectFrom("users").select("id").where("email", "=", invitation.email).executeTakeFirst();
      if (taken) return { ok: false };
      const created = await trx
        .insertInto("users")
        .values({
          email: invitation.email,
          name: input.account.name,
          password_hash: passwordHash!,
          locale: input.account.locale,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      userId = created.id;
    }
    await trx.updateTable("network_invitations").set({ accepted_at: new Date() }).where("id", "=", invitation.id).execute();
    await addMembership(trx, invitation.network_id, userId, invitation.role);
    await recordAudit(trx, {
      networkId: invitation.network_id,
      actorUserId: userId,
      action: "member.joined",
      subjectType: "invitation",
      subjectId: invitation.id,
      details: { role: invitation.role },
    });
    const network = await trx.selectFrom("networks").select("slug").where("id", "=", invitation.network_id).executeTakeFirstOrThrow();
    return { ok: true, userId, networkSlug: network.slug };
  });
}
