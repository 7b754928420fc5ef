import { describe, expect, test } from "vitest";
import { isCrossSiteMutation, type RequestOrigin } from "~/utils/origin.server";

const appUrl = "https://daymark.example.org";
const post = (headers: Partial<RequestOrigin>): RequestOrigin => ({
  method: "POST",
  path: "/signin",
  origin: undefined,
  secFetchSite: undefined,
  host: "daymark.example.org",
  protocol: "https",
  ...headers,
});

describe("cross-site guard", () => {
  test("lets reads through whatever their origin", () => {
    expect(isCrossSiteMutation(post({ method: "GET", origin: "https://evil.example" }), appUrl)).toBe(false);
    expect(isCrossSiteMutation(post({ method: "HEAD", secFetchSite: "cross-site" }), appUrl)).toBe(false);
  });

  test("refuses a post from another site, by Sec-Fetch-Site or by Origin", () => {
    expect(isCrossSiteMutation(post({ secFetchSite: "cross-site" }), appUrl)).toBe(true);
    expect(isCrossSiteMutation(post({ secFetchSite: "same-site" }), appUrl)).toBe(true);
    expect(isCrossSiteMutation(post({ origin: "https://evil.example" }), appUrl)).toBe(true);
    expect(isCrossSiteMutation(post({ origin: "null" }), appUrl)).toBe(true);
    expect(isCrossSiteMutation(post({ method: "DELETE", origin: "http://daymark.example.org" }), appUrl)).toBe(true);
  });

  test("accepts a post from the app itself", () => {
    expect(isCrossSiteMutation(post({ secFetchSite: "same-origin", origin: appUrl }), appUrl)).toBe(false);
    expect(isCrossSiteMutation(post({ origin: appUrl }), appUrl)).toBe(false);
    expect(isCrossSiteMutation(post({ origin: "http://localhost:3000", host: "localhost:3000", protocol: "http" }), appUrl)).toBe(false);
  });

  test("accepts clients that send neither header (they carry no browser cookies)", () => {
    expect(isCrossSiteMutation(post({}), appUrl)).toBe(false);
  });

  test("lets listed endpoints be posted from elsewhere", () => {
    const request = post({ path: "/unsubscribe/abc", origin: "https://mail.example" });
    expect(isCrossSiteMutation(request, appUrl, ["/unsubscribe"])).toBe(false);
    expect(isCrossSiteMutation(request, appUrl, ["/unsub"])).toBe(true);
  });
});
