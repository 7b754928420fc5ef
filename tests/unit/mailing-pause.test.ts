import { describe, expect, test } from "vitest";
import { pauseReason } from "~/modules/mailings/pause.server";

describe("when a mailing pauses itself", () => {
  const health = { recipients: 20_000, sampleHardBounces: 0, complaints: 0, delivered: 0 };

  test.each([
    [{ sampleHardBounces: 25 }, null],
    [{ sampleHardBounces: 26 }, "hard_bounces"],
    // Small mailings count against the whole sample of 500: 26 hard bounces, never one.
    [{ recipients: 40, sampleHardBounces: 1 }, null],
    [{ delivered: 100, complaints: 1 }, null],
    [{ delivered: 100, complaints: 2 }, "complaints"],
    [{ delivered: 10_000, complaints: 30 }, null],
    [{ delivered: 10_000, complaints: 31 }, "complaints"],
    [{ sampleHardBounces: 30, complaints: 40, delivered: 500 }, "hard_bounces"],
  ])("%o: %s", (change, expected) => {
    expect(pauseReason({ ...health, ...change })).toBe(expected);
  });
});
