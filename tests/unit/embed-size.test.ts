import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { expect, test } from "vitest";

test("the embeddable calendar's script is at most 30 KB gzipped", () => {
  const gzipped = gzipSync(readFileSync("public/embed.js"), { level: 9 }).length;
  expect(gzipped).toBeLessThanOrEqual(30 * 1024);
});
