import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { demoNetworkSlug } from "~db/seed/demo";
import { startApp, type RunningApp } from "../support/app-server";

interface Outcome {
  sentAt: number;
  endedAt: number;
  status?: number;
  error?: string;
}

function get(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode!));
        res.once("error", reject);
      })
      .once("error", reject);
  });
}

describe("SIGTERM during a burst over keep-alive connections", () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  test("every request that had arrived is answered, none with a 5xx or a reset", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    const page = `${app.url}/n/${demoNetworkSlug}`;
    expect(await get(page, agent)).toBe(200);
    const outcomes: Outcome[] = [];
    let stopped = false;
    const clients = Array.from({ length: 10 }, async () => {
      while (!stopped) {
        const sentAt = performance.now();
        try {
          const status = await get(page, agent);
          outcomes.push({ sentAt, endedAt: performance.now(), status });
        } catch (error) {
          outcomes.push({ sentAt, endedAt: performance.now(), error: (error as NodeJS.ErrnoException).code });
          // The listener is closed: this client is done.
          if ((error as NodeJS.ErrnoException).code === "ECONNREFUSED") return;
        }
      }
    });
    await expect.poll(() => outcomes.length, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(50);
    const killedAt = performance.now();
    await app.stop();
    stopped = true;
    await Promise.all(clients);
    agent.destroy();

    const before = outcomes.filter((outcome) => outcome.sentAt < killedAt);
    expect(before.filter((outcome) => outcome.status !== 200)).toEqual([]);
    // Some were still running when the signal came: they were finished, not cut.
    expect(before.some((outcome) => outcome.endedAt > killedAt)).toBe(true);
    const after = outcomes.filter((outcome) => outcome.sentAt >= killedAt);
    expect(after.filter((outcome) => outcome.status !== 200 && outcome.error !== "ECONNREFUSED")).toEqual([]);
    expect(app.output()).toContain("SIGTERM received, finishing the requests in flight");
    expect(app.output()).not.toMatch(/destroyed|Error/);
  });
});
