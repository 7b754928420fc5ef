import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startApp, type RunningApp } from "../support/app-server";

/**
 * Every route of the built app, and every form its pages show, is sent what an
 * attacker or a broken client would send: NUL, CR/LF, 100,000-character
 * values, malformed encodings and bodies, signed in as the owner and not at
 * all. Whatever the answer, it is never a 5xx.
 */

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
}

async function routePatterns(): Promise<string[]> {
  const build = (await import(path.resolve("build/server/index.js"))) as { routes: Record<string, ManifestRoute> };
  const fullPath = (id: string | undefined): string => {
    const route = id ? build.routes[id] : undefined;
    if (!route) return "";
    const parent = fullPath(route.parentId);
    return route.path ? `${parent.replace(/\/$/, "")}/${route.path}` : parent;
  };
  return [...new Set(Object.keys(build.routes).map((id) => fullPath(id) || "/"))];
}

const LONG = "a".repeat(100_000);
// Values for route parameters (a URL must fit in the 16 KB request head, so "long" is shorter here).
const paramValues = ["%00", "%0D%0A", "%E0%A4%A", "x".repeat(3000)];
const queryFuzz = (value: string) =>
  ["q", "page", "status", "when", "month", "day", "year", "template", "previewAs", "redirectTo", "saved", "reset", "rolled"]
    .map((name) => `${name}=${value}`)
    .join("&");

interface FoundForm {
  action: string;
  method: string;
  multipart: boolean;
  fixed: [string, string][];
  typed: string[];
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&amp;/g, "&");

function formsOf(html: string, pageUrl: string): FoundForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, open = "", inner = ""]) => {
    const fixed: [string, string][] = [];
    const typed: string[] = [];
    for (const [tag] of inner.matchAll(/<(input|textarea|select|button)\b[^>]*>/g)) {
      const name = attribute(tag, "name");
      if (!name) continue;
      const type = attribute(tag, "type") ?? "";
      if (tag.startsWith("<button") || ["hidden", "checkbox", "radio", "submit"].includes(type) || tag.startsWith("<select")) {
        fixed.push([name, attribute(tag, "value") ?? "on"]);
      } else typed.push(name);
    }
    return {
      action: new URL(attribute(open, "action") ?? pageUrl, pageUrl).pathname,
      method: (attribute(open, "method") ?? "get").toLowerCase(),
      multipart: (attribute(open, "enctype") ?? "").includes("multipart"),
      fixed,
      typed,
    };
  });
}

describe("every route and form, sent garbage", () => {
  let app: RunningApp;
  let ownerCookie: string;
  const failures: string[] = [];
  let requests = 0;

  async function send(url: string, init: RequestInit & { cookie?: string } = {}) {
    requests++;
    const headers = new Headers(init.headers);
    if (init.cookie) headers.set("Cookie", init.cookie);
    try {
      const response = await fetch(url.startsWith("http") ? url : `${app.url}${url}`, { ...init, headers, redirect: "manual" });
      const body = await response.text();
      if (response.status >= 500) failures.push(`${init.method ?? "GET"} ${url.slice(0, 200)} -> ${response.status} ${body.slice(0, 200)}`);
      return { status: response.status, body, location: response.headers.get("location") };
    } catch (error) {
      failures.push(`${init.method ?? "GET"} ${url.slice(0, 200)} -> ${(error as Error).message}`);
      return { status: 0, body: "", location: null };
    }
  }

  /** Runs the jobs a few at a time: the point is coverage, not load. */
  async function inTurns(jobs: (() => Promise<unknown>)[], width = 6) {
    let next = 0;
    await Promise.all(
      Array.from({ length: width }, async () => {
        while (next < jobs.length) await jobs[next++]!();
      }),
    );
  }

  beforeAll(async () => {
    app = await startApp();
    const signedIn = await fetch(`${app.url}/signin`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "owner@demo.example.org", password: "daymark-demo" }),
    });
    ownerCookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;
  });
  afterAll(() => app?.stop());

  test("no 5xx anywhere", async () => {
    const started = Date.now();
    const patterns = await routePatterns();
    expect(patterns.length).toBeGreaterThan(60);

    // Real pages first (so forms have real ids behind them): the owner's links from the network's pages.
    const pages = new Set<string>(["/", "/signin", "/forgot-password", "/n/demo", "/n/demo/dashboard"]);
    const forms = new Map<string, FoundForm>();
    for (let round = 0; round < 2; round++) {
      const found: string[] = [];
      await inTurns(
        [...pages].map((page) => async () => {
          const { body } = await send(page, { cookie: ownerCookie });
          for (const form of formsOf(body, `${app.url}${page}`)) forms.set(`${form.method} ${form.action} ${form.fixed.join()}`, form);
          for (const [, href = ""] of body.matchAll(/href="(\/[^"#]*)"/g)) {
            const link = href.replace(/&amp;/g, "&");
            if (!link.startsWith("/assets/") && !link.startsWith("/signout") && pages.size + found.length < 160) found.push(link);
          }
        }),
      );
      for (const link of found) pages.add(link);
    }
    expect(forms.size).toBeGreaterThan(30);

    const jobs: (() => Promise<unknown>)[] = [];
    const asBoth = (run: (cookie: string | undefined) => Promise<unknown>) => {
      jobs.push(
        () => run(undefined),
        () => run(ownerCookie),
      );
    };

    // Every route pattern with every parameter replaced by garbage, and garbage queries, by GET and POST.
    for (const pattern of patterns) {
      const urls = paramValues.map((value) => pattern.replace(/:[A-Za-z]+|\*/g, value));
      urls.push(pattern.replace(/:network/g, "demo").replace(/:[A-Za-z]+|\*/g, "%00"));
      urls.push(`${pattern.replace(/:network/g, "demo").replace(/:[A-Za-z]+|\*/g, "x")}?${queryFuzz("%00%0D%0A")}`);
      urls.push(`${pattern.replace(/:network/g, "demo").replace(/:[A-Za-z]+|\*/g, "x")}?${queryFuzz("9".repeat(1000))}`);
      urls.push(`${pattern.replace(/:network/g, "demo").replace(/:[A-Za-z]+|\*/g, "x")}?q=${LONG}`);
      for (const url of urls) {
        asBoth((cookie) => send(url, { cookie }));
        asBoth((cookie) =>
          send(url, { method: "POST", cookie, headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "%zz=%&&=a&b" }),
        );
      }
    }
    // Every real page's query, fuzzed.
    for (const page of pages) asBoth((cookie) => send(`${page}${page.includes("?") ? "&" : "?"}${queryFuzz("%0D%0A")}`, { cookie }));

    // Every form: its typed fields as 100,000 characters, as CR/LF, as NUL; then malformed bodies.
    for (const form of forms.values()) {
      if (form.action === "/signout") continue;
      const body = (value: string) => {
        const fields = [...form.fixed, ...form.typed.map((name): [string, string] => [name, value])];
        if (!form.multipart) return new URLSearchParams(fields);
        const data = new FormData();
        for (const [name, fieldValue] of fields) data.append(name, fieldValue);
        return data;
      };
      const method = form.method === "get" ? "GET" : "POST";
      for (const value of [LONG, "one\r\ntwo\rthree\n", "nul\u0000here"]) {
        if (method === "GET") {
          const query = new URLSearchParams(body(value) as URLSearchParams).toString().slice(0, 8000);
          asBoth((cookie) => send(`${form.action}?${query}`, { cookie }));
        } else asBoth((cookie) => send(form.action, { method, cookie, body: body(value) }));
      }
      if (method === "POST") {
        for (const [type, raw] of [
          ["multipart/form-data; boundary=nothing-like-this", "--wrong\r\nContent-Disposition: form-data\r\n\r\n"],
          ["multipart/form-data", "no boundary at all"],
          ["application/json", '{"intent": "delete"}'],
          ["application/x-www-form-urlencoded", `${form.fixed.map(([name]) => `${name}=%E0%A4%A`).join("&")}&%00=1`],
        ] as const) {
          asBoth((cookie) => send(form.action, { method, cookie, headers: { "Content-Type": type }, body: raw }));
        }
      }
    }

    await inTurns(jobs);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(2000);
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});
