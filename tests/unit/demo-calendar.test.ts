import { describe, expect, test } from "vitest";
import { eventTiming, planActions, plannedCampaigns, scheduledMailingTime } from "~db/seed/demo-calendar";
import { nextOccurrence } from "~/modules/days/recurrence";

// Fixed moments on purpose: these check the seed's arithmetic on the calendar
// cases that matter (a year end, a leap day, a daylight-saving change), with
// `now` passed in, so they never read the clock.

const rules = {
  worldAidsDay: { kind: "fixed", month: 12, day: 1 },
  overdoseAwarenessDay: { kind: "fixed", month: 8, day: 31 },
} as const;

describe("the days the demo campaigns plan", () => {
  test("the next occurrence: today's while it is on, else the first ahead", () => {
    const wad = rules.worldAidsDay;
    expect(nextOccurrence(wad, "2027-11-30")?.startsOn).toBe("2027-12-01");
    expect(nextOccurrence(wad, "2027-12-01")?.startsOn).toBe("2027-12-01");
    expect(nextOccurrence(wad, "2027-12-02")?.startsOn).toBe("2028-12-01");
    const span = { kind: "span", month: 11, day: 25, days: 16 } as const;
    expect(nextOccurrence(span, "2027-12-10")).toEqual({ year: 2027, startsOn: "2027-11-25", endsOn: "2027-12-10" });
    expect(nextOccurrence(span, "2027-12-11")).toEqual({ year: 2028, startsOn: "2028-11-25", endsOn: "2028-12-10" });
    expect(nextOccurrence({ kind: "announced", month: 5, days: 7 }, "2027-01-01")).toBeNull();
  });

  test("at a year end both campaigns move to the coming year", () => {
    expect(plannedCampaigns(rules, "2027-12-31")).toEqual({
      worldAidsDay: { dayKey: "world-aids-day", year: 2028, date: "2028-12-01" },
      overdoseAwarenessDay: { dayKey: "international-overdose-awareness-day", year: 2028, date: "2028-08-31" },
    });
  });

  test("on a leap day, and on World AIDS Day itself", () => {
    expect(plannedCampaigns(rules, "2028-02-29")).toEqual({
      worldAidsDay: { dayKey: "world-aids-day", year: 2028, date: "2028-12-01" },
      overdoseAwarenessDay: { dayKey: "international-overdose-awareness-day", year: 2028, date: "2028-08-31" },
    });
    expect(plannedCampaigns(rules, "2028-12-01").worldAidsDay.date).toBe("2028-12-01");
    expect(plannedCampaigns(rules, "2028-09-01").overdoseAwarenessDay.date).toBe("2029-08-31");
  });
});

describe("the demo's action plan", () => {
  const actions = [
    { title: "done a month ago", due: { fromToday: -30 }, status: "done" as const },
    { title: "overdue", due: { fromToday: -4 }, status: "todo" as const },
    { title: "under way", due: { fromToday: 5 }, status: "doing" as const },
    { title: "a week before", due: { offset: -7 } },
    { title: "on the day", due: { offset: 0 } },
    { title: "after", due: { offset: 21 } },
  ];

  test("across a year end: lead-up work never falls after the day; past offsets are done", () => {
    expect(planActions(actions, "2028-01-02", "2027-12-30")).toEqual([
      { title: "done a month ago", dueOn: "2027-11-30", offsetDays: null, date: "2027-11-30", status: "done" },
      { title: "overdue", dueOn: "2027-12-26", offsetDays: null, date: "2027-12-26", status: "todo" },
      { title: "under way", dueOn: "2028-01-02", offsetDays: null, date: "2028-01-02", status: "doing" },
      { title: "a week before", dueOn: null, offsetDays: -7, date: "2027-12-26", status: "done" },
      { title: "on the day", dueOn: null, offsetDays: 0, date: "2028-01-02", status: "todo" },
      { title: "after", dueOn: null, offsetDays: 21, date: "2028-01-23", status: "todo" },
    ]);
  });

  test("across a leap day, with the day far ahead", () => {
    expect(planActions(actions, "2028-12-01", "2028-02-25").map((a) => [a.date, a.status])).toEqual([
      ["2028-01-26", "done"],
      ["2028-02-21", "todo"],
      ["2028-03-01", "doing"],
      ["2028-11-24", "todo"],
      ["2028-12-01", "todo"],
      ["2028-12-22", "todo"],
    ]);
    expect(planActions([{ title: "eve", due: { offset: -1 } }], "2028-03-01", "2028-02-01")[0]!.date).toBe("2028-02-29");
  });
});

describe("demo event times", () => {
  test("days count from today in the event's own zone, across a year end", () => {
    // 23:30 UTC on 30 December is already 31 December in Kyiv.
    const now = new Date("2027-12-30T23:30:00Z");
    expect(eventTiming({ day: 2, start: "18:00", hours: 2 }, "Europe/Kyiv", now)).toEqual({
      all_day: false,
      start_date: null,
      end_date: null,
      starts_at: new Date("2028-01-02T16:00:00Z"),
      ends_at: new Date("2028-01-02T18:00:00Z"),
    });
    expect(eventTiming({ day: 1, days: 3 }, "Europe/Lisbon", now)).toEqual({
      all_day: true,
      start_date: "2027-12-31",
      end_date: "2028-01-02",
      starts_at: new Date("2027-12-31T00:00:00Z"),
      ends_at: new Date("2028-01-03T00:00:00Z"),
    });
  });

  test("a leap day, a campaign's date, and a daylight-saving change keep the local clock time", () => {
    const now = new Date("2028-02-28T10:00:00Z");
    expect(eventTiming({ day: 1, start: "18:00", hours: 1.5 }, "Europe/Lisbon", now).starts_at).toEqual(new Date("2028-02-29T18:00:00Z"));
    expect(eventTiming({ day: "2028-08-31", start: "19:00", hours: 2 }, "Europe/Amsterdam", now).starts_at).toEqual(
      new Date("2028-08-31T17:00:00Z"),
    );
    // Summer time starts on 26 March 2028: 18:00 in Amsterdam is 17:00 UTC before, 16:00 after.
    const march = new Date("2028-03-20T12:00:00Z");
    expect(eventTiming({ day: 5, start: "18:00", hours: 2 }, "Europe/Amsterdam", march).starts_at).toEqual(
      new Date("2028-03-25T17:00:00Z"),
    );
    expect(eventTiming({ day: 7, start: "18:00", hours: 2 }, "Europe/Amsterdam", march).starts_at).toEqual(
      new Date("2028-03-27T16:00:00Z"),
    );
  });

  test("the scheduled mailing goes a week later at 09:00 in the network's zone", () => {
    expect(scheduledMailingTime(new Date("2027-12-28T12:00:00Z"), "Europe/Amsterdam")).toEqual(new Date("2028-01-04T08:00:00Z"));
    expect(scheduledMailingTime(new Date("2028-03-22T12:00:00Z"), "Europe/Amsterdam")).toEqual(new Date("2028-03-29T07:00:00Z"));
  });
});
