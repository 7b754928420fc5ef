import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireMembership } from "~/modules/auth/access.server";
import { useDatabase } from "~/utils/db.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { createNetwork, createUser, signedInRequest } from "../support/fixtures";

/** What a loader that calls requireMembership would answer. */
async function outcome(promise: Promise<unknown>) {
  try {
    const value = (await promise) as { role: string };
    return { allowed: value.role };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get("Location") };
    const data = thrown as { type?: string; init?: { status?: number }; data?: { message?: string } };
    if (data.type === "DataWithResponseInit") return { status: data.init?.status, message: data.data?.message };
    throw thrown;
  }
}

describe("requireMembership", () => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    database = await createTestDatabase();
    useDatabase(database);
    const network = await createNetwork(database.db, "roles");
    const other = await createNetwork(database.db, "elsewhere");
    for (const role of ["owner", "organiser", "partner"] as const) {
      ids[role] = (await createUser(database.db, { email: `${role}@example.org`, networkId: network.id, role })).id;
    }
    ids.outsider = (await createUser(database.db, { email: "out@example.org", networkId: other.id, role: "owner" })).id;
  });
  afterAll(() => database.drop());

  const url = "http://localhost:3000/n/roles/members?tab=1";

  test("refuses a partner where organisers are required (403)", async () => {
    const request = await signedInRequest(database.db, ids.partner!, url);
    expect(await outcome(requireMembership(request, "roles", "organiser"))).toEqual({
      status: 403,
      message: "errors.forbidden",
    });
  });

  test("lets each role reach what its rank allows", async () => {
    const results: Record<string, unknown> = {};
    for (const role of ["owner", "organiser", "partner"]) {
      const request = await signedInRequest(database.db, ids[role]!, url);
      results[role] = await Promise.all(
        (["partner", "organiser", "owner"] as const).map((minimum) => outcome(requireMembership(request, "roles", minimum))),
      );
    }
    const forbidden = { status: 403, message: "errors.forbidden" };
    expect(results).toEqual({
      owner: [{ allowed: "owner" }, { allowed: "owner" }, { allowed: "owner" }],
      organiser: [{ allowed: "organiser" }, { allowed: "organiser" }, forbidden],
      partner: [{ allowed: "partner" }, forbidden, forbidden],
    });
  });

  test("an owner of another network gets nothing here", async () => {
    const request = await signedInRequest(database.db, ids.outsider!, url);
    expect(await outcome(requireMembership(request, "roles", "partner"))).toEqual({
      status: 403,
      message: "errors.forbidden",
    });
  });

  test("without a session: sent to sign in, and brought back afterwards", async () => {
    expect(await outcome(requireMembership(new Request(url), "roles", "partner"))).toEqual({
      status: 302,
      location: "/signin?redirectTo=%2Fn%2Froles%2Fmembers%3Ftab%3D1",
    });
  });

  test("a forged or unsigned session cookie counts as no session", async () => {
    const request = new Request(url, { headers: { Cookie: "daymark_session=forged" } });
    expect((await outcome(requireMembership(request, "roles", "partner"))).status).toBe(302);
  });

  test("an unknown network is a 404", async () => {
    const request = await signedInRequest(database.db, ids.owner!, url);
    expect(await outcome(requireMembership(request, "no-such-network", "partner"))).toEqual({
      status: 404,
      message: "errors.networkNotFound",
    });
  });
});
