/**
 * Hostile values in the console are inert wherever SAML Lens shows them (Debian Chromium, the real console on the
 * harness): a SAML client whose name, description, Client ID, redirect URIs, SAML endpoint URLs, attribute values and
 * mapper names are markup, `javascript:` URLs and event handlers (added by a realm transform); security findings that
 * quote hostile redirect URIs and a hostile realm key id (the realm's IdP descriptor served here); markup typed into the
 * setup wizard and pasted as Sentry's SP metadata; a realm name with markup shown in the popup. Any handler that runs
 * sets `window.__pwned`; it must stay undefined, no Content Security Policy violation may occur, and the extension's
 * DOM (its shadow roots included) must hold no event-handler attribute, no `javascript:` URL and no script element.
 * (The panel's XSS tests are in panel.test.ts.)
 */
import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { JsonObject } from "../harness/backend/realm-store.js";
import { startHarness, type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, until } from "./support/browsers.js";
import { BROKEN_CLIENT, launchWithOverlay, openClient, overlaySettled, REFERENCE_CLIENT, type OverlayBrowser } from "./support/overlay.js";
import { descriptorRoute, fixtureSigningKeys } from "./support/realm-descriptor.js";

requireBrowser(CHROMIUM);

const HOSTILE_CLIENT = "0f6c2b1e-8d4a-4e57-9b3c-2a1d7e5f6c66";
const img = (tag: string) => `<img src=x onerror="window.__pwned='${tag}'">`;
const HOSTILE_CLIENT_ID = `javascript:window.__pwned='clientId'//${img("clientId")}`;

/** The broken client again, with markup and `javascript:` in every field SAML Lens may show. */
function withHostileClient(realm: JsonObject): JsonObject {
  if (realm.realm !== "acme" || !Array.isArray(realm.clients)) return realm;
  const broken = realm.clients.find((client) => typeof client === "object" && client !== null && !Array.isArray(client) && client.id === BROKEN_CLIENT);
  if (broken === undefined) throw new Error("the broken client is missing from the fixture");
  const hostile = JSON.parse(JSON.stringify(broken)) as Record<string, unknown>;
  const attributes = hostile.attributes as Record<string, unknown>;
  Object.assign(hostile, {
    id: HOSTILE_CLIENT,
    clientId: HOSTILE_CLIENT_ID,
    name: img("name"),
    description: `<script>window.__pwned='description'</script>${img("description")}`,
    redirectUris: ["javascript:window.__pwned='redirect'", img("redirect")],
    adminUrl: `"><svg onload="window.__pwned='admin-url'">`,
  });
  Object.assign(attributes, {
    saml_assertion_consumer_url_post: "javascript:window.__pwned='acs'",
    saml_single_logout_service_url_redirect: `"><svg onload="window.__pwned='slo'">`,
    saml_idp_initiated_sso_url_name: img("sso-name"),
    saml_name_id_format: img("name-id-format"),
    "saml.signature.algorithm": img("algorithm"),
  });
  const mappers = Array.isArray(hostile.protocolMappers) ? (hostile.protocolMappers as Record<string, unknown>[]) : [];
  for (const [index, mapper] of mappers.entries()) {
    mapper.name = img(`mapper-${index}`);
    const config = (mapper.config ?? {}) as Record<string, unknown>;
    config["attribute.name"] = img(`attribute-${index}`);
    config["friendly.name"] = `javascript:window.__pwned='friendly-${index}'`;
    mapper.config = config;
  }
  // A working Sentry client (its Sentry is told by its Client ID) whose security findings quote hostile values.
  const reference = realm.clients.find((client) => typeof client === "object" && client !== null && !Array.isArray(client) && client.id === REFERENCE_CLIENT);
  if (reference === undefined) throw new Error("the reference client is missing from the fixture");
  const insecure = JSON.parse(JSON.stringify(reference).replaceAll("acme-ok", "acme-insecure")) as Record<string, unknown>;
  Object.assign(insecure, { id: INSECURE_CLIENT, redirectUris: HOSTILE_REDIRECTS });
  // First, so that it is on the first page of the console's clients list.
  return { ...realm, clients: [hostile as JsonObject, insecure as JsonObject, ...realm.clients] };
}

const INSECURE_CLIENT = "0f6c2b1e-8d4a-4e57-9b3c-2a1d7e5f6c67";
/** A wildcard, plain http to another host and a wildcard in the host, each carrying markup. */
const HOSTILE_REDIRECTS = [`"><img src=x onerror="window.__pwned='wildcard'">*`, `http://evil.test/"><svg onload="window.__pwned='http'">`, `https://sentry.acme.test"><img src=x onerror="window.__pwned='host'">*`];
/** The realm's signing key id, as its IdP descriptor names it (KeyName), quoted by the realm-key finding. */
const HOSTILE_KID = `" onfocus="window.__pwned='kid'" autofocus="`;
const weakKey = fixtureSigningKeys().get("weak-1024");
if (weakKey === undefined) throw new Error("realm-keys.json has no weak-1024 key");

const HOSTILE_SP_METADATA = `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sentry.acme.test/saml/metadata/acme-ok/&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned='sp-entity'&quot;&gt;">
  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:NameIDFormat>${img("sp-nameid").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</md:NameIDFormat>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="javascript:window.__pwned='sp-acs'" index="0"/>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://sentry.acme.test/saml/sls/acme-ok/&quot;&gt;&lt;svg onload=&quot;window.__pwned='sp-sls'&quot;&gt;"/>
  </md:SPSSODescriptor>
</md:EntityDescriptor>`;

/** Counts CSP violations in the page's own world from the first script on. */
const VIOLATIONS = `(() => {
  const violations = [];
  Object.defineProperty(window, "__violations", { value: violations });
  document.addEventListener("securitypolicyviolation", (event) => violations.push(event.violatedDirective + " " + event.blockedURI), true);
})();`;

interface Hazard {
  where: string;
  what: string;
}

/** Event-handler attributes, `javascript:` URLs and active elements in SAML Lens's own DOM (and its open shadow roots). */
function extensionHazards(page: Page): Promise<Hazard[]> {
  return page.evaluate(() => {
    const hazards: { where: string; what: string }[] = [];
    const hosts = [...document.querySelectorAll("[data-saml-lens]")];
    const visit = (root: Element | ShadowRoot, where: string) => {
      for (const element of root.querySelectorAll("*")) {
        const tag = element.tagName.toLowerCase();
        if (["script", "iframe", "object", "embed", "base", "meta"].includes(tag)) hazards.push({ where, what: `<${tag}>` });
        for (const attribute of element.getAttributeNames()) {
          const value = element.getAttribute(attribute) ?? "";
          if (attribute.startsWith("on")) hazards.push({ where, what: `${tag}[${attribute}]` });
          if (["href", "src", "action", "formaction", "xlink:href", "data"].includes(attribute) && /^\s*(javascript|data|vbscript):/i.test(value)) hazards.push({ where, what: `${tag}[${attribute}=${value}]` });
        }
        if (element.shadowRoot !== null) visit(element.shadowRoot, `${where} > ${tag} (shadow)`);
      }
    };
    for (const host of hosts) {
      const where = host.getAttribute("data-saml-lens") ?? "?";
      visit(host, where);
      if (host.shadowRoot !== null) visit(host.shadowRoot, `${where} (shadow)`);
    }
    return hazards;
  });
}

/** All the text SAML Lens shows, shadow roots included (to prove the hostile values were rendered, as text). */
function extensionText(page: Page): Promise<string> {
  return page.evaluate(() => [...document.querySelectorAll("[data-saml-lens]")].map((host) => `${host.shadowRoot?.textContent ?? ""} ${host.textContent ?? ""}`).join("\n"));
}

describe("Chromium: hostile values are inert in the overlay, the wizard and the popup", () => {
  let harness: Harness;
  let browser: OverlayBrowser;
  let page: Page;
  let refused: string[];

  const pwned = () => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);
  const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
  const watchRefusals = (target: Page, into: string[]) =>
    target.on("console", (message: ConsoleMessage) => {
      if (/Content Security Policy|Refused to (execute|load|evaluate)/i.test(message.text())) into.push(message.text());
    });

  async function expectInert(): Promise<void> {
    expect(await pwned()).toBeUndefined();
    expect(await violations()).toEqual([]);
    expect(refused).toEqual([]);
    expect(await extensionHazards(page)).toEqual([]);
  }

  /** Opens every badge's popover, so every finding's details are rendered. */
  async function openEveryBadge(): Promise<number> {
    const badges = page.locator('[data-saml-lens="badge"] button.badge');
    const count = await badges.count();
    for (let index = 0; index < count; index++) {
      await badges.nth(index).focus();
      await page.keyboard.press("Enter");
      await page.keyboard.press("Escape");
    }
    return count;
  }

  beforeAll(async () => {
    harness = await startHarness({ locale: "en", realmTransform: withHostileClient, extraRoutes: () => [descriptorRoute([{ kid: HOSTILE_KID, certificate: weakKey.certificate }])] });
    browser = await launchWithOverlay();
    await browser.context.addInitScript(VIOLATIONS);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    harness.reset();
    await page?.close();
    page = await browser.context.newPage();
    refused = [];
    watchRefusals(page, refused);
  });

  it("control: the same markup made live in an element of ours sets the sentinel and is reported", async () => {
    await page.goto(`${harness.url}/admin/master/console/`);
    await page.evaluate((markup) => {
      const host = document.createElement("div");
      host.setAttribute("data-saml-lens", "control");
      host.innerHTML = `${markup}<a href="javascript:void 0">x</a>`;
      document.body.append(host);
    }, img("control"));
    await until(async () => (await pwned()) === "control", "the control's handler");
    expect((await extensionHazards(page)).map((hazard) => hazard.what)).toEqual(["img[onerror]", "a[href=javascript:void 0]"]);
  });

  it("overlay: the preset form, the summary and every badge show the hostile client's values as text", async () => {
    await openClient(page, harness, HOSTILE_CLIENT, "settings");
    await until(async () => (await page.locator('[data-saml-lens="summary"]').getAttribute("data-state")) === "choose-preset", "the preset form");
    await expectInert();
    const form = page.locator('[data-saml-lens="summary"] form');
    await form.locator('input[name="urlPrefix"]').fill("https://sentry.acme.test");
    await form.locator('input[name="orgSlug"]').fill("acme-ok");
    await form.locator('button[type="submit"]').click();
    await until(async () => (await page.locator('[data-saml-lens="badge"][data-field="clientId"]').getAttribute("data-state")) === "error", "the Client ID badge");
    const toggle = page.locator('[data-saml-lens="summary"] button.toggle');
    if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
    expect(await openEveryBadge()).toBeGreaterThan(3);
    // Shown, as text: the Client ID's own markup is part of what the user reads.
    expect(await extensionText(page)).toContain(HOSTILE_CLIENT_ID);
    await expectInert();

    for (const tab of ["keys", "advanced", "clientScopes"]) {
      await page.goto(harness.consoleUrl("acme", `clients/${HOSTILE_CLIENT}/${tab}`));
      await page.locator('[data-saml-lens="summary"]').waitFor();
      await overlaySettled(page);
      await openEveryBadge();
      await expectInert();
    }
  });

  it("overlay: security findings quoting hostile redirect URIs and a hostile realm key id are text, on the card and the badges", async () => {
    await openClient(page, harness, INSECURE_CLIENT, "settings");
    await until(async () => (await page.locator('[data-saml-lens="badge"][data-field="security:redirectUris"]').getAttribute("data-state")) === "error", "the security badge");
    const group = page.locator('[data-saml-lens="summary"] details[aria-label="Security"]');
    await until(async () => (await group.locator('li[data-finding="security.realm-key-size"]').count()) === 1, "the realm key finding");
    for (const id of ["security.redirect-wildcard", "security.http-url", "security.redirect-wildcard-host"]) expect(await group.locator(`li[data-finding="${id}"]`).count()).toBe(1);
    expect(await openEveryBadge()).toBeGreaterThan(3);
    const text = await extensionText(page);
    for (const value of [...HOSTILE_REDIRECTS, HOSTILE_KID]) expect(text).toContain(value);
    await expectInert();
  });

  it("overlay on the clients list: the marker of the hostile client stays inert", async () => {
    await page.goto(harness.consoleUrl("acme", "clients"));
    // The Sentry chosen for it in the test above makes it checkable, so it gets a marker naming it.
    const marker = page.locator(`[data-saml-lens="list-marker"][data-client="${HOSTILE_CLIENT}"]`);
    await marker.waitFor({ state: "attached" });
    expect(await marker.locator("button").getAttribute("aria-label")).toContain(HOSTILE_CLIENT_ID);
    await expectInert();
  });

  it("wizard: markup typed as the Sentry URL and slug, and hostile SP metadata pasted, are inert", async () => {
    await page.goto(harness.consoleUrl("acme", "clients"));
    const start = page.locator('[data-saml-lens="wizard-start"] button');
    await start.waitFor({ state: "visible" });
    await start.click();
    const panel = page.locator('[data-saml-lens="wizard"]');
    await until(async () => (await panel.getAttribute("data-step")) === "where", "the wizard's first step");
    await panel.locator('input[name="urlPrefix"]').fill("javascript:window.__pwned='url'//<img src=x onerror=\"window.__pwned='url-img'\">");
    await panel.locator('input[name="orgSlug"]').fill(img("slug"));
    await panel.locator('[data-action="next"]').click();
    await panel.locator("#error-urlPrefix").waitFor();
    expect(await panel.getAttribute("data-step")).toBe("where");
    await expectInert();

    await panel.locator('input[value="sp-metadata"]').check();
    await panel.locator('textarea[name="spMetadata"]').fill(HOSTILE_SP_METADATA);
    await panel.locator('[data-action="next"]').click();
    // Refused with a message, or taken as Sentry's values: either way, shown as text only.
    await until(async () => (await panel.getAttribute("data-step")) !== "where" || (await panel.locator("#error-spMetadata").count()) > 0, "the wizard's answer to the metadata");
    // The card has rendered that answer and is idle (nothing more of it to come).
    await until(async () => (await panel.getAttribute("aria-busy")) === "false", "the wizard idle");
    await expectInert();
  });

  it("wizard: the checks step for the hostile client is inert", async () => {
    await page.goto(harness.consoleUrl("acme", "clients"));
    await page.locator('[data-saml-lens="chip"]').waitFor({ state: "attached" });
    const worker = browser.context.serviceWorkers()[0];
    if (worker === undefined) throw new Error("no service worker");
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${harness.url}/admin/*`);
    await worker.evaluate(
      async ([key, progress]) => chrome.storage.session.set({ wizardProgress: { [key]: progress } }),
      [`${tabId} ${harness.url} acme`, { step: "checks", kind: "sentry-self-hosted", urlPrefix: "https://sentry.acme.test", orgSlug: "acme-ok", clientUuid: HOSTILE_CLIENT }] as const,
    );
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html?tabId=${tabId}`);
    expect(await popup.evaluate((id) => chrome.runtime.sendMessage({ type: "wizard.start-in-tab", payload: { tabId: id } }), tabId)).toMatchObject({ ok: true, value: { started: true } });
    await popup.close();
    const panel = page.locator('[data-saml-lens="wizard"]');
    await until(async () => (await panel.getAttribute("data-step")) === "checks", "the wizard's checks step");
    await page.goto(harness.consoleUrl("acme", `clients/${HOSTILE_CLIENT}/settings`));
    await until(async () => (await page.locator('[data-saml-lens="badge"][data-field="clientId"]').count()) > 0, "the overlay with the wizard");
    await overlaySettled(page);
    await expectInert();
  });

  it("popup: a realm name with markup in the console's address is shown as text", async () => {
    const realm = `<img src=x onerror="window.__pwned='realm'">`;
    await page.goto(`${harness.url}/admin/master/console/#/${encodeURIComponent(realm)}/clients`);
    const worker = browser.context.serviceWorkers()[0];
    if (worker === undefined) throw new Error("no service worker");
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${harness.url}/admin/*`);
    const popup = await browser.context.newPage();
    const popupRefused: string[] = [];
    watchRefusals(popup, popupRefused);
    await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html?tabId=${tabId}`);
    await until(async () => (await popup.getByTestId("site-status").innerText()).includes("Enabled on"), "the popup");
    // The realm's name has been rendered (as text): what the popup does with it is there to judge.
    const text = await until(async () => {
      const shown = await popup.locator("main").innerText();
      return shown.includes("onerror") ? shown : undefined;
    }, "the realm's name in the popup");
    expect(text).toContain("onerror");
    expect(await popup.locator("main img, main script, main [onerror]").count()).toBe(0);
    expect(await popup.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(popupRefused).toEqual([]);
    await popup.close();
    await expectInert();
  });
});
