import { DateTime } from "luxon";
import { describe, expect, test } from "vitest";
import {
  addYears,
  daysBetween,
  daysUntil,
  isoWeek,
  occurrenceInYear,
  occurrencesInWindow,
  shiftDate,
  weekStart,
  type RecurrenceRule,
} from "~/modules/days/recurrence";
import { testYear } from "../support/calendar";

const years = [2024, 2025, 2026, 2027, 2028, 2029, 2030];

function starts(rule: RecurrenceRule) {
  return years.map((year) => occurrenceInYear(rule, year)?.startsOn ?? null);
}

describe("occurrences of each rule kind, 2024 to 2030", () => {
  test("fixed date: World AIDS Day is 1 December every year", () => {
    expect(years.map((year) => occurrenceInYear({ kind: "fixed", month: 12, day: 1 }, year))).toEqual(
      years.map((year) => ({ year, startsOn: `${year}-12-01`, endsOn: `${year}-12-01` })),
    );
  });

  test("fixed date on 29 February: kept in leap years, 28 February otherwise", () => {
    expect(starts({ kind: "fixed", month: 2, day: 29 })).toEqual([
      "2024-02-29",
      "2025-02-28",
      "2026-02-28",
      "2027-02-28",
      "2028-02-29",
      "2029-02-28",
      "2030-02-28",
    ]);
  });

  test("nth weekday: the third Sunday of May (AIDS Candlelight Memorial)", () => {
    expect(starts({ kind: "nth_weekday", month: 5, weekday: 7, nth: 3 })).toEqual([
      "2024-05-19",
      "2025-05-18",
      "2026-05-17",
      "2027-05-16",
      "2028-05-21",
      "2029-05-20",
      "2030-05-19",
    ]);
  });

  test("nth weekday: the last Tuesday of February lands on the 29th in 2028", () => {
    expect(starts({ kind: "nth_weekday", month: 2, weekday: 2, nth: -1 })).toEqual([
      "2024-02-27",
      "2025-02-25",
      "2026-02-24",
      "2027-02-23",
      "2028-02-29",
      "2029-02-27",
      "2030-02-26",
    ]);
  });

  test("multi-day span: 16 Days of Activism run 25 November to 10 December", () => {
    const rule: RecurrenceRule = { kind: "span", month: 11, day: 25, days: 16 };
    expect(years.map((year) => occurrenceInYear(rule, year))).toEqual(
      years.map((year) => ({ year, startsOn: `${year}-11-25`, endsOn: `${year}-12-10` })),
    );
  });

  test("multi-day span through the end of February counts 29 February in leap years", () => {
    const rule: RecurrenceRule = { kind: "span", month: 2, day: 25, days: 7 };
    expect(years.map((year) => occurrenceInYear(rule, year)?.endsOn)).toEqual([
      "2024-03-02",
      "2025-03-03",
      "2026-03-03",
      "2027-03-03",
      "2028-03-02",
      "2029-03-03",
      "2030-03-03",
    ]);
  });

  test("announced each year: null until an organiser sets the dates, then exactly those", () => {
    const rule: RecurrenceRule = { kind: "announced", month: 11, days: 8 };
    expect(years.map((year) => occurrenceInYear(rule, year))).toEqual(years.map(() => null));
    const set = years.map((year) => occurrenceInYear(rule, year, { startsOn: `${year}-11-16`, endsOn: `${year}-11-23` }));
    expect(set.map((o) => `${o?.startsOn}..${o?.endsOn}`)).toEqual(years.map((year) => `${year}-11-16..${year}-11-23`));
  });
});

describe("the year window", () => {
  test("lists the next 12 months, with an ongoing span and an unset announced day", () => {
    const nextYear = testYear + 1;
    const from = `${testYear}-11-21`;
    const until = `${nextYear}-11-21`;
    expect(occurrencesInWindow({ kind: "fixed", month: 12, day: 1 }, from, until).map((e) => e.occurrence?.startsOn)).toEqual([
      `${testYear}-12-01`,
    ]);
    expect(occurrencesInWindow({ kind: "span", month: 11, day: 13, days: 7 }, from, until).map((e) => e.sortsOn)).toEqual([
      `${nextYear}-11-13`,
    ]);
    expect(occurrencesInWindow({ kind: "span", month: 11, day: 13, days: 9 }, from, until).map((e) => e.sortsOn)).toEqual([
      `${testYear}-11-13`,
      `${nextYear}-11-13`,
    ]);
    const announced = occurrencesInWindow({ kind: "announced", month: 5, days: 8 }, from, until);
    expect(announced).toEqual([{ year: nextYear, occurrence: null, sortsOn: `${nextYear}-05-01` }]);
    const withDates = occurrencesInWindow(
      { kind: "announced", month: 5, days: 8 },
      from,
      until,
      new Map([[nextYear, { startsOn: `${nextYear}-05-10`, endsOn: `${nextYear}-05-17` }]]),
    );
    expect(withDates).toEqual([
      {
        year: nextYear,
        occurrence: { year: nextYear, startsOn: `${nextYear}-05-10`, endsOn: `${nextYear}-05-17` },
        sortsOn: `${nextYear}-05-10`,
      },
    ]);
  });
});

describe("date arithmetic", () => {
  test("offsets and distances count calendar days, across 29 February", () => {
    expect(shiftDate("2028-03-10", -21)).toBe("2028-02-18");
    expect(shiftDate("2027-03-10", -21)).toBe("2027-02-17");
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2027-12-01", "2028-12-01")).toBe(366);
    expect(daysBetween("2026-12-01", "2027-12-01")).toBe(365);
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
  });

  test("offsets across daylight-saving changes stay whole days", () => {
    // Europe changes clocks on 28 March and 31 October 2027.
    expect(shiftDate("2027-04-10", -21)).toBe("2027-03-20");
    expect(shiftDate("2027-10-25", 14)).toBe("2027-11-08");
    expect(daysBetween("2027-03-27", "2027-03-29")).toBe(2);
  });

  test("the countdown uses today in the network's zone, across daylight-saving changes", () => {
    // 23:30 UTC on 30 October 2027 is already 31 October, 01:30, in Amsterdam (clocks go back at 03:00).
    const night = DateTime.fromISO("2027-10-30T23:30:00Z");
    expect(daysUntil("2027-11-01", "Europe/Amsterdam", night)).toBe(1);
    expect(daysUntil("2027-11-01", "UTC", night)).toBe(2);
    // The spring-forward night in Amsterdam has only 23 hours; it still counts as one day.
    const spring = DateTime.fromISO("2027-03-27T23:30:00", { zone: "Europe/Amsterdam" });
    expect(daysUntil("2027-03-29", "Europe/Amsterdam", spring)).toBe(2);
    expect(daysUntil("2027-03-27", "Europe/Amsterdam", spring)).toBe(0);
    // New York changes clocks on a different Sunday (7 November 2027).
    const newYork = DateTime.fromISO("2027-11-06T22:00:00", { zone: "America/New_York" });
    expect(daysUntil("2027-12-01", "America/New_York", newYork)).toBe(25);
  });

  test("weeks start on Monday and are named by ISO week", () => {
    expect(weekStart("2026-12-01")).toBe("2026-11-30");
    expect(weekStart("2027-01-03")).toBe("2026-12-28");
    expect(isoWeek("2027-01-03")).toBe("2026-W53");
    expect(isoWeek("2026-11-23")).toBe("2026-W48");
  });
});
