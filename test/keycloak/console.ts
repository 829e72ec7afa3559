/** The real server's admin console, logged in as the bootstrap admin (as `npm start -- --keycloak` and the tests do). */
import type { Page } from "playwright-core";
import { ADMIN_PASSWORD, ADMIN_USERNAME } from "./server.js";

export async function logInToConsole(page: Page, keycloakUrl: string): Promise<void> {
  await page.goto(`${keycloakUrl}/admin/master/console/`);
  await page.locator("#username").fill(ADMIN_USERNAME);
  await page.locator("#password").fill(ADMIN_PASSWORD);
  await page.locator("#kc-login").click();
  await page.waitForURL((url) => url.pathname.startsWith("/admin/master/console"), { timeout: 30_000 });
}
