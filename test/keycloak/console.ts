/** The real server's admin console, logged in as the bootstrap admin (as `npm start -- --keycloak` and the tests do). */
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import * as z from "zod";
import { until } from "../e2e/support/browsers.js";
import { launchWithOverlay, watchErrors, type OverlayBrowser } from "../e2e/support/overlay.js";
import { KeycloakAdmin, type JsonRecord } from "./admin.js";
import { REALM, testRealm } from "./realm.js";
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

/**
 * The lifecycle the real-console test files share, per server: the test realm imported, one client created, Chromium
 * with the overlay logged in to the server's console; the browser closed after. Use inside `describe`, after the
 * server's `keycloakReady`.
 */
export function useConsoleWithClient(server: { readonly url: string }, client: () => JsonRecord): { readonly admin: KeycloakAdmin; readonly session: () => ConsoleSession; readonly uuid: () => string } {
  const admin = new KeycloakAdmin(server.url, ADMIN_USERNAME, ADMIN_PASSWORD);
  let session: ConsoleSession | undefined;
  let uuid: string | undefined;
  beforeAll(async () => {
    await admin.importRealm(testRealm());
    uuid = await admin.createClient(REALM, client());
    session = await openConsoleWithOverlay(server.url);
  });
  afterAll(async () => {
    await session?.browser.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is not ready: use it inside a test.`);
    return value;
  };
  return { admin, session: () => ready(session, "console session"), uuid: () => ready(uuid, "client") };
}

/** Adds an active 1024-bit RSA signing key to a realm (the test realm by default), ahead of its default one. */
export async function addWeakRealmKey(admin: KeycloakAdmin, realmName = REALM): Promise<void> {
  const realm = z.object({ id: z.string() }).parse(await admin.call("GET", `/${realmName}`));
  await admin.call("POST", `/${realmName}/components`, {
    name: "rsa-1024",
    providerId: "rsa-generated",
    providerType: "org.keycloak.keys.KeyProvider",
    parentId: realm.id,
    config: { priority: ["200"], keySize: ["1024"], active: ["true"], enabled: ["true"] },
  });
}
