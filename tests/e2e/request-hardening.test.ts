import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";

const owner = { email: "owner@demo.example.org", password: "daymark-demo" };

/** A form post from a client at `clientAddress` (the app trusts one proxy hop: the right-most X-Forwarded-For entry). */
function post(app: RunningApp, path: string, form: Record<string, string>, init: { clientAddress?: string; cookie?: string } = {}) {
  return fetch(`${app.url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Accept-Language": "fr",
      ...(init.clientAddress ? { "X-Forwarded-For": init.clientAddress } : {}),
      ...(init.cookie ? { Cookie: init.cookie } : {}),
    },
    body: new URLSearchParams(form),
  });
}

/**
 * Streams `totalBytes` to the app in 64 KB chunks and resolves with the answer
 * and how much had been written when it came: a cap enforced while streaming
 * answers long before the upload ends.
 */
function upload(app: RunningApp, path: string, totalBytes: number, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; bytesWritten: number }>((resolve, reject) => {
    const url = new URL(path, app.url);
    let written = 0;
    let answered = false;
    const request = http.request(url, { method: "POST", headers: { "Accept-Language": "de", ...headers } }, (response) => {
      answered = true;
      const sentWhenAnswered = written;
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, body, bytesWritten: sentWhenAnswered }));
    });
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (!answered && written < totalBytes) {
        written += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

describe("requests an attacker would send", () => {
  let app: RunningApp;
  let ownerCookie: string;

  beforeAll(async () => {
    app = await startApp({ TRUST_PROXY: "1" });
    const signedIn = await post(app, "/signin", owner, { clientAddress: "192.0.2.200" });
    ownerCookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;
  });
  afterAll(() => app?.stop());

  test("sign-in never sends anyone to another site", async () => {
    const after = async (redirectTo: string) => {
      const response = await post(app, "/signin", { ...owner, redirectTo }, { clientAddress: "192.0.2.201" });
      return [response.status, response.headers.get("location")];
    };
    expect(await after("//evil.example")).toEqual([302, "/n/demo/dashboard"]);
    expect(await after("/\\evil.example")).toEqual([302, "/n/demo/dashboard"]);
    expect(await after("/.//evil.example/x")).toEqual([302, "/n/demo/dashboard"]);
    expect(await after("https://evil.example/")).toEqual([302, "/n/demo/dashboard"]);
    expect(await after("/n/demo/events?when=past")).toEqual([302, "/n/demo/events?when=past"]);
    // A tab (dropped by URL parsing, turning the path into //evil.example) and CR/LF are refused outright.
    expect(await after("/\t/evil.example")).toEqual([400, null]);
    expect(await after("/\r\nSet-Cookie: x=y")).toEqual([400, null]);
    // Signed in already, the sign-in page forwards at once: the same judge.
    const forward = (query: string) =>
      fetch(`${app.url}/signin?redirectTo=${query}`, { redirect: "manual", headers: { Cookie: ownerCookie } });
    expect((await forward("%2F%2Fevil.example")).headers.get("location")).toBe("/");
    const tab = await forward("/%09/evil.example");
    const crlf = await forward("/%0d%0aSet-Cookie:%20x=y");
    expect([tab.status, crlf.status, crlf.headers.get("set-cookie")]).toEqual([400, 400, null]);
  });

  test("control characters in paths, queries and forms are a 400 page in the reader's language, never a 500", async () => {
    const get = (path: string) => fetch(`${app.url}${path}`, { headers: { Cookie: ownerCookie, "Accept-Language": "es" } });
    for (const path of [
      "/n/%00",
      "/n/demo/campaigns/%00",
      "/n/demo/events/%00",
      "/n/demo/partners?q=%00",
      "/n/demo/events?q=a%00b",
      "/n/%E0%A4%A",
      "/registrations/%0d%0a",
    ]) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 400]);
    }
    const page = await get("/n/%00");
    expect(await page.text()).toContain("La solicitud contiene caracteres de control invisibles");

    const titled = await post(app, "/n/demo/events/new", { title: "Night\u0000walk" }, { cookie: ownerCookie });
    expect(titled.status).toBe(400);
    expect(await titled.text()).toContain("La demande contient des caractères de contrôle invisibles");
  });

  test("a spoofed X-Forwarded-For does not buy more guesses: the proxy's own entry is the client", async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 7; attempt++) {
      const response = await post(
        app,
        "/signin",
        { email: owner.email, password: "wrong" },
        { clientAddress: `10.9.9.${attempt}, 198.51.100.77` },
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429, 429]);
    // The owner herself, from her own address, is not locked out by them.
    const ownerAgain = await post(app, "/signin", owner, { clientAddress: "192.0.2.202" });
    expect(ownerAgain.status).toBe(302);
  });

  test.each([20, 100])("%i simultaneous guesses at one account get exactly 5 password checks", async (count) => {
    const responses = await Promise.all(
      Array.from({ length: count }, () =>
        post(app, "/signin", { email: `race${count}@example.org`, password: "guess" }, { clientAddress: `198.51.100.${count}` }),
      ),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 400)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(count - 5);
  });

  test("a 60 MB form post to /signin is refused with 413 before it is read", async () => {
    const answer = await upload(app, "/signin", 60 * 1024 * 1024, {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(60 * 1024 * 1024),
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("Das Gesendete ist größer, als diese Seite annimmt.");
    expect(answer.bytesWritten).toBeLessThan(8 * 1024 * 1024);
  });

  test("a chunked CSV upload is cut off at the import's cap with 413", async () => {
    const answer = await upload(app, "/n/demo/partners/import", 60 * 1024 * 1024, {
      "Content-Type": "multipart/form-data; boundary=x",
      "Transfer-Encoding": "chunked",
      Cookie: ownerCookie,
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain("Das Gesendete ist größer, als diese Seite annimmt.");
    expect(answer.bytesWritten).toBeLessThan(16 * 1024 * 1024);
  });

  test("forgot-password answers alike, in about the same time, for known and unknown addresses", async () => {
    const time = async (email: string, clientAddress: string) => {
      const started = performance.now();
      const response = await post(app, "/forgot-password", { email }, { clientAddress });
      return { status: response.status, ms: performance.now() - started, text: await response.text() };
    };
    const known = [];
    const unknown = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time(owner.email, `192.0.2.${10 + i}`));
      unknown.push(await time(`nobody${i}@example.org`, `192.0.2.${20 + i}`));
    }
    const median = (runs: { ms: number }[]) => runs.map((run) => run.ms).sort((a, b) => a - b)[runs.length >> 1]!;
    expect(new Set([...known, ...unknown].map((run) => run.status))).toEqual(new Set([200]));
    expect(median(known)).toBeGreaterThanOrEqual(400);
    expect(median(unknown)).toBeGreaterThanOrEqual(400);
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(100);
  });

  test("pages carry a strict Content-Security-Policy with a fresh nonce on every inline script", async () => {
    const [first, second] = await Promise.all([fetch(`${app.url}/n/demo`), fetch(`${app.url}/n/demo`)]);
    const policy = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(policy)![1]!;
    expect(policy).toBe(
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; ` +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);
    // Over http there is no HSTS.
    expect(first.headers.get("strict-transport-security")).toBeNull();
  });
});
