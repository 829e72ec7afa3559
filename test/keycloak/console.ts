/** The real server's admin console, logged in as the bootstrap admin (as `npm start -- --keycloak` and the tests do). */
import type { Page } from "playwright-core";
import { until } from "../e2e/support/browsers.js";
import { launchWithOverlay, watchErrors, type OverlayBrowser } from "../e2e/support/overlay.js";
import { REALM } from "./realm.js";
import { ADMIN_PASSWORD, ADMIN_USERNAME } from "./server.js";

export async function logInToConsole(page: Page, keycloakUrl: string): Promise<void> {
  await page.goto(`${keycloakUrl}/admin/master/console/`);
  await page.locator("#username").fill(ADMIN_USERNAME);
  await page.locator("#password").fill(ADMIN_PASSWORD);
  await page.locator("#kc-login").click();
  await page.waitForURL((url) => url.pathname.startsWith("/admin/master/console"), { timeout: 30_000 });
}

export interface ConsoleSession {
  readonly browser: OverlayBrowser;
  readonly page: Page;
  /** The page's errors so far (`extensionErrors` picks the extension's). */
  readonly errors: string[];
}

/** Chromium with the overlay, one page logged in to the server's console. */
export async function openConsoleWithOverlay(keycloakUrl: string): Promise<ConsoleSession> {
  const browser = await launchWithOverlay();
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await logInToConsole(page, keycloakUrl);
  return { browser, page, errors };
}

/** A client's tab in the test realm, once the overlay's summary card is on it. */
export async function openClientTab(page: Page, keycloakUrl: string, uuid: string, tab: string): Promise<void> {
  await page.goto(`${keycloakUrl}/admin/master/console/#/${REALM}/clients/${uuid}/${tab}`);
  await until(async () => (await page.locator('[data-saml-lens="summary"]').count()) === 1, "the summary card", 30_000);
}
