import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { whatNeedsAttention } from "~/modules/dashboard/attention.server";
import { testYear } from "../support/calendar";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createNetwork, createUser } from "../support/fixtures";

describe("what the dashboard asks members to look at", () => {
  let database: TestDatabase;
  let network: Awaited<ReturnType<typeof createNetwork>>;
  let organiserId: string;
  let partnerUserId: string;
  const now = new Date(`${testYear}-11-21T10:00:00Z`);

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    network = await createNetwork(db, "attention");
    organiserId = (await createUser(db, { email: "org@example.org", networkId: network.id, role: "organiser" })).id;
    partnerUserId = (await createUser(db, { email: "partner@example.org", networkId: network.id, role: "partner" })).id;
    const partner = await db
      .insertInto("partner_organisations")
      .values({ network_id: network.id, name: "Peers", country: "PT" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("partner_contacts")
      .values({ network_id: network.id, partner_id: partner.id, name: "P", email: "partner@example.org", user_id: partnerUserId })
      .execute();

    const event = (title: string, status: "pending_review" | "published", daysAhead: number, changed = false) => ({
      network_id: network.id,
      title,
      time_zone: "Europe/Lisbon",
      starts_at: new Date(now.getTime() + daysAhead * 86_400_000),
      ends_at: new Date(now.getTime() + daysAhead * 86_400_000 + 3_600_000),
      status,
      partner_changed_at: changed ? now : null,
    });
    await db
      .insertInto("events")
      .values([event("Submitted A", "pending_review", 5), event("Submitted B", "pending_review", 6)])
      .execute();
    const [upcoming, past] = await db
      .insertInto("events")
      .values([event("Changed by partner", "published", 7, true), event("Last month", "published", -30)])
      .returning("id")
      .execute();
    const invitation = (eventId: string, email: string, status: "invited" | "tentative" | "accepted") => ({
      network_id: network.id,
      event_id: eventId,
      name: email,
      email,
      role: "speaker" as const,
      session_title: "Talk",
      locale: "en",
      reply_by: `${testYear}-11-30`,
      status,
    });
    await db
      .insertInto("speaker_invitations")
      .values([
        invitation(upcoming!.id, "a@example.org", "invited"),
        invitation(upcoming!.id, "b@example.org", "tentative"),
        invitation(upcoming!.id, "c@example.org", "accepted"),
        invitation(past!.id, "d@example.org", "invited"),
      ])
      .execute();

    await db
      .insertInto("mailings")
      .values([
        { network_id: network.id, title: "Sending", status: "sending" },
        { network_id: network.id, title: "Tomorrow", status: "scheduled", scheduled_at: new Date(now.getTime() + 86_400_000) },
        { network_id: network.id, title: "Done", status: "sent" },
        { network_id: network.id, title: "Draft", status: "draft" },
      ])
      .execute();

    const campaign = await db
      .insertInto("campaigns")
      .values({ network_id: network.id, slug: "wad", title: "World AIDS Day", status: "published" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const action = (title: string, dueOn: string, owner: { user?: string; partner?: string }, status: "todo" | "done" = "todo") => ({
      network_id: network.id,
      campaign_id: campaign.id,
      title,
      due_on: dueOn,
      owner_user_id: owner.user ?? null,
      owner_partner_id: owner.partner ?? null,
      status,
    });
    await db
      .insertInto("campaign_actions")
      .values([
        action("Press release", `${testYear}-11-10`, { user: organiserId }),
        action("Book venue", `${testYear}-11-01`, { user: organiserId }, "done"),
        action("Translate", `${testYear}-12-20`, { user: organiserId }),
        action("Share posters", `${testYear}-11-15`, { partner: partner.id }),
        action("Report back", `${testYear}-11-18`, { partner: partner.id }),
      ])
      .execute();
  });
  afterAll(() => database.drop());

  test("an organiser sees reviews, partner changes, unanswered speakers, mailings under way and their overdue actions", async () => {
    const items = await whatNeedsAttention(database.db, { network, userId: organiserId, role: "organiser", now });
    expect(items).toEqual([
      { kind: "pendingReviews", count: 2, href: "/n/attention/manage/events?status=pending_review" },
      { kind: "partnerChanges", count: 1, href: "/n/attention/manage/events?status=flagged" },
      { kind: "unansweredSpeakers", count: 2, href: "/n/attention/speakers" },
      { kind: "mailingsInProgress", count: 2, href: "/n/attention/mailings" },
      { kind: "overdueActions", count: 1, href: "/n/attention/my-actions" },
    ]);
  });

  test("a partner contact sees only their organisation's overdue actions", async () => {
    const items = await whatNeedsAttention(database.db, { network, userId: partnerUserId, role: "partner", now });
    expect(items).toEqual([{ kind: "overdueActions", count: 2, href: "/n/attention/my-actions" }]);
  });
});
