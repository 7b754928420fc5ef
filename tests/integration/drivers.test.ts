import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { leapYearFrom, summerTimeStart, testYear } from "../support/calendar";
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
    // A leap day, and an instant of the night Amsterdam's clocks go forward.
    const leapDay = `${leapYearFrom(testYear)}-02-29`;
    const instant = summerTimeStart("Europe/Amsterdam", testYear).plus({ minutes: 30 }).toUTC();
    const row = await sql<Record<string, unknown>>`
      select
        (select count(*) from networks) as network_count,
        12345678901::bigint as big,
        2.5::numeric as ratio,
        date ${sql.lit(leapDay)} as leap_day,
        timestamptz ${sql.lit(instant.toFormat("yyyy-MM-dd HH:mm:ssZZ"))} as instant,
        '{"a": [1, "b"]}'::jsonb as document,
        true as flag`.execute(database.db);
    expect(row.rows[0]).toEqual({
      network_count: 1,
      big: 12345678901,
      ratio: 2.5,
      leap_day: leapDay,
      instant: instant.toJSDate(),
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
