import type { Kysely } from "kysely";
import type { Database } from "../types";

type SeedAction = { title: string; offset: number; owner?: "organiser" | string; status?: "todo" | "doing" | "done"; notes?: string };

/** Realistic plans for the next World AIDS Day and International Overdose Awareness Day. */
const plans: {
  dayKey: string;
  year: number;
  date: string;
  slug: string;
  title: string;
  goals: string;
  keyMessages: string;
  materials: { label: string; url: string }[];
  actions: SeedAction[];
  pledges: { partner: string; kind: "hold_event" | "share_materials" | "other"; details: string }[];
}[] = [
  {
    dayKey: "world-aids-day",
    year: 2026,
    date: "2026-12-01",
    slug: "world-aids-day-2026",
    title: "World AIDS Day 2026",
    goals: "- Get 30 partner events registered across Europe\n- Bring HIV testing to people who use drugs where they are\n- Put the end of HIV criminalisation on national agendas",
    keyMessages: "- **U=U**: undetectable means untransmittable.\n- Harm reduction is HIV prevention.\n- Nothing about us without us.",
    materials: [
      { label: "Poster (A3, five languages)", url: "https://demo.example.org/materials/wad-2026-poster.pdf" },
      { label: "Social media kit", url: "https://demo.example.org/materials/wad-2026-social.zip" },
    ],
    actions: [
      { title: "Agree the key messages with the steering group", offset: -60, owner: "organiser", status: "done" },
      { title: "Translate the poster into Ukrainian, Portuguese and French", offset: -35, owner: "Kyiv Drug User Union", status: "done" },
      { title: "Book the venue for the Amsterdam vigil", offset: -28, owner: "Amsterdam Peer Network", status: "done" },
      { title: "Prepare the press release", offset: -14, owner: "organiser", status: "doing", notes: "Quote from a peer worker still missing." },
      { title: "Send the social media kit to partners", offset: -12, owner: "organiser", status: "todo" },
      { title: "Confirm the testing van in Lisbon", offset: -7, owner: "Lisbon Harm Reduction Collective", status: "todo" },
      { title: "Social media push", offset: 0, owner: "organiser" },
      { title: "Report back to funders", offset: 21, owner: "organiser" },
    ],
    pledges: [
      { partner: "Lisbon Harm Reduction Collective", kind: "hold_event", details: "Testing day at the drop-in centre" },
      { partner: "Kyiv Drug User Union", kind: "share_materials", details: "Ukrainian and Russian versions" },
      { partner: "London Positive Voices", kind: "hold_event", details: "Evening vigil" },
    ],
  },
  {
    dayKey: "international-overdose-awareness-day",
    year: 2027,
    date: "2027-08-31",
    slug: "overdose-awareness-day-2027",
    title: "International Overdose Awareness Day 2027",
    goals: "- Remember without stigma\n- Naloxone in every partner’s hands\n- Ask national governments for drug checking",
    keyMessages: "- Overdose is preventable.\n- Naloxone saves lives.\n- Every death is one too many.",
    materials: [{ label: "Naloxone leaflet", url: "https://demo.example.org/materials/naloxone-leaflet.pdf" }],
    actions: [
      { title: "Order purple ribbons and candles", offset: -90, owner: "organiser" },
      { title: "Plan naloxone trainings with partners", offset: -60, owner: "organiser" },
      { title: "Translate the naloxone leaflet", offset: -45, owner: "Marseille Réduction des Risques" },
      { title: "Prepare the press release", offset: -14, owner: "organiser" },
      { title: "Remembrance vigil", offset: 0, owner: "Amsterdam Peer Network" },
      { title: "Report back", offset: 14, owner: "organiser" },
    ],
    pledges: [{ partner: "Marseille Réduction des Risques", kind: "hold_event", details: "Naloxone training and vigil" }],
  },
];

export async function seedDemoCampaigns(db: Kysely<Database>, networkId: string, organiserId: string) {
  const partners = await db.selectFrom("partner_organisations").select(["id", "name"]).where("network_id", "=", networkId).execute();
  const partnerId = (name: string) => partners.find((p) => p.name === name)?.id ?? null;
  for (const plan of plans) {
    const day = await db
      .selectFrom("global_days")
      .select("id")
      .where("key", "=", plan.dayKey)
      .where("network_id", "is", null)
      .executeTakeFirstOrThrow();
    const campaign = await db
      .insertInto("campaigns")
      .values({
        network_id: networkId,
        slug: plan.slug,
        title: plan.title,
        status: "published",
        starts_on: plan.date,
        ends_on: plan.date,
        global_day_id: day.id,
        occurrence_year: plan.year,
        goals: plan.goals,
        key_messages: plan.keyMessages,
        materials: JSON.stringify(plan.materials),
        created_by: organiserId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("campaign_actions")
      .values(
        plan.actions.map((action) => ({
          network_id: networkId,
          campaign_id: campaign.id,
          title: action.title,
          offset_days: action.offset,
          owner_user_id: action.owner === "organiser" ? organiserId : null,
          owner_partner_id: action.owner && action.owner !== "organiser" ? partnerId(action.owner) : null,
          status: action.status ?? "todo",
          notes: action.notes ?? "",
          completed_at: action.status === "done" ? new Date() : null,
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
}
