import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoNetworkSlug } from "~db/seed/demo";
import { startApp, type RunningApp } from "../support/app-server";
import { createTestDatabase, primaryDriver, type TestDatabase } from "../support/database";
import { startTcpProxy } from "../support/tcp-proxy";

// Only a database server can go away; the embedded one lives in the app's own process.
describe.skipIf(primaryDriver() !== "postgres")("while PostgreSQL cannot be reached", () => {
  let database: TestDatabase;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let app: RunningApp;
  const page = () => fetch(`${app.url}/n/${demoNetworkSlug}`, { headers: { "Accept-Language": "fr" } });

  beforeAll(async () => {
    database = await createTestDatabase("postgres", { empty: true });
    const direct = new URL(database.url!);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    app = await startApp({ DATABASE_URL: proxied.toString() });
  });
  afterAll(async () => {
    await app?.stop();
    await proxy?.stop();
    await database?.drop();
  });

  test("pages, data requests, feeds and the health check answer 503 with Retry-After, and all come back with the database", async () => {
    const warmFeed = `${app.url}/n/${demoNetworkSlug}/calendar.ics`;
    expect((await fetch(warmFeed)).status).toBe(200);
    expect((await page()).status).toBe(200);

    await proxy.cut();

    const down = await page();
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("30");
    expect(down.headers.get("cache-control")).toBe("no-store");
    const body = await down.text();
    expect(body).toContain("<h1>Daymark est momentanément indisponible</h1>");
    expect(body).not.toContain("<script");

    // A client-side navigation asks for the next page's data (Remix's single fetch).
    const data = await fetch(`${app.url}/n/${demoNetworkSlug}/events.data`);
    expect([data.status, data.headers.get("retry-after")]).toEqual([503, "30"]);

    const coldFeed = await fetch(`${app.url}/n/${demoNetworkSlug}/days/world-aids-day/calendar.ics`);
    expect([coldFeed.status, coldFeed.headers.get("retry-after")]).toEqual([503, "30"]);
    const health = await fetch(`${app.url}/healthz`);
    expect([health.status, health.headers.get("retry-after")]).toEqual([503, "30"]);

    // A built feed is not served either: without the database's notifications it could be out of date.
    const warm = await fetch(warmFeed);
    expect([warm.status, warm.headers.get("retry-after")]).toEqual([503, "30"]);
    expect(await warm.text()).toBe("The calendar is briefly unavailable.\n");

    await proxy.restore();
    let back = await page();
    for (let attempt = 0; back.status !== 200 && attempt < 20; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      back = await page();
    }
    expect(back.status).toBe(200);
    expect((await fetch(`${app.url}/n/${demoNetworkSlug}/days/world-aids-day/calendar.ics`)).status).toBe(200);
    expect((await fetch(warmFeed)).status).toBe(200);
  });
});
