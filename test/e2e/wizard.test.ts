/**
 * "Set up Sentry SSO" on the real console (harness, English UI, Debian Chromium): started from the realm's Clients
 * list, it validates the Sentry input inline, fills the console's Import client page, and after the user's own Save
 * the backend holds a client that passes check-client with the same preset. Cancel leaves the backend untouched;
 * a reload resumes at the same step.
 */
import type { Locator, Page } from "playwright-core";
import type { Browser } from "puppeteer-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as z from "zod";
import { checkClient } from "../../src/core/client-check/check-client.js";
import { clientSchema, clientScopeSchema } from "../../src/core/client-check/input.js";
import { sentrySelfHostedPreset } from "../../src/core/presets/sentry-self-hosted.js";
import type { Preset } from "../../src/core/presets/schema.js";
import { startHarness, type Harness, type LogEntry } from "../harness/index.js";
import { CHROMIUM, FIREFOX, FIREFOX_UUID, browserAvailable, launchFirefoxWithExtension, tempProfile, until } from "./support/browsers.js";
import { extensionErrors, launchWithOverlay, watchErrors, type OverlayBrowser } from "./support/overlay.js";

const SENTRY_URL = "https://sentry.wizard.test";
const ORG = "wizard-org";
const CLIENT_ID = `${SENTRY_URL}/saml/metadata/${ORG}/`;

function preset(): Preset {
  const result = sentrySelfHostedPreset({ urlPrefix: SENTRY_URL, orgSlug: ORG });
  if (!result.ok) throw new Error(result.error.message);
  return result.preset;
}

const writes = (harness: Harness): LogEntry[] => harness.log().filter((entry) => entry.method === "POST" || entry.method === "PUT" || entry.method === "DELETE");

describe.skipIf(!browserAvailable(CHROMIUM))("Set up Sentry SSO wizard on the real console", () => {
  let harness: Harness;
  let browser: OverlayBrowser;
  let page: Page;
  let errors: string[];
  const panel = () => page.locator('[data-saml-lens="wizard"]');
  /** The panel's text lives in its shadow root. */
  const panelText = async () => (await panel().locator(".card").textContent()) ?? "";
  const step = () => panel().getAttribute("data-step");
  const action = (name: string): Locator => panel().locator(`[data-action="${name}"]`);

  beforeAll(async () => {
    harness = await startHarness({ locale: "en" });
    browser = await launchWithOverlay();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    harness.reset();
    await page?.close();
    page = await browser.context.newPage();
    errors = watchErrors(page);
    return () => expect(extensionErrors(errors)).toEqual([]);
  });

  async function startFromClientsList(): Promise<void> {
    await page.goto(harness.consoleUrl("acme", "clients"));
    const start = page.locator('[data-saml-lens="wizard-start"] button');
    await start.waitFor({ state: "visible" });
    await start.click();
    await until(async () => (await step()) === "where", "the wizard's first step");
  }

  async function enterWhere(url: string, org: string): Promise<void> {
    await panel().locator('input[name="urlPrefix"]').fill(url);
    await panel().locator('input[name="orgSlug"]').fill(org);
    await action("next").click();
  }

  it("validates the input inline, fills Import client, and the user's Save stores a client that passes check-client", async () => {
    await startFromClientsList();
    expect(await panel().locator("h2").evaluate((heading) => heading.matches(":focus"))).toBe(true);

    // Keyboard only: from the focused heading, Tab reaches the kind, then the URL and the slug; Enter submits.
    // Errors are shown at the field they belong to, and nothing moves on.
    await page.keyboard.press("Tab");
    expect(await panel().locator('input[value="sentry-self-hosted"]').evaluate((input) => input.matches(":focus"))).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.type("sentry.wizard.test");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Wizard Org");
    await page.keyboard.press("Enter");
    const urlError = panel().locator("#error-urlPrefix");
    await urlError.waitFor();
    expect(await urlError.textContent()).toContain("https://");
    expect(await panel().locator('input[name="urlPrefix"]').getAttribute("aria-invalid")).toBe("true");
    expect(await step()).toBe("where");
    await enterWhere(`${SENTRY_URL}/`, "Wizard Org");
    await panel().locator("#error-orgSlug").waitFor();
    expect(await panel().locator("#error-orgSlug").textContent()).toContain("spaces");

    // Harmless slips are corrected and said.
    await enterWhere(`${SENTRY_URL}/`, "Wizard-Org");
    await until(async () => (await step()) === "import", "the import step");
    expect(await panelText()).toContain(CLIENT_ID);
    expect(await panelText()).toContain("ends with a slash");

    // A reload midway resumes at the same step.
    await page.reload();
    await until(async () => (await panel().count()) === 1 && (await step()) === "import", "the import step after a reload");

    await action("open-import").click();
    await until(() => page.evaluate(() => location.hash.endsWith("/clients/import-client")), "the Import client page");
    await action("fill-import").click();
    await until(async () => (await page.locator('[data-testid="clientId"]').inputValue()) === CLIENT_ID, "the console's form showing the client");
    expect(writes(harness)).toEqual([]);
    expect(await panelText()).toContain('Leave "Encrypt assertions" and "Client signature required" as they are');

    // The panel folds away from the form and comes back.
    await action("toggle").click();
    expect(await action("toggle").getAttribute("aria-expanded")).toBe("false");
    expect(await action("fill-import").count()).toBe(0);
    await action("toggle").click();
    expect(await action("fill-import").count()).toBe(1);

    // The user presses the console's Save.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    const post = await until(async () => harness.log().find((entry) => entry.method === "POST" && entry.path.replace(/\/$/, "") === "/admin/realms/acme/clients"), "the POST of the new client");
    expect(post.status).toBe(201);
    // The import form's own "Client signature required" / "Encrypt assertions" switches took the file's values.
    expect(post.body).toMatchObject({
      clientId: CLIENT_ID,
      protocol: "saml",
      attributes: { saml_assertion_consumer_url_post: `${SENTRY_URL}/saml/acs/${ORG}/`, "saml.client.signature": "false", "saml.encrypt": "false" },
    });

    // What the backend stored, read the way the overlay reads it: the client, its default scopes, the realm's scopes.
    const admin = async <T>(path: string): Promise<T> => (await (await fetch(`${harness.url}/admin/realms/acme/${path}`)).json()) as T;
    const stored = await admin<Array<Record<string, unknown>>>(`clients?clientId=${encodeURIComponent(CLIENT_ID)}`);
    expect(stored).toHaveLength(1);
    const client = clientSchema.parse(stored[0]);
    const defaultScopes = await admin<Array<{ name: string }>>(`clients/${String(client.id)}/default-client-scopes`);
    const scopes = z.array(clientScopeSchema).parse(await admin<unknown>("client-scopes"));
    const checked = checkClient(
      { kind: "client-export", realm: "acme", client: { ...client, defaultClientScopes: defaultScopes.map((scope) => scope.name) }, rawClient: stored[0] ?? {}, clientScopes: scopes },
      preset(),
    );
    const problems = checked.findings.filter((finding) => finding.severity === "error" || finding.severity === "warning");

    // The console lands on the new client; the wizard hands over to the overlay's checks and counts what is left.
    await until(async () => (await step()) === "checks", "the checks step");
    const remaining = panel().locator("[data-remaining]");
    await remaining.waitFor();
    expect(problems.map((finding) => finding.id)).toEqual([]);
    // On the Settings tab the console has not fetched the realm's scopes, so the overlay cannot yet tell whether role_list
    // repeats the Role attribute: exactly that one finding is left, and the wizard counts it.
    const summaryFindings = () => page.locator('[data-saml-lens="summary"] li').evaluateAll((items) => items.map((item) => item.getAttribute("data-finding")));
    await until(async () => (await remaining.getAttribute("data-remaining")) === "1", "one finding left on the Settings tab");
    await expect.poll(summaryFindings).toEqual(["mapper.duplicate-attribute-name"]);
    // Once the console shows the client's scopes, the overlay sees that role_list is not assigned.
    await page.locator('[data-testid="clientScopesTab"]').click();
    await until(async () => (await remaining.getAttribute("data-remaining")) === "0", "no findings left in the wizard");
    await expect.poll(summaryFindings).toEqual([]);
    expect(await panelText()).toContain("ready for Sentry");

    await action("next").click();
    await until(async () => (await step()) === "sentry", "the Sentry side step");
    const text = await panelText();
    expect(text).toContain(`${harness.url}/realms/acme/protocol/saml/descriptor`);
    expect(text).toContain('SENTRY_FEATURES["auth:register"] = False');
    expect(text).toContain("added to the organization");
    expect(await panel().locator('[data-action="copy-metadata-url"]').getAttribute("aria-label")).toBe("Copy Metadata URL");
    await action("finish").click();
    await until(async () => (await panel().count()) === 0, "the panel closing");
  });

  it("Cancel midway leaves the backend untouched and closes the wizard for good", async () => {
    await startFromClientsList();
    await enterWhere(SENTRY_URL, ORG);
    await until(async () => (await step()) === "import", "the import step");
    await action("open-import").click();
    await action("fill-import").click();
    await until(async () => (await page.locator('[data-testid="clientId"]').inputValue()) === CLIENT_ID, "the console's form showing the client");
    await action("cancel").click();
    await until(async () => (await panel().count()) === 0, "the panel closing");
    expect(writes(harness)).toEqual([]);
    await page.reload();
    await page.locator('[data-testid="clientId"]').waitFor();
    expect(await panel().count()).toBe(0);
    expect(writes(harness)).toEqual([]);
  });
});

describe.skipIf(!browserAvailable(FIREFOX))("Firefox ESR: the wizard's import path", () => {
  let harness: Harness;
  let profile: { dir: string; remove: () => Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    harness = await startHarness({ locale: "en" });
    profile = await tempProfile("wizard-firefox");
    browser = await launchFirefoxWithExtension(profile.dir);
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await profile?.remove();
  });

  it("fills Import client from the content script, and the user's Save creates the client", async () => {
    const options = await browser.newPage();
    void options.goto(`moz-extension://${FIREFOX_UUID}/options.html`).catch(() => undefined);
    await until(() => options.evaluate(() => document.readyState === "complete" && location.protocol === "moz-extension:"), "the options page");
    await options.evaluate(() =>
      (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ type: "origins.enable", payload: { pattern: "http://127.0.0.1/*" } }),
    );
    const page = await browser.newPage();
    await page.goto(harness.consoleUrl("acme", "clients"));
    // The panel lives in open shadow roots; the page's own script reaches them as a user's clicks would.
    const inShadow = (host: string, selector: string, act: "click" | "exists", value?: string) =>
      page.evaluate(
        (host, selector, act, value) => {
          const element = document.querySelector(`[data-saml-lens="${host}"]`)?.shadowRoot?.querySelector<HTMLElement>(selector);
          if (element == null) return false;
          if (value !== undefined && element instanceof HTMLInputElement) element.value = value;
          if (act === "click") element.click();
          return true;
        },
        host,
        selector,
        act,
        value,
      );
    await until(() => inShadow("wizard-start", "button", "click"), "the start button", 20_000);
    await until(() => inShadow("wizard", 'input[name="urlPrefix"]', "exists", SENTRY_URL), "the Where step");
    await inShadow("wizard", 'input[name="orgSlug"]', "exists", ORG);
    await inShadow("wizard", '[data-action="next"]', "click");
    await until(() => inShadow("wizard", '[data-action="open-import"]', "click"), "the import step");
    await until(() => inShadow("wizard", '[data-action="fill-import"]', "click"), "the Import client page");
    await until(() => page.evaluate((id) => document.querySelector<HTMLInputElement>('[data-testid="clientId"]')?.value === id, CLIENT_ID), "the console's form showing the client");
    expect(writes(harness)).toEqual([]);
    await page.evaluate(() => Array.from(document.querySelectorAll<HTMLButtonElement>('button[type="submit"]')).find((button) => button.textContent?.trim() === "Save")?.click());
    const post = await until(async () => harness.log().find((entry) => entry.method === "POST" && entry.path.replace(/\/$/, "") === "/admin/realms/acme/clients"), "the POST of the new client", 20_000);
    expect(post.body).toMatchObject({ clientId: CLIENT_ID, protocol: "saml" });
    await until(() => page.evaluate(() => document.querySelector('[data-saml-lens="wizard"]')?.getAttribute("data-step") === "checks"), "the checks step", 20_000);
    await Promise.all([page.close(), options.close()]);
  });
});
