/** A user's SP-initiated login through the bench, in a tab of its own, as the recorder tests drive it. */
import type { BrowserContext } from "playwright-core";
import { DEMO_USER, type Bench } from "../../harness/bench.js";

/** Opens Sentry's login for `org`, signs in at Keycloak as the demo user, and closes the tab once Sentry has answered. */
export async function benchLogin(context: BrowserContext, bench: Bench, org = "acme-ok"): Promise<void> {
  const page = await context.newPage();
  await page.goto(bench.sp.loginUrl(org));
  await page.locator("#username").fill(DEMO_USER.username);
  await page.locator("#password").fill(DEMO_USER.password);
  await Promise.all([page.waitForURL((url) => url.href.startsWith(bench.sp.urlPrefix)), page.locator("#kc-login").click()]);
  await page.close();
}
