import type { Kysely } from "kysely";
import type { Database } from "../types";
import { planActions, type DemoAction, type DemoCampaignKey, type PlannedCampaign } from "./demo-calendar";

type SeedAction = DemoAction & { owner?: "organiser" | string; notes?: string };

interface CampaignPlan {
  slug: (year: number) => string;
  title: (year: number) => string;
  goals: string;
  keyMessages: string;
  materials: (year: number) => { label: string; url: string }[];
  actions: SeedAction[];
  pledges: { partner: string; kind: "hold_event" | "share_materials" | "other"; details: string }[];
}

/** The slug and title of a demo campaign for a given year of its day. */
export function demoCampaignName(key: DemoCampaignKey, year: number): { slug: string; title: string } {
  return { slug: plans[key].slug(year), title: plans[key].title(year) };
}

/**
 * Realistic plans for the next World AIDS Day and International Overdose
 * Awareness Day. The first actions are dated from today, so each plan shows
 * work done, under way and overdue; the rest sit at offsets from the day.
 */
const plans: Record<DemoCampaignKey, CampaignPlan> = {
  worldAidsDay: {
    slug: (year) => `world-aids-day-${year}`,
    title: (year) => `World AIDS Day ${year}`,
    goals:
      "- Get 30 partner events registered across Europe\n- Bring HIV testing to people who use drugs where they are\n" +
      "- Put the end of HIV criminalisation on national agendas",
    keyMessages: "- **U=U**: undetectable means untransmittable.\n- Harm reduction is HIV prevention.\n- Nothing about us without us.",
    materials: (year) => [
      { label: "Poster (A3, five languages)", url: `https://demo.example.org/materials/wad-${year}-poster.pdf` },
      { label: "Social media kit", url: `https://demo.example.org/materials/wad-${year}-social.zip` },
    ],
    actions: [
      { title: "Agree the key messages with the steering group", due: { fromToday: -30 }, owner: "organiser", status: "done" },
      {
        title: "Translate the poster into Ukrainian, Portuguese and French",
        due: { fromToday: -12 },
        owner: "Kyiv Drug User Union",
        status: "done",
      },
      { title: "Book the venue for the Amsterdam vigil", due: { fromToday: -4 }, owner: "Amsterdam Peer Network", status: "todo" },
      {
        title: "Prepare the press release",
        due: { fromToday: 5 },
        owner: "organiser",
        status: "doing",
        notes: "Quote from a peer worker still missing.",
      },
      { title: "Send the social media kit to partners", due: { offset: -12 }, owner: "organiser" },
      { title: "Confirm the testing van in Lisbon", due: { offset: -7 }, owner: "Lisbon Harm Reduction Collective" },
      { title: "Social media push", due: { offset: 0 }, owner: "organiser" },
      { title: "Report back to funders", due: { offset: 21 }, owner: "organiser" },
    ],
    pledges: [
      { partner: "Lisbon Harm Reduction Collective", kind: "hold_event", details: "Testing day at the drop-in centre" },
      { partner: "Kyiv Drug User Union", kind: "share_materials", details: "Ukrainian and Russian versions" },
      { partner: "London Positive Voices", kind: "hold_event", details: "Evening vigil" },
    ],
  },
  overdoseAwarenessDay: {
    slug: (year) => `overdose-awareness-day-${year}`,
    title: (year) => `International Overdose Awareness Day ${year}`,
    goals: "- Remember without stigma\n- Naloxone in every partner’s hands\n- Ask national governments for drug checking",
    keyMessages: "- Overdose is preventable.\n- Naloxone saves lives.\n- Every death is one too many.",
    materials: () => [{ label: "Naloxone leaflet", url: "https://demo.example.org/materials/naloxone-leaflet.pdf" }],
    actions: [
      { title: "Order purple ribbons and candles", due: { fromToday: -20 }, owner: "organiser", status: "done" },
      { title: "Plan naloxone trainings with partners", due: { fromToday: 10 }, owner: "organiser", status: "doing" },
      { title: "Translate the naloxone leaflet", due: { offset: -45 }, owner: "Marseille Réduction des Risques" },
      { title: "Prepare the press release", due: { offset: -14 }, owner: "organiser" },
      { title: "Remembrance vigil", due: { offset: 0 }, owner: "Amsterdam Peer Network" },
      { title: "Report back", due: { offset: 14 }, owner: "organiser" },
    ],
    pledges: [{ partner: "Marseille Réduction des Risques", kind: "hold_event", details: "Naloxone training and vigil" }],
  },
};

/** Creates the two campaigns with their plans and pledges; returns their ids by key. */
export async function seedDemoCampaigns(
  db: Kysely<Database>,
  input: { networkId: string; organiserId: string; campaigns: Record<DemoCampaignKey, PlannedCampaign>; today: string },
): Promise<Record<DemoCampaignKey, string>> {
  const { networkId, organiserId, today } = input;
  const partners = await db.selectFrom("partner_organisations").select(["id", "name"]).where("network_id", "=", networkId).execute();
  const partnerId = (name: string) => partners.find((p) => p.name === name)?.id ?? null;
  const ids = {} as Record<DemoCampaignKey, string>;
  for (const key of Object.keys(plans) as DemoCampaignKey[]) {
    const plan = plans[key];
    const { dayKey, year, date } = input.campaigns[key];
    const day = await db
      .selectFrom("global_days")
      .select("id")
      .where("key", "=", dayKey)
      .where("network_id", "is", null)
      .executeTakeFirstOrThrow();
    const campaign = await db
      .insertInto("campaigns")
      .values({
        network_id: networkId,
        slug: plan.slug(year),
        title: plan.title(year),
        status: "published",
        starts_on: date,
        ends_on: date,
        global_day_id: day.id,
        occurrence_year: year,
        goals: plan.goals,
        key_messages: plan.keyMessages,
        materials: JSON.stringify(plan.materials(year)),
        created_by: organiserId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids[key] = campaign.id;
    const planned = planActions(plan.actions, date, today);
    await db
      .insertInto("campaign_actions")
      .values(
        plan.actions.map((action, index) => ({
          network_id: networkId,
          campaign_id: campaign.id,
          title: action.title,
          due_on: planned[index]!.dueOn,
          offset_days: planned[index]!.offsetDays,
          owner_user_id: action.owner === "organiser" ? organiserId : null,
          owner_partner_id: action.owner && action.owner !== "organiser" ? partnerId(action.owner) : null,
          status: planned[index]!.status,
          notes: action.notes ?? "",
          completed_at: planned[index]!.status === "done" ? new Date(`${planned[index]!.date}T12:00:00Z`) : null,
        })),
      )
      .execute();
    for (const pledge of plan.pledges) {
      const id = partnerId(pledge.partner);
      if (id) {
        await db
          .insertInto("campaign_pledges")
          .values({ network_id: networkId, campaign_id: campaign.id, partner_id: id, kind: pledge.kind, details: pledge.details })
          .execute();
      }
    }
  }
  return ids;
}
