import type { MembershipRole } from "~db/types";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import { notFound } from "~/utils/http.server";
import { actorFor } from "./actions.server";
import { getCampaign } from "./campaigns.server";
import type { Kysely } from "kysely";
import type { Database } from "~db/types";

/**
 * The campaign a member asks for, or 404: unknown slugs, and drafts for
 * partner contacts (who see only what the network has published).
 */
export async function requireCampaign(
  db: Kysely<Database>,
  membership: { network: { id: string }; user: { id: string }; role: MembershipRole },
  slug: string | undefined,
  locale: string,
) {
  const campaign = slug ? await getCampaign(db, membership.network.id, slug, locale) : undefined;
  if (!campaign) notFound();
  const organiser = roleAtLeast(membership.role, "organiser");
  if (!organiser && campaign.status === "draft") notFound();
  const actor = await actorFor(db, membership.network.id, membership.user.id, membership.role);
  return { campaign, actor, organiser };
}
