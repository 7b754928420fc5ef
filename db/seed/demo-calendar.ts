import { DateTime } from "luxon";
import type { ActionStatus, RecurrenceRule } from "../types";
import { nextOccurrence, shiftDate } from "~/modules/days/recurrence";

/*
 * Every date of the demo comes from the moment the seed runs, so that a
 * network installing Daymark on any day meets a live calendar: campaigns for
 * the next World AIDS Day and the next Overdose Awareness Day, work done and
 * overdue, events in the coming weeks, a mailing waiting to go out. This
 * module only computes dates; the seed files write the rows.
 */

/** The global days the demo's two campaigns plan, by catalogue key. */
export const demoCampaignDays = {
  worldAidsDay: "world-aids-day",
  overdoseAwarenessDay: "international-overdose-awareness-day",
} as const;
export type DemoCampaignKey = keyof typeof demoCampaignDays;

/** When a demo action is due: days from the campaign's day, or days from the day the seed runs. */
export type DemoActionDue = { offset: number } | { fromToday: number };

export interface DemoAction {
  title: string;
  due: DemoActionDue;
  /** Actions due from today carry their state; those at an offset are done once their date has passed. */
  status?: ActionStatus;
}

export interface PlannedAction {
  title: string;
  /** Exactly one of the two, as campaign_actions stores them. */
  dueOn: string | null;
  offsetDays: number | null;
  /** The date the action falls on, whichever way it is stored. */
  date: string;
  status: ActionStatus;
}

export interface PlannedCampaign {
  dayKey: string;
  year: number;
  /** 'YYYY-MM-DD' */
  date: string;
}

/**
 * The occurrence each demo campaign plans: the first that has not ended by
 * today in the network's zone (this year's on the day itself, else next).
 */
export function plannedCampaigns(rules: Record<DemoCampaignKey, RecurrenceRule>, today: string): Record<DemoCampaignKey, PlannedCampaign> {
  const plan = (key: DemoCampaignKey): PlannedCampaign => {
    const occurrence = nextOccurrence(rules[key], today);
    if (!occurrence) throw new Error(`The demo plans ${demoCampaignDays[key]}, whose dates are announced each year`);
    return { dayKey: demoCampaignDays[key], year: occurrence.year, date: occurrence.startsOn };
  };
  return { worldAidsDay: plan("worldAidsDay"), overdoseAwarenessDay: plan("overdoseAwarenessDay") };
}

/**
 * Dates and states of a campaign's actions. Actions due from today stay
 * before the day (a lead-up task never falls after what it leads up to), so
 * the plan shows finished, under way and overdue work however near the day
 * is; actions at an offset keep it, and count as done once they are past.
 */
export function planActions(actions: DemoAction[], day: string, today: string): PlannedAction[] {
  return actions.map((action) => {
    if ("offset" in action.due) {
      const date = shiftDate(day, action.due.offset);
      return {
        title: action.title,
        dueOn: null,
        offsetDays: action.due.offset,
        date,
        status: action.status ?? (date < today ? "done" : "todo"),
      };
    }
    const fromToday = shiftDate(today, action.due.fromToday);
    const date = fromToday < day ? fromToday : day;
    return { title: action.title, dueOn: date, offsetDays: null, date, status: action.status ?? "todo" };
  });
}

/** When a demo event happens: days from today at a local time, or a run of whole days. */
export type DemoEventTime = { day: number | string; start: string; hours: number } | { day: number | string; days: number };

export interface EventTiming {
  all_day: boolean;
  start_date: string | null;
  end_date: string | null;
  starts_at: Date;
  ends_at: Date;
}

/**
 * An event's times in its own zone. `day` is a count of days from today (in
 * that zone) or a date; the clock time is local, so it stays 18:00 across a
 * daylight-saving change.
 */
export function eventTiming(time: DemoEventTime, zone: string, now: Date): EventTiming {
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const day = typeof time.day === "string" ? DateTime.fromISO(time.day, { zone }) : today.plus({ days: time.day });
  if ("days" in time) {
    return {
      all_day: true,
      start_date: day.toISODate()!,
      end_date: day.plus({ days: time.days - 1 }).toISODate()!,
      starts_at: day.toJSDate(),
      ends_at: day.plus({ days: time.days }).toJSDate(),
    };
  }
  const [hour, minute] = time.start.split(":").map(Number);
  const start = day.set({ hour, minute });
  return {
    all_day: false,
    start_date: null,
    end_date: null,
    starts_at: start.toJSDate(),
    ends_at: start.plus({ minutes: Math.round(time.hours * 60) }).toJSDate(),
  };
}

/** Today's date in a zone, for the seed's day arithmetic. */
export function seedToday(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** The demo's scheduled mailing goes out a week after the seed runs, at 09:00 in the network's zone. */
export function scheduledMailingTime(now: Date, zone: string): Date {
  return DateTime.fromJSDate(now, { zone }).startOf("day").plus({ days: 7 }).set({ hour: 9 }).toJSDate();
}
