import { describe, expect, test } from "vitest";
import { isDatabaseUnreachable } from "~/utils/database-outage.server";

const withCode = (code: string, message = "failed") => Object.assign(new Error(message), { code });

describe("telling an unreachable database from a failed query", () => {
  test("refused, reset and timed-out connections, a server shutting down or starting up, and dropped clients are outages", () => {
    expect(
      [
        withCode("ECONNREFUSED"),
        withCode("ECONNRESET"),
        withCode("ETIMEDOUT"),
        withCode("57P01", "terminating connection due to administrator command"),
        withCode("57P03", "the database system is starting up"),
        withCode("08006", "connection failure"),
        new Error("Connection terminated unexpectedly"),
        new Error("timeout exceeded when trying to connect"),
        new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "connect failed"),
        new Error("query failed", { cause: withCode("ECONNRESET") }),
      ].map(isDatabaseUnreachable),
    ).toEqual(Array(10).fill(true));
  });

  test("errors of the query itself, and things that are not errors, are not", () => {
    expect(
      [
        withCode("23505", "duplicate key value violates unique constraint"),
        withCode("42601", "syntax error"),
        withCode("22P05", "unsupported Unicode escape sequence"),
        new Error("no result"),
        "ECONNREFUSED",
        undefined,
      ].map(isDatabaseUnreachable),
    ).toEqual(Array(6).fill(false));
  });
});
