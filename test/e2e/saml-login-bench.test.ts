/**
 * Real SAML logins in Debian Chromium between the bench's Keycloak-shaped IdP and the Sentry-grade SP (Debian's
 * python3-saml, configured as Sentry configures it). The good client logs in; each typical mistake fails with the
 * message the user would really see — from Sentry, or from Keycloak before Sentry is ever reached.
 */
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_USER, benchRealm, BROKEN_VARIANTS, goodSentryClient } from "../harness/idp/sentry-clients.js";
import { startIdpServer, type IdpServer } from "../harness/idp/server.js";
import { certificateBase64 } from "../harness/idp/sign.js";
import { pythonSamlAvailable, startSentrySp, type SentrySp } from "../harness/sp/index.js";
import { browserAvailable, CHROMIUM, CHROMIUM_ARGS } from "./support/browsers.js";

const available = browserAvailable(CHROMIUM) && (pythonSamlAvailable() || Boolean(process.env.CI));

describe.skipIf(!available)("SAML login: bench IdP → Sentry-grade SP, in Chromium", () => {
  let sp: SentrySp;
  let idp: IdpServer;
  let browser: Browser;
  const orgs = ["good", ...Object.keys(BROKEN_VARIANTS)];

  beforeAll(async () => {
    sp = await startSentrySp();
    const clients = orgs.map((org) => {
      const base = goodSentryClient(sp.urlPrefix, org);
      return org === "good" ? base : (BROKEN_VARIANTS[org] ?? ((client) => client))(base);
    });
    idp = await startIdpServer(() => [benchRealm(clients)]);
    for (const org of orgs) {
      await sp.configureOrg(org, {
        idp: {
          entity_id: idp.realmUrl("acme"),
          x509cert: certificateBase64(idp.certificatePem),
          sso_url: `${idp.realmUrl("acme")}/protocol/saml`,
          slo_url: `${idp.realmUrl("acme")}/protocol/saml`,
        },
        // The seed guide's mapping: both "IdP User ID" and "User Email" read `user_email`.
        attribute_mapping: { identifier: "user_email", user_email: "user_email" },
      });
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await idp?.close();
    await sp?.close();
  });

  async function signIn(page: Page): Promise<void> {
    await page.locator("#username").fill(BENCH_USER.username);
    await page.locator("#password").fill(BENCH_USER.password);
    await page.locator("#kc-login").click();
  }

  /** Runs a login in a fresh browser context; returns what the user reads at the end. */
  async function login(start: string, expectForm = true): Promise<{ text: string; status: number | undefined; url: string }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    let lastStatus: number | undefined;
    page.on("response", (response) => {
      if (response.request().isNavigationRequest()) lastStatus = response.status();
    });
    await page.goto(start);
    if (expectForm && (await page.locator("#kc-form-login").count()) === 1) {
      await Promise.all([page.waitForURL((url) => url.origin === new URL(sp.urlPrefix).origin, { timeout: 15_000 }), signIn(page)]);
      await page.waitForLoadState("load");
    }
    const text = await page.locator("body").innerText();
    const url = page.url();
    await context.close();
    return { text, status: lastStatus, url };
  }

  const spInitiated = (org: string) => login(sp.loginUrl(org));
  const idpInitiated = (org: string) => login(`${idp.realmUrl("acme")}/protocol/saml/clients/${org}`);

  it("logs the user in with the good client, SP-initiated and IdP-initiated", async () => {
    expect((await spInitiated("good")).text).toContain(`Logged in as ${BENCH_USER.email}`);
    expect((await idpInitiated("good")).text).toContain(`Logged in as ${BENCH_USER.email}`);
    const results = (await sp.results()).filter((result) => result.org === "good");
    expect(results.map((result) => result.outcome)).toEqual(["logged-in", "logged-in"]);
    expect(results[0]?.attributes).toEqual({ user_email: [BENCH_USER.email] });
  });

  it("no signing: Sentry rejects the unsigned response", async () => {
    const { text } = await spInitiated("no-signing");
    expect(text).toContain("SAML SSO failed, No Signature found. SAML Response rejected");
  });

  it("encryption on: Sentry cannot decrypt and fails with a server error", async () => {
    const { text, status } = await spInitiated("encryption-on");
    expect(status).toBe(500);
    expect(text).toContain("Internal Server Error");
    const last = (await sp.results()).at(-1);
    expect(last?.error).toMatch(/No private key available to decrypt the assertion/);
  });

  it("client signature required: Keycloak refuses Sentry's unsigned request", async () => {
    const { text, url } = await login(sp.loginUrl("client-signature-required"), false);
    expect(url.startsWith(idp.origin)).toBe(true);
    expect(text).toContain("Invalid requester");
    expect(idp.events.some((event) => event.error === "invalid_signature" && event.detail === "SigAlg was null")).toBe(true);
  });

  it("e-mail under its OID name: Sentry cannot map the attributes", async () => {
    const { text } = await spInitiated("email-oid-name");
    expect(text).toContain("Failed to map SAML attributes. Assertion returned the following attribute keys: 'urn:oid:1.2.840.113549.1.9.1'");
  });

  it("role_list without Single Role Attribute: repeated Role attributes crash Sentry's validator", async () => {
    const { status } = await spInitiated("role-list-duplicates");
    expect(status).toBe(500);
    expect((await sp.results()).at(-1)?.error).toMatch(/Found an Attribute element with duplicated Name/);
  });

  it("client ID without its trailing slash: Keycloak does not know Sentry's request issuer", async () => {
    const { text } = await login(sp.loginUrl("client-id-no-trailing-slash"), false);
    expect(text).toContain("Invalid Request");
    expect(idp.events.some((event) => event.error === "client_not_found" && event.clientId === sp.entityId("client-id-no-trailing-slash"))).toBe(true);
    // IdP-initiated, the same client gets as far as Sentry, which refuses the audience.
    const idpStarted = await idpInitiated("client-id-no-trailing-slash");
    expect(idpStarted.text).toMatch(/SAML SSO failed, .*is not a valid audience for this Response/);
  });
});
