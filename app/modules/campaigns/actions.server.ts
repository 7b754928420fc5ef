import type { Kysely } from "kysely";
import type { ActionStatus, Database, MembershipRole } from "~db/types";
import { roleAtLeast } from "~/modules/networks/networks.schema";
import { getPartnerOfUser } from "~/modules/partners/partners.server";
import { shiftDate, weekStart } from "~/modules/days/recurrence";

/** Who is acting: organisers edit every action, partner contacts only their organisation's. */
export interface Actor {
  userId: string;
  role: MembershipRole;
  partnerId: string | null;
}

export async function actorFor(db: Kysely<Database>, networkId: string, userId: string, role: MembershipRole): Promise<Actor> {
  const partner = await getPartnerOfUser(db, networkId, userId);
  return { userId, role, partnerId: partner?.id ?? null };
}

export type ActionDue = { kind: "date"; dueOn: string } | { kind: "offset"; offsetDays: number };
export type ActionOwner = { kind: "user" | "partner"; id: string } | null;

export interface ActionInput {
  title: string;
  due: ActionDue;
  owner: ActionOwner;
  status: ActionStatus;
  notes: string;
}

/** The date an action is due: its own date, or its offset from the campaign's day. */
export function dueDate(action: { due_on: string | null; offset_days: number | null }, anchor: string | null): string | null {
  if (action.due_on) return action.due_on;
  if (action.offset_days === null || !anchor) return null;
  return shiftDate(anchor, action.offset_days);
}

export function isOpen(status: ActionStatus): boolean {
  return status === "todo" || status === "doing";
}

export function canEditAction(actor: Actor, action: { owner_partner_id: string | null }): boolean {
  if (roleAtLeast(actor.role, "organiser")) return true;
  return actor.partnerId !== null && action.owner_partner_id === actor.partnerId;
}

function baseActionQuery(db: Kysely<Database>, networkId: string) {
  return db
    .selectFrom("campaign_actions")
    .innerJoin("campaigns", "campaigns.id", "campaign_actions.campaign_id")
    .leftJoin("users", "users.id", "campaign_actions.owner_user_id")
    .leftJoin("partner_organisations", "partner_organisations.id", "campaign_actions.owner_partner_id")
    .select([
      "campaign_actions.id",
      "campaign_actions.campaign_id",
      "campaign_actions.title",
      "campaign_actions.due_on",
      "campaign_actions.offset_days",
      "campaign_actions.owner_user_id",
      "campaign_actions.owner_partner_id",
      "campaign_actions.status",
      "campaign_actions.notes",
      "campaign_actions.created_at",
      "campaigns.starts_on as anchor",
      "campaigns.slug as campaignSlug",
      "campaigns.title as campaignTitle",
      "users.name as ownerUserName",
      "partner_organisations.name as ownerPartnerName",
    ])
    .where("campaign_actions.network_id", "=", networkId);
}

type ActionRow = Awaited<ReturnType<ReturnType<typeof baseActionQuery>["execute"]>>[number];

function toView(row: ActionRow, today: string, actor: Actor) {
  const due = dueDate(row, row.anchor);
  return {
    id: row.id,
    campaignId: row.campaign_id,
    campaignSlug: row.campaignSlug,
    campaignTitle: row.campaignTitle,
    title: row.title,
    dueOn: due,
    offsetDays: row.offset_days,
    fixedDate: row.due_on !== null,
    owner: row.owner_user_id
      ? { kind: "user" as const, id: row.owner_user_id, name: row.ownerUserName ?? "" }
      : row.owner_partner_id
        ? { kind: "partner" as const, id: row.owner_partner_id, name: row.ownerPartnerName ?? "" }
        : null,
    status: row.status,
    notes: row.notes,
    overdue: due !== null && due < today && isOpen(row.status),
    canEdit: canEditAction(actor, row),
  };
}

/** Undated actions sort last; ties keep the order of the query. */
function byDue(a: { dueOn: string | null }, b: { dueOn: string | null }) {
  if (a.dueOn === b.dueOn) return 0;
  if (a.dueOn === null) return 1;
  if (b.dueOn === null) return -1;
  return a.dueOn.localeCompare(b.dueOn);
}

export async function listActions(db: Kysely<Database>, networkId: string, campaignId: string, today: string, actor: Actor) {
  const rows = await baseActionQuery(db, networkId)
    .where("campaign_actions.campaign_id", "=", campaignId)
    // Actions due the same day keep a stable order: by title.
    .orderBy("campaign_actions.title")
    .orderBy("campaign_actions.id")
    .execute();
  return rows.map((row) => toView(row, today, actor)).sort(byDue);
}

/** One action of a campaign, as listActions shows it; undefined when it is not the campaign's. */
export async function getAction(
  db: Kysely<Database>,
  networkId: string,
  campaignId: string,
  actionId: string,
  today: string,
  actor: Actor,
) {
  const row = await baseActionQuery(db, networkId)
    .where("campaign_actions.campaign_id", "=", campaignId)
    .where("campaign_actions.id", "=", actionId)
    .executeTakeFirst();
  return row ? toView(row, today, actor) : undefined;
}

export type ListedAction = Awaited<ReturnType<typeof listActions>>[number];

/** The plan as a timeline: one group per week (starting Monday), undated actions at the end. */
export function groupByWeek<A extends { dueOn: string | null }>(actions: A[]) {
  const groups: { weekOf: string | null; actions: A[] }[] = [];
  for (const action of actions) {
    const weekOf = action.dueOn ? weekStart(action.dueOn) : null;
    const last = groups.at(-1);
    if (last && last.weekOf === weekOf) last.actions.push(action);
    else groups.push({ weekOf, actions: [action] });
  }
  return groups;
}

/** Open actions that are the actor's: their own, and (for partner contacts) their organisation's. */
export async function listMyActions(db: Kysely<Database>, networkId: string, today: string, actor: Actor) {
  const rows = await baseActionQuery(db, networkId)
    .where("campaign_actions.status", "in", ["todo", "doing"])
    .where("campaigns.status", "!=", "archived")
    .where((eb) =>
      eb.or([
        eb("campaign_actions.owner_user_id", "=", actor.userId),
        ...(actor.partnerId ? [eb("campaign_actions.owner_partner_id", "=", actor.partnerId)] : []),
      ]),
    )
    .orderBy("campaign_actions.title")
    .orderBy("campaign_actions.id")
    .execute();
  return rows.map((row) => toView(row, today, actor)).sort(byDue);
}

/** Checks an owner belongs to the network: an organiser (or owner) account, or a partner organisation. */
async function ownerColumns(db: Kysely<Database>, networkId: string, owner: ActionOwner) {
  if (!owner) return { owner_user_id: null, owner_partner_id: null };
  if (owner.kind === "user") {
    const member = await db
      .selectFrom("memberships")
      .select("user_id")
      .where("network_id", "=", networkId)
      .where("user_id", "=", owner.id)
      .where("role", "in", ["organiser", "owner"])
      .executeTakeFirst();
    return member ? { owner_user_id: owner.id, owner_partner_id: null } : undefined;
  }
  const partner = await db
    .selectFrom("partner_organisations")
    .select("id")
    .where("network_id", "=", networkId)
    .where("id", "=", owner.id)
    .executeTakeFirst();
  return partner ? { owner_user_id: null, owner_partner_id: owner.id } : undefined;
}

function dueColumns(due: ActionDue) {
  return due.kind === "date" ? { due_on: due.dueOn, offset_days: null } : { due_on: null, offset_days: due.offsetDays };
}

/** Adds an action (organisers only: checked by the route). Undefined when the owner is not the network's. */
export async function addAction(db: Kysely<Database>, networkId: string, campaignId: string, input: ActionInput) {
  const owner = await ownerColumns(db, networkId, input.owner);
  if (!owner) return undefined;
  return db
    .insertInto("campaign_actions")
    .values({
      network_id: networkId,
      campaign_id: campaignId,
      title: input.title,
      ...dueColumns(input.due),
      ...owner,
      status: input.status,
      notes: input.notes,
      completed_at: input.status === "done" ? new Date() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export type ActionChange = "updated" | "not-found" | "forbidden" | "bad-owner";

async function findAction(db: Kysely<Database>, networkId: string, campaignId: string, actionId: string) {
  return db
    .selectFrom("campaign_actions")
    .select(["id", "owner_partner_id", "status"])
    .where("id", "=", actionId)
    .where("network_id", "=", networkId)
    .where("campaign_id", "=", campaignId)
    .executeTakeFirst();
}

/** Everything about an action: organisers only. */
export async function updateAction(
  db: Kysely<Database>,
  actor: Actor,
  target: { networkId: string; campaignId: string; actionId: string },
  input: ActionInput,
): Promise<ActionChange> {
  const action = await findAction(db, target.networkId, target.campaignId, target.actionId);
  if (!action) return "not-found";
  if (!roleAtLeast(actor.role, "organiser")) return "forbidden";
  const owner = await ownerColumns(db, target.networkId, input.owner);
  if (!owner) return "bad-owner";
  await db
    .updateTable("campaign_actions")
    .set({
      title: input.title,
      ...dueColumns(input.due),
      ...owner,
      status: input.status,
      notes: input.notes,
      completed_at: input.status === "done" ? (action.status === "done" ? undefined : new Date()) : null,
      updated_at: new Date(),
    })
    .where("id", "=", action.id)
    .execute();
  return "updated";
}

/** Status (and notes): organisers on any action, partner contacts on their organisation's only. */
export async function updateActionProgress(
  db: Kysely<Database>,
  actor: Actor,
  target: { networkId: string; campaignId: string; actionId: string },
  progress: { status: ActionStatus; notes?: string },
): Promise<ActionChange> {
  const action = await findAction(db, target.networkId, target.campaignId, target.actionId);
  if (!action) return "not-found";
  if (!canEditAction(actor, action)) return "forbidden";
  await db
    .updateTable("campaign_actions")
    .set({
      status: progress.status,
      ...(progress.notes !== undefined ? { notes: progress.notes } : {}),
      completed_at: progress.status === "done" ? (action.status === "done" ? undefined : new Date()) : null,
      updated_at: new Date(),
    })
    .where("id", "=", action.id)
    .execute();
  return "updated";
}

export async function deleteAction(
  db: Kysely<Database>,
  actor: Actor,
  target: { networkId: string; campaignId: string; actionId: string },
) {
  const action = await findAction(db, target.networkId, target.campaignId, target.actionId);
  if (!action) return "not-found" as const;
  if (!roleAtLeast(actor.role, "organiser")) return "forbidden" as const;
  await db.deleteFrom("campaign_actions").where("id", "=", action.id).execute();
  return "updated" as const;
}

/** Who can own an action: the network's organisers and its partner organisations. */
export async function listOwnerChoices(db: Kysely<Database>, networkId: string) {
  const [users, partners] = await Promise.all([
    db
      .selectFrom("memberships")
      .innerJoin("users", "users.id", "memberships.user_id")
      .select(["users.id", "users.name"])
      .where("memberships.network_id", "=", networkId)
      .where("memberships.role", "in", ["organiser", "owner"])
      .orderBy("users.name")
      .execute(),
    db.selectFrom("partner_organisations").select(["id", "name"]).where("network_id", "=", networkId).orderBy("name").execute(),
  ]);
  return { users, partners };
}

/** The campaign an action of the network belongs to, for pages that list actions across campaigns. */
export async function findActionCampaignId(db: Kysely<Database>, networkId: string, actionId: string) {
  const row = await db
    .selectFrom("campaign_actions")
    .select("campaign_id")
    .where("id", "=", actionId)
    .where("network_id", "=", networkId)
    .executeTakeFirst();
  return row?.campaign_id;
}
