import { chromium, type Browser, type Page } from "playwright-core";

/**
 * Debian's chromium, headless. The flags stop it from reaching for the network
 * at start, which this machine does not allow.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Signs in through the form, as a person would, and waits for the dashboard the app opens. */
/** Until React has hydrated the page (when it runs scripts): Remix's router is up and the browser has been idle once since. */
export async function settled(page: Page) {
  // Without JavaScript the page's inline context script never ran, and nothing will hydrate.
  if (!(await page.evaluate(() => "__remixContext" in window))) return;
  await page.waitForFunction(() => "__remixRouter" in window);
  await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve)));
}

export async function signInAs(page: Page, appUrl: string, email: string, password = "daymark-demo") {
  await page.goto(`${appUrl}/signin`);
  // As a person would, once the page is up: a post that leaves while React hydrates makes it log error #345.
  await settled(page);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard$/);
}

/**
 * Every console error and uncaught exception of the page from now on (React's
 * hydration errors among them), each after the path it happened on, in a list
 * the test can read, add to and empty.
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  const where = () => new URL(page.url()).pathname;
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${where()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`${where()}: ${error.message}`));
  return errors;
}
