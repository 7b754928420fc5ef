import { describe, expect, test } from "vitest";
import { readFormData } from "~/utils/forms.server";
import { screenUrl } from "~/utils/request-screen.server";

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
    return undefined;
  } catch (thrown) {
    const data = thrown as { init?: { status?: number }; data?: { message?: string } };
    return { status: data.init?.status, message: data.data?.message };
  }
}

const form = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/n/demo/events/new", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
    body,
    duplex: "half",
  } as RequestInit);

describe("screenUrl", () => {
  test("lets ordinary paths and queries through", () => {
    expect(screenUrl("/n/demo/events?q=caf%C3%A9+bar&page=2")).toBeUndefined();
    expect(screenUrl("/n/demo/partners?q=100%25")).toBeUndefined();
  });

  test("refuses control characters in any path segment or query part, and encodings that do not decode", () => {
    for (const url of ["/n/%00", "/n/demo/campaigns/%00", "/x?q=a%0Db", "/x?%09=1", "/x?q=%7F", "/x?q=%C2%85"]) {
      expect([url, screenUrl(url)]).toEqual([url, { status: 400, message: "errors.controlCharacters" }]);
    }
    for (const url of ["/n/%E0%A4%A", "/x?q=%zz"]) {
      expect([url, screenUrl(url)]).toEqual([url, { status: 400, message: "errors.badRequest" }]);
    }
  });
});

describe("readFormData", () => {
  test("keeps tabs and line breaks, refuses other control characters", async () => {
    const ok = await readFormData(form("description=one%0D%0Atwo%09three"));
    expect(ok.get("description")).toBe("one\r\ntwo\tthree");
    expect(await refusal(readFormData(form("title=a%00b")))).toEqual({ status: 400, message: "errors.controlCharacters" });
    expect(await refusal(readFormData(form("a%1Bb=1")))).toEqual({ status: 400, message: "errors.controlCharacters" });
  });

  test("refuses a body over its cap, declared or counted while it streams", async () => {
    expect(await refusal(readFormData(form("x=1", { "Content-Length": String(2 * 1024 * 1024) })))).toEqual({
      status: 413,
      message: "errors.tooLarge",
    });
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024).fill(97));
      },
    });
    expect(await refusal(readFormData(form(endless), 256 * 1024))).toEqual({ status: 413, message: "errors.tooLarge" });
    expect(pulled).toBeLessThan(10);
    expect((await readFormData(form("x=" + "a".repeat(1000)), 2000)).get("x")).toHaveLength(1000);
  });

  test("a body that is not a form is a 400", async () => {
    expect(await refusal(readFormData(form("--x\r\n", { "Content-Type": "multipart/form-data; boundary=y" })))).toEqual({
      status: 400,
      message: "errors.badRequest",
    });
  });
});
