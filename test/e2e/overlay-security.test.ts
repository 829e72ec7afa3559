/**
 * The overlay's Security group on the real console (harness, Debian Chromium): a Sentry client that works but whose
 * Valid redirect URIs is "*" shows its security findings apart from Sentry fit (the verdict stays "Ready for Sentry",
 * the Clients list gives it no marker), with badges of their own on the fields; the badge's Fix (and Fix all) write
 * exactly Sentry's ACS URL through the console's form, and after the user's Save Client signature required Off reads
 * as accepted. The realm's signing certificates come from its IdP descriptor on the console's origin (a route here,
 * serving the fixture's 1024-bit key).
 */
import type { Page } from "playwright-core";
import { beforeEach, describe, expect, it } from "vitest";
import type { JsonObject } from "../harness/backend/realm-store.js";
import type { Harness } from "../harness/index.js";
import { CHROMIUM, requireBrowser, until } from "./support/browsers.js";
import { badgeSelector, badgeState, clientPuts, openClient, overlaySettled, REFERENCE_CLIENT, SHA1_CLIENT, summaryState, useOverlayConsole, waitForBadge } from "./support/overlay.js";
import { descriptorRoute, fixtureSigningKeys } from "./support/realm-descriptor.js";

requireBrowser(CHROMIUM);

const WILDCARD_CLIENT = "0f6c2b1e-8d4a-4e57-9b3c-2a1d7e5f6c77";
const ACS = "https://sentry.acme.test/saml/acs/acme-wild/";
const REDIRECT = "security:redirectUris";

/** The working reference client again, for another org, with Valid redirect URIs "*" (the seed guide's setting) and a published guide's prefix wildcard. */
function withWildcardClient(realm: JsonObject): JsonObject {
  if (realm.realm !== "acme" || !Array.isArray(realm.clients)) return realm;
  const reference = realm.clients.find((client) => typeof client === "object" && client !== null && !Array.isArray(client) && client.id === REFERENCE_CLIENT);
  if (reference === undefined) throw new Error("the reference client is missing from the fixture");
  const wild = JSON.parse(JSON.stringify(reference).replaceAll("acme-ok", "acme-wild")) as Record<string, unknown>;
  Object.assign(wild, { id: WILDCARD_CLIENT, redirectUris: ["*", "https://sentry.acme.test/*"] });
  return { ...realm, clients: [wild as JsonObject, ...realm.clients] };
}

const weakKey = fixtureSigningKeys().get("weak-1024");
if (weakKey === undefined) throw new Error("realm-keys.json has no weak-1024 key");

const security = (page: Page) => page.locator('[data-saml-lens="summary"] details[aria-label="Security"]');
const securityItem = (page: Page, id: string) => security(page).locator(`li[data-finding="${id}"]`);

describe("overlay: security beside Sentry fit", () => {
  const bench = useOverlayConsole({ locale: "en", realmTransform: withWildcardClient, extraRoutes: () => [descriptorRoute([weakKey])] });
  let harness: Harness;
  let page: Page;
  beforeEach(() => {
    ({ harness, page } = bench);
  });

  /** The Sentry verdict as the card shows it: its state, its counts and the fit findings listed. */
  async function verdict(): Promise<unknown> {
    const card = page.locator('[data-saml-lens="summary"]');
    await overlaySettled(page);
    return {
      state: await summaryState(page),
      counts: await card.locator(".counts").textContent(),
      findings: await card.locator('ul[aria-label="Findings"] li').evaluateAll((items) => items.map((item) => item.getAttribute("data-finding"))),
    };
  }

  it("shows the wildcard in a Security group and on a Security badge, never in the Sentry verdict", async () => {
    // The same client with exact redirect URIs: its Sentry verdict is what the wildcard client's must be.
    await openClient(page, harness, REFERENCE_CLIENT, "settings");
    await waitForBadge(page, "redirectUris", "ok");
    const reference = await verdict();
    expect(await page.locator(badgeSelector(REDIRECT)).count()).toBe(0);

    await openClient(page, harness, WILDCARD_CLIENT, "settings");
    await waitForBadge(page, REDIRECT, "error");
    // The field's Sentry-fit badge says nothing is wrong for Sentry: "*" lets Sentry's ACS URL through.
    expect(await badgeState(page, "redirectUris")).toBe("ok");
    expect(await verdict()).toEqual(reference);

    const badge = page.locator(badgeSelector(REDIRECT)).locator("button.badge");
    expect((await badge.textContent())?.trim()).toBe("Security");
    expect(await badge.getAttribute("aria-label")).toMatch(/^SAML Lens security error: Valid redirect URIs\. Valid redirect URIs holds "\*", "https:\/\/sentry\.acme\.test\/\*"/);
    expect(await page.locator('[data-saml-lens="summary"] ul[aria-label="Findings"] li[data-finding^="security."]').count()).toBe(0);

    const wildcard = securityItem(page, "security.redirect-wildcard");
    expect(await wildcard.locator("a").getAttribute("href")).toMatch(/^https:\/\//);
    expect(await wildcard.textContent()).toContain("posts the user's signed assertion to any URL");
    // Client signature required Off is what Sentry needs, but its compensating control (exact redirect URIs) is missing.
    expect(await securityItem(page, "security.client-signature").getAttribute("data-accepted")).toBe("false");
    expect(await securityItem(page, "security.client-signature").textContent()).toContain("Not accepted: Keep Client signature required Off");
    expect(await securityItem(page, "security.encryption").getAttribute("data-accepted")).toBe("true");
    expect(await securityItem(page, "security.encryption").textContent()).toContain("Accepted: Encrypt assertions Off: Sentry has no SP key");

    // The realm's 1024-bit signing key, from the descriptor the console's origin serves.
    await until(async () => (await securityItem(page, "security.realm-key-size").count()) === 1, "the realm key finding");
    expect(await securityItem(page, "security.realm-key-size").textContent()).toContain("weak-1024 (RS256) is RSA 1024 bits");
  });

  it("the badge's Fix writes exactly Sentry's ACS URL; after Save, Client signature required Off reads as accepted", async () => {
    await openClient(page, harness, WILDCARD_CLIENT, "settings");
    await waitForBadge(page, REDIRECT, "error");
    // As a keyboard user: the badge, Enter, Enter on Fix. The badge goes away with the finding it fixed.
    await page.locator(badgeSelector(REDIRECT)).locator("button.badge").focus();
    await page.keyboard.press("Enter");
    const fix = page.locator(badgeSelector(REDIRECT)).locator('[data-action="fix"]');
    await until(async () => (await fix.evaluate((button) => button.matches(":focus"))) || undefined, "focus on Fix");
    await page.keyboard.press("Enter");
    await until(async () => (await page.locator(badgeSelector(REDIRECT)).count()) === 0, "the security badge gone");
    expect(await page.locator('[name^="redirectUris."]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual([ACS]);
    expect(clientPuts(harness, WILDCARD_CLIENT)).toEqual([]);

    await page.locator('[data-testid="settings-save"]').click();
    const body = await until(async () => clientPuts(harness, WILDCARD_CLIENT)[0], "the PUT of the Save");
    expect(body.redirectUris).toEqual([ACS]);
    await until(async () => (await securityItem(page, "security.client-signature").getAttribute("data-accepted")) === "true", "client signature accepted");
    expect(await securityItem(page, "security.client-signature").textContent()).toContain("Sentry does not sign AuthnRequests; compensated by exact Valid redirect URIs");
    expect(await securityItem(page, "security.redirect-wildcard").count()).toBe(0);

    // On the Keys tab the accepted finding has its own badge beside the fit badge, and says why it stays.
    await openClient(page, harness, WILDCARD_CLIENT, "keys");
    const field = "security:attributes.saml.client.signature";
    await until(async () => (await page.locator(badgeSelector(field)).count()) === 1, "the Keys tab's security badge");
    expect(await badgeState(page, "attributes.saml.client.signature")).toBe("ok");
    const keysBadge = page.locator(badgeSelector(field));
    await keysBadge.locator("button.badge").click();
    expect(await keysBadge.locator(".popover").textContent()).toContain("Accepted: Client signature required Off");
    expect(await keysBadge.locator('[data-action="fix"]').count()).toBe(0);
  });

  it("Fix all on this tab includes the security fix", async () => {
    await openClient(page, harness, WILDCARD_CLIENT, "settings");
    await waitForBadge(page, REDIRECT, "error");
    const fixAll = page.locator('[data-saml-lens="summary"] [data-action="fix-all"]');
    expect(await fixAll.textContent()).toBe("Fix all on this tab (1)");
    await fixAll.click();
    await until(async () => (await page.locator(badgeSelector(REDIRECT)).count()) === 0, "the security badge gone");
    expect(await page.locator('[name^="redirectUris."]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value))).toEqual([ACS]);
    // What is left of the client's own is what Sentry forbids fixing, each accepted (the realm's key is the realm's).
    await until(async () => (await securityItem(page, "security.client-signature").getAttribute("data-accepted")) === "true", "client signature accepted");
    const left = await security(page).locator('li:not([data-accepted="true"])').evaluateAll((items) => items.map((item) => item.getAttribute("data-finding")));
    expect(left).toEqual(["security.realm-key-size"]);
  });

  it("RSA_SHA1: Fix all on this tab, with a fit and a security finding writing the same select, clears both; the Save stores RSA_SHA256", async () => {
    await openClient(page, harness, SHA1_CLIENT, "settings");
    const algorithm = "attributes.saml.signature.algorithm";
    await waitForBadge(page, `security:${algorithm}`, "warning");
    await waitForBadge(page, algorithm, "warning");
    await page.locator('[data-saml-lens="summary"] [data-action="fix-all"]').click();
    await until(async () => (await page.locator(badgeSelector(`security:${algorithm}`)).count()) === 0, "the security badge gone");
    await waitForBadge(page, algorithm, "ok");
    await page.locator('[data-testid="settings-save"]').click();
    const body = await until(async () => clientPuts(harness, SHA1_CLIENT)[0], "the PUT of the Save");
    expect((body.attributes as Record<string, unknown>)["saml.signature.algorithm"]).toBe("RSA_SHA256");
  });

  it("the Clients list gives the client no marker: security never makes it look broken", async () => {
    await page.goto(harness.consoleUrl("acme", "clients"));
    await page.locator('a:has-text("acme-wild")').first().waitFor();
    // The markers of one pass appear together: the broken clients' markers mean this client was judged too.
    await until(async () => (await page.locator('[data-saml-lens="list-marker"]').count()) > 0, "the list's markers");
    expect(await page.locator(`[data-saml-lens="list-marker"][data-client="${WILDCARD_CLIENT}"]`).count()).toBe(0);
  });
});
