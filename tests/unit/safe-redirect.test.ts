import { describe, expect, test } from "vitest";
import { safeRedirectPath } from "~/utils/safe-redirect.server";

function statusOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (thrown) {
    return (thrown as { init?: { status?: number } }).init?.status;
  }
  return undefined;
}

describe("safeRedirectPath", () => {
  test("paths on this site are kept, normalised as a browser reads them", () => {
    expect(safeRedirectPath("/n/demo/events?when=past#list")).toBe("/n/demo/events?when=past#list");
    expect(safeRedirectPath("/n/demo/../other/./x")).toBe("/n/other/x");
    expect(safeRedirectPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeRedirectPath("/%5Cevil.example")).toBe("/%5Cevil.example");
  });

  test("anything that names another host falls back", () => {
    for (const value of [
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/.//evil.example",
      "/..//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "",
    ]) {
      expect([value, safeRedirectPath(value, "/home")]).toEqual([value, "/home"]);
    }
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined, "/x")).toBe("/x");
  });

  test("control characters are a 400, not a broken Location header", () => {
    for (const value of ["/\t/evil.example", "/\r\nSet-Cookie: a=b", "/a\u0000b", "/\u007f"]) {
      expect([value, statusOf(() => safeRedirectPath(value))]).toEqual([value, 400]);
    }
  });
});
