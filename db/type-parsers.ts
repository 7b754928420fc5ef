/**
 * The same JavaScript values from both drivers (pg and PGlite): counts and
 * bigints as numbers, numerics as numbers, and `date` columns as the plain
 * 'YYYY-MM-DD' text (pg would make a local-midnight Date, PGlite a UTC one).
 * timestamptz stays a Date on both.
 */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export const typeParsers: Record<number, (value: string) => unknown> = {
  [INT8]: (value) => Number(value),
  [NUMERIC]: (value) => Number(value),
  [DATE]: (value) => value,
};
