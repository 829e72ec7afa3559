/**
 * The wizard's steps 5 and 6 for an organization the bench's Sentry has never heard of, in Chromium: step 5's link
 * opens Sentry's own auth settings page; there the user does what step 5 says (Configure SAML2, the Metadata URL, the
 * attribute mapping, Sentry's test login at the IdP), and step 6's test login is then answered by Sentry's validator
 * (python3-saml). What Sentry answered is read from the bench's Sentry itself (its /__sp/results).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { newClientForPreset } from "../../src/core/client-check/new-client.js";
import { sentrySelfHostedPreset } from "../../src/core/presets/sentry-self-hosted.js";
import { DEMO_USER, startBench, type Bench } from "../harness/bench.js";
import type { SpResult } from "../harness/sp/index.js";
import { CHROMIUM, requireBrowser, until } from "./support/browsers.js";
import { extensionErrors, launchWithOverlay, watchErrors, type OverlayBrowser } from "./support/overlay.js";
import { putWizardProgress, shownAttribute, wizardPanel, type WizardPanel } from "./support/wizard.js";

requireBrowser(CHROMIUM);

const REALM = "empty";
const MAPPING_FAILED = "Failed to map SAML attributes. Assertion returned the following attribute keys:";

describe("wizard steps 5–6 with the bench's Sentry settings page, for a new organization", () => {
  let bench: Bench;
  let browser: OverlayBrowser;
  let page: Page;
  let wizard: WizardPanel;
  let errors: string[];

  beforeAll(async () => {
    bench = await startBench({ locale: "en" });
    browser = await launchWithOverlay();
  });
  afterAll(async () => {
    await browser?.close();
    await bench?.close();
  });
  beforeEach(async () => {
    await page?.close();
    page = await browser.context.newPage();
    wizard = wizardPanel(page);
    errors = watchErrors(page);
    return () => expect(extensionErrors(errors)).toEqual([]);
  });

  /**
   * An organization the bench's Sentry has not seen, named after `base`: a new one for each attempt, so that a retry
   * (after a timeout on a loaded machine) does not find the previous attempt's client and SSO set-up.
   */
  let attempts = 0;
  const newOrg = (base: string) => `${base}-${++attempts}`;

  /** A client for `org` in the realm, as steps 2–4 leave it, and the wizard put at step 5 for it. */
  async function atStep5(org: string): Promise<void> {
    const preset = sentrySelfHostedPreset({ urlPrefix: bench.sp.urlPrefix, orgSlug: org });
    if (!preset.ok) throw new Error(preset.error.message);
    const created = await fetch(`${bench.harness.url}/admin/realms/${REALM}/clients`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(newClientForPreset(preset.preset)) });
    expect(created.status).toBe(201);
    const uuid = (created.headers.get("location") ?? "").split("/").pop() ?? "";
    await page.goto(bench.harness.consoleUrl(REALM, "realm-settings"));
    await page.locator('[data-saml-lens="chip"]').waitFor({ state: "attached" });
    await putWizardProgress(browser.context, page, bench.harness.url, REALM, { step: "sentry", kind: "sentry-self-hosted", urlPrefix: bench.sp.urlPrefix, orgSlug: org, clientUuid: uuid });
    await page.goto(bench.harness.consoleUrl(REALM, `clients/${uuid}/settings`));
    await page.reload();
    await until(async () => (await wizard.step()) === "sentry", "step 5");
  }

  /** A value step 5 shows, by its label. */
  const shown = async (label: string): Promise<string> => (await wizard.panel.locator(`dt:text-is("${label}") + dd code`).textContent()) ?? "";

  /** Step 5's link, in the new tab it opens: Sentry's auth settings page. */
  async function openSentrySettings(org: string): Promise<Page> {
    const opened = browser.context.waitForEvent("page");
    await wizard.panel.getByRole("link", { name: "Open the organization's auth settings in Sentry" }).click();
    const sentry = await opened;
    await sentry.waitForLoadState();
    expect(sentry.url()).toBe(bench.sp.settingsUrl(org));
    return sentry;
  }

  /** What step 5 says to do in Sentry: Configure SAML2, Get metadata from the URL, Save Attributes, Sentry's test login. */
  async function setUpSaml2(sentry: Page, metadataUrl: string, identifier: string, userEmail: string): Promise<SpResult | undefined> {
    await sentry.getByRole("button", { name: "Configure" }).click();
    await sentry.getByLabel("Metadata URL").fill(metadataUrl);
    await sentry.getByRole("button", { name: "Get metadata" }).click();
    await sentry.getByRole("heading", { name: "Map Identity Provider Attributes" }).waitFor();
    await sentry.getByLabel("IdP User ID").fill(identifier);
    await sentry.getByLabel("User Email").fill(userEmail);
    const before = (await bench.sp.results()).length;
    await sentry.getByRole("button", { name: "Save Attributes" }).click();
    // Sentry saves nothing before a login through the IdP has mapped.
    await sentry.waitForURL(`${bench.harness.url}/realms/${REALM}/protocol/saml**`);
    await sentry.locator("#username").fill(DEMO_USER.username);
    await sentry.locator("#password").fill(DEMO_USER.password);
    await sentry.locator("#kc-login").click();
    await sentry.waitForURL((url) => url.origin === new URL(bench.sp.urlPrefix).origin);
    return until(async () => (await bench.sp.results()).slice(before).find((result) => result.flow === "setup"), "Sentry's answer to its test login");
  }

  /** Step 6's "Log in from Keycloak": Sentry's answer to the Response the user's login posts. */
  async function testLogin(org: string): Promise<SpResult> {
    await wizard.action("next").click();
    await until(async () => (await wizard.step()) === "login", "step 6");
    const before = (await bench.sp.results()).length;
    const opened = browser.context.waitForEvent("page");
    await wizard.action("login-keycloak").click();
    const login = await opened;
    await login.waitForURL(`${bench.harness.url}/realms/${REALM}/protocol/saml/clients/${org}**`);
    await login.locator("#username").fill(DEMO_USER.username);
    await login.locator("#password").fill(DEMO_USER.password);
    await login.locator("#kc-login").click();
    const result = await until(async () => (await bench.sp.results()).slice(before).at(-1), `Sentry's answer for ${org}`);
    await login.close();
    return result;
  }

  it("the values step 5 shows, entered on Sentry's page, set up the org, and step 6's login is accepted", async () => {
    const org = newOrg("wizard-new");
    await atStep5(org);
    const metadataUrl = await shown("Metadata URL");
    expect(metadataUrl).toBe(`${bench.harness.url}/realms/${REALM}/protocol/saml/descriptor`);
    const sentry = await openSentrySettings(org);
    expect(await sentry.getByText("Choose a provider").count()).toBe(1);

    const setup = await setUpSaml2(sentry, metadataUrl, await shown("IdP User ID"), await shown("User Email"));
    expect(setup).toMatchObject({ outcome: "sso-configured", org });
    await sentry.getByText("SSO has been configured for your organization").waitFor();
    expect(await sentry.getByLabel("Entity ID").inputValue()).toBe(`${bench.harness.url}/realms/${REALM}`);

    const login = await testLogin(org);
    expect(login).toMatchObject({ outcome: "logged-in", org, identity: { email: expect.stringContaining("@") as unknown } });
    const verdict = wizard.panel.locator(".login-result");
    await until(async () => (await shownAttribute(verdict, "data-state")) === "verdict", "the wizard's verdict", 20_000);
    expect(await verdict.getAttribute("data-verdict")).toBe("accept");
    expect(await verdict.textContent()).toContain("Accepted");
    await sentry.close();
    await wizard.action("cancel").click();
    // Two logins through the IdP, a metadata fetch and python3-saml's answers: 9 s on a quiet machine; a CI machine
    // starting Keycloak servers beside it has taken over 120 s.
  }, 240_000);

  it("an IdP User ID other than the one step 5 recommends: Sentry answers that it failed to map the attributes", async () => {
    const org = newOrg("wizard-remap");
    await atStep5(org);
    const metadataUrl = await shown("Metadata URL");
    const userEmail = await shown("User Email");
    expect(await shown("IdP User ID")).not.toBe("username");
    const sentry = await openSentrySettings(org);

    // At setup, Sentry's own test login fails to map, and the org is left without SAML SSO.
    const failed = await setUpSaml2(sentry, metadataUrl, "username", userEmail);
    expect(failed).toMatchObject({ outcome: "mapping-failed", flow: "setup", org });
    expect(failed?.message).toContain(MAPPING_FAILED);
    await sentry.getByText(`Authentication error: ${MAPPING_FAILED}`).waitFor();
    expect(sentry.url()).toBe(bench.sp.settingsUrl(org));

    // Set up as recommended, then the IdP User ID changed on Sentry's page, which saves it without a test login.
    expect(await setUpSaml2(sentry, metadataUrl, await shown("IdP User ID"), userEmail)).toMatchObject({ outcome: "sso-configured", org });
    await sentry.getByLabel("IdP User ID").fill("username");
    const saved = sentry.waitForResponse((response) => response.request().method() === "POST" && response.url() === `${bench.sp.urlPrefix}/organizations/${org}/auth/configure/`);
    await sentry.getByRole("button", { name: "Save Settings" }).click();
    expect((await saved).status()).toBe(200);

    const login = await testLogin(org);
    expect(login).toMatchObject({ outcome: "mapping-failed", org });
    expect(login.flow).toBeUndefined();
    expect(login.message).toContain(MAPPING_FAILED);
    await sentry.close();
    await wizard.action("cancel").click();
  }, 240_000);
});
