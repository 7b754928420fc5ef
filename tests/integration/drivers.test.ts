import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, testDrivers, type TestDatabase } from "../support/database";
import { createNetwork } from "../support/fixtures";

describe.each(testDrivers())("values read through %s", (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(() => database.drop());

  test("counts, numerics, dates, timestamps and json come back as the same JavaScript values", async () => {
    const network = await createNetwork(database.db, `types-${driver}`);
    const row = await sql<Record<string, unknown>>`
      select
        (select count(*) from networks) as network_count,
        12345678901::bigint as big,
        2.5::numeric as ratio,
        date '2028-02-29' as leap_day,
        timestamptz '2026-03-29 01:30:00+00' as instant,
        '{"a": [1, "b"]}'::jsonb as document,
        true as flag`.execute(database.db);
    expect(row.rows[0]).toEqual({
      network_count: 1,
      big: 12345678901,
      ratio: 2.5,
      leap_day: "2028-02-29",
      instant: new Date("2026-03-29T01:30:00.000Z"),
      document: { a: [1, "b"] },
      flag: true,
    });
    expect(network.created_at).toBeInstanceOf(Date);
    expect(typeof network.id).toBe("string");
  });

  test("Kysely's count helper returns a number", async () => {
    const { count } = await database.db
      .selectFrom("networks")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .executeTakeFirstOrThrow();
    expect(count).toBe(1);
  });
});
