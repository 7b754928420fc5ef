import { DateTime } from "luxon";

/**
 * The year test data lives in: next calendar year, counted from the day the
 * tests run, so that every date in it is upcoming whatever today is (the
 * suite must pass on any date, also with the clock moved by `faketime`).
 * Use `testYear + 1` for dates after it. Anything that depends on the weekday,
 * the length of the year or a daylight-saving change is computed, not typed.
 */
export const testYear = DateTime.utc().year + 1;
