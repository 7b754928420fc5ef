// `npm run screenshots`: pictures for the README, taken from the running demo
// so they stay current. Builds first if needed (`npm run build`), starts the
// built app on a scratch database with the demo seed, signs in as the demo
// owner and saves docs/screenshots/*.png.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser, signInAs } from "../tests/support/browser";
import { spawnBuiltApp } from "./lib/run-app";

interface Shot {
  file: string;
  signedIn: boolean;
  /** Opens the page to picture. */
  open(page: Page, url: string): Promise<void>;
}

async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
}

const shots: Shot[] = [
  { file: "calendar.png", signedIn: false, open: (page, url) => visit(page, `${url}/n/demo/events`) },
  {
    file: "campaign-plan.png",
    signedIn: true,
    // The demo plans the next World AIDS Day, whose year depends on the day it was seeded: follow the link.
    async open(page, url) {
      await visit(page, `${url}/n/demo/campaigns`);
      await page.getByRole("link", { name: /^World AIDS Day \d{4}$/ }).click();
      await page.waitForURL(/\/campaigns\/world-aids-day-\d{4}\/plan$/);
    },
  },
  {
    file: "mailing-composer.png",
    signedIn: true,
    // The composer edits a draft: start one as an organiser would.
    async open(page, url) {
      await visit(page, `${url}/n/demo/mailings`);
      await page.getByLabel("Name of the mailing").fill("World AIDS Day: join us");
      await page.getByRole("button", { name: "Create the mailing" }).click();
      await page.waitForURL(/\/mailings\/[0-9a-f-]{36}$/);
    },
  },
];

const root = path.resolve(import.meta.dirname, "..");
const output = path.join(root, "docs/screenshots");
const scratch = mkdtempSync(path.join(tmpdir(), "daymark-screenshots-"));
const app = await spawnBuiltApp({
  DATA_DIR: path.join(scratch, "data"),
  SESSION_SECRET: "screenshots-session-secret-long-enough-0123456789",
});
const browser = await launchBrowser();
try {
  mkdirSync(output, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
  const visitor = await context.newPage();
  const owner = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-GB" })).newPage();
  await signInAs(owner, app.url, "owner@demo.example.org");
  for (const shot of shots) {
    const page = shot.signedIn ? owner : visitor;
    await shot.open(page, app.url);
    await page.screenshot({ path: path.join(output, shot.file) });
    console.log(`docs/screenshots/${shot.file} ← ${page.url()}`);
  }
} finally {
  await browser.close();
  await app.stop();
  rmSync(scratch, { recursive: true, force: true });
}
