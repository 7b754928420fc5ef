import { z } from "zod";
import { emailField } from "~/modules/auth/auth.schema";

export const membershipRoles = ["owner", "organiser", "partner"] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/** Each role can do everything the roles below it can. */
const roleRank: Record<MembershipRole, number> = { partner: 1, organiser: 2, owner: 3 };

export function roleAtLeast(role: MembershipRole, minimum: MembershipRole): boolean {
  return roleRank[role] >= roleRank[minimum];
}

export const InviteMemberSchema = z.object({
  email: emailField,
  role: z.enum(["organiser", "owner"], { error: "validation.choose" }),
});
