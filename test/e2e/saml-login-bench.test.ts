/**
 * Real SAML logins in Debian Chromium between the bench's Keycloak-shaped IdP and the Sentry-grade SP (Debian's
 * python3-saml, configured as Sentry configures it). The good client logs in; each typical mistake fails with the
 * message the user would really see — from Sentry, or from Keycloak before Sentry is ever reached.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_USER, benchRealm, BROKEN_VARIANTS, goodSentryClient } from "../harness/idp/sentry-clients.js";
import { startIdpServer, type IdpServer } from "../harness/idp/server.js";
import { certificateBase64 } from "../harness/idp/sign.js";
import { requirePythonSaml, startSentrySp, type SentrySp } from "../harness/sp/index.js";
import { analyzeInput } from "../../src/core/analyze/analyze.js";
import { defaultVerifier } from "../../src/core/analyze/signatures.js";
import { certificatesFromPem } from "../../src/core/saml/signature/trusted-certificates.js";
import { requireBrowser, CHROMIUM, CHROMIUM_ARGS, ROOT } from "./support/browsers.js";

requireBrowser(CHROMIUM);
requirePythonSaml();

describe("SAML login: bench IdP → Sentry-grade SP, in Chromium", () => {
  let sp: SentrySp;
  let idp: IdpServer;
  let browser: Browser;
  // "logout-other-cert": a good client, but the SP holds another IdP certificate (as after a realm key rotation).
  const orgs = ["good", ...Object.keys(BROKEN_VARIANTS), "logout-other-cert"];
  const OTHER_CERTIFICATE = readFileSync(join(ROOT, "test/fixtures/saml/keys/other-cert.pem"), "utf8");
  const spCertificate = (org: string) => (org === "logout-other-cert" ? OTHER_CERTIFICATE : idp.certificatePem);

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
          x509cert: certificateBase64(spCertificate(org)),
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

  /** Sentry's LogoutRequest for this org sent to Keycloak; returns the SLS request Keycloak redirects the browser to. */
  async function logout(org: string, relayState = `logout-${org}`): Promise<string> {
    const xml =
      `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
      `ID="ONELOGIN_logout_${org}" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="${idp.realmUrl("acme")}/protocol/saml">` +
      `<saml:Issuer>${sp.entityId(org)}</saml:Issuer><saml:NameID>${BENCH_USER.email}</saml:NameID></samlp:LogoutRequest>`;
    const start = `${idp.realmUrl("acme")}/protocol/saml?${new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(xml)).toString("base64"), RelayState: relayState })}`;
    const context = await browser.newContext();
    const page = await context.newPage();
    const sls: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(sp.slsUrl(org))) sls.push(request.url());
    });
    await page.goto(start);
    await page.waitForLoadState("load");
    await context.close();
    return sls[0] ?? expect.fail(`the browser never reached ${sp.slsUrl(org)}`);
  }

  it("logout: Keycloak's LogoutResponse, signed in its query string, gets from the analysis the verdict Sentry's SLS gives it", async () => {
    // The third: a RelayState with its own query string. Keycloak returns it in the LogoutResponse with "?" unescaped
    // (Encode.encodeQueryParamAsIs) and signs that; python3-saml rebuilds the query with quote_plus ("%3F") and the
    // signature no longer matches, although the realm key signed it.
    const returnUrl = `${sp.urlPrefix}/organizations/good/issues/?query=is:unresolved`;
    for (const [org, verdict, relayState] of [
      ["good", "accept", undefined],
      ["logout-other-cert", "reject", undefined],
      ["good", "reject", returnUrl],
    ] as const) {
      const url = await logout(org, relayState);
      expect(new URL(url).searchParams.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
      if (relayState !== undefined) expect(new URL(url).search).toContain("%2Fissues%2F?query%3Dis%3Aunresolved");
      const errors = (await sp.results()).filter((result) => result.org === org && result.outcome === "logout").at(-1)?.errors ?? expect.fail("the SP recorded no logout");
      expect(errors).toEqual(verdict === "accept" ? [] : ["invalid_logout_response_signature", "Signature validation failed. Logout Response rejected"]);
      const trusted = certificatesFromPem(spCertificate(org));
      if (!trusted.ok) throw new Error(trusted.error.message);
      const profile = { spEntityId: sp.entityId(org), acsUrl: sp.acsUrl(org), slsUrl: sp.slsUrl(org), idpEntityId: idp.realmUrl("acme"), trustedCertificates: trusted.certificates, identifierAttribute: "user_email", emailAttribute: "user_email" };
      const analysis = await analyzeInput(url, { profile, now: new Date(), verify: defaultVerifier });
      if (!analysis.ok) throw new Error(analysis.error.message);
      const [message] = analysis.analysis.messages;
      expect(message).toMatchObject({ kind: "LogoutResponse", receiver: "sp", verdict, verdictComplete: true });
      if (verdict === "reject") expect(errors).toContain(message?.receiverMessage);
      const finding = message?.findings.find((candidate) => candidate.id === "signature.query-invalid");
      if (relayState !== undefined) expect(finding?.message).toContain("valid over the query as it was sent");
    }
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
