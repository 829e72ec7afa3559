/**
 * Privacy: the extension sends nothing anywhere by itself. Debian Chromium with the test build on the demo bench,
 * driven through the user's journeys — enable the console's site in the popup, the overlay on client pages, the setup
 * wizard's last step, a recorded login exported as HAR (and its IdP metadata fetched from a typed URL), a HAR imported into the panel page and exported again — while every request of
 * every target is recorded over CDP and attributed by initiator (test/e2e/support/network-audit.ts). Any network
 * request by the extension's service worker, pages, content script or page-world script fails the test unless the
 * user asked for it. A second test proves the attribution: a request planted in each extension context is caught,
 * and the console's own calls through the page-world `fetch` wrapper are not blamed on the extension.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type ElementHandle, type Page, type WebWorker } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USER, startBench, type Bench } from "../harness/bench.js";
import { requirePythonSaml } from "../harness/sp/index.js";
import { requireBrowser, CHROME_BUILD, CHROMIUM, CHROMIUM_ARGS, ROOT, tempProfile, until } from "./support/browsers.js";
import { describeRequest, isNetwork, NetworkAudit, type ObservedRequest } from "./support/network-audit.js";
import { BROKEN_CLIENT, SENTRY_CLIENT } from "./support/overlay.js";

requireBrowser(CHROMIUM);
requirePythonSaml();

/**
 * Requests the user asked for: the IdP metadata URL typed into the Signature tab's "Fetch from URL", exactly, from the
 * extension page where it was typed. Nothing else the extension does may reach the network.
 */
const userRequested = (typedUrl: string) => (request: ObservedRequest) => request.owner === "extension page" && request.method === "GET" && request.url === typedUrl;
/**
 * The realm's public IdP descriptor, read from the console's own origin by the console tab's content script (no
 * cookies): the overlay's realm-key checks read its signing certificates, and the setup wizard shows the XML the user
 * pastes into Sentry. Nothing else the content script does may reach the network.
 */
const realmDescriptor = (descriptorUrl: string) => (request: ObservedRequest) => request.owner === "content script" && request.method === "GET" && request.url === descriptorUrl;

const SESSION_HAR = join(ROOT, "test/fixtures/panel/session.har");

describe("Chromium: the extension makes no network request of its own", () => {
  let bench: Bench;
  let browser: Browser;
  let profile: { dir: string; remove: () => Promise<void> };
  let downloads: string;
  let extensionId: string;
  let worker: WebWorker;
  let audit: NetworkAudit;

  const extensionPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    await page.bringToFront();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  const text = (page: Page, testId: string) => page.$eval(`[data-testid="${testId}"]`, (element) => (element as HTMLElement).innerText).catch(() => "");
  const waitForText = (page: Page, testId: string, expected: string) => until(async () => (await text(page, testId)).includes(expected), `"${expected}" in ${testId}`, 20_000);

  /** Clicks Export and returns the file the browser saved. */
  async function exportHar(page: Page): Promise<string> {
    const before = new Set(await readdir(downloads));
    // A background tab does not render, and a click there never completes.
    await page.bringToFront();
    await page.click('[data-testid="export"]');
    // Chromium may show the file under its final name before its content is written: wait for the whole JSON.
    return until(async () => {
      const name = (await readdir(downloads)).find((file) => !before.has(file) && !file.endsWith(".crdownload"));
      if (name === undefined) return undefined;
      const text = readFileSync(join(downloads, name), "utf8");
      try {
        JSON.parse(text);
        return text;
      } catch {
        return undefined;
      }
    }, "the exported HAR");
  }

  beforeAll(async () => {
    bench = await startBench();
    profile = await tempProfile("privacy");
    downloads = await mkdtemp(join(tmpdir(), "saml-lens-privacy-downloads-"));
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      headless: true,
      pipe: true,
      userDataDir: profile.dir,
      enableExtensions: [CHROME_BUILD],
      args: CHROMIUM_ARGS,
    });
    const serviceWorker = await browser.waitForTarget((target) => target.type() === "service_worker" && target.url().startsWith("chrome-extension://"));
    extensionId = new URL(serviceWorker.url()).host;
    const found = await serviceWorker.worker();
    if (found === null) throw new Error("no service worker");
    worker = found;
    audit = await NetworkAudit.start(browser, extensionId);
    const cdp = await browser.target().createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });
  });

  afterAll(async () => {
    await audit?.stop();
    await browser?.close();
    await bench?.close();
    await profile?.remove();
    if (downloads !== undefined) await rm(downloads, { recursive: true, force: true });
  });

  it("sends nothing unasked in the user's journeys: popup, overlay, wizard, recorder + export + metadata URL, panel import + export", async () => {
    // The popup enables the console's site.
    const consoleTab = await browser.newPage();
    await consoleTab.goto(bench.harness.consoleUrl("acme", "clients"));
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${bench.harness.url}/admin/*`);
    const popup = await extensionPage(`popup.html?tabId=${tabId}`);
    await waitForText(popup, "site-status", "Not enabled on http://127.0.0.1");
    await popup.click('[data-testid="enable-site"]');
    await waitForText(popup, "site-status", "Enabled on http://127.0.0.1");
    await popup.close();

    // The overlay on a good client, and on a broken one: Fix all on its Advanced tab, then the console's Save.
    await consoleTab.goto(bench.harness.consoleUrl("acme", `clients/${SENTRY_CLIENT}/settings`));
    await consoleTab.reload();
    await until(async () => (await consoleTab.$('[data-saml-lens="badge"][data-field="clientId"][data-state="ok"]')) !== null, "the overlay's badges", 20_000);
    await consoleTab.goto(bench.harness.consoleUrl("acme", `clients/${BROKEN_CLIENT}/advanced`));
    // The card lives in a shadow root: `>>>` is puppeteer's way through it.
    const fixAll = '[data-saml-lens="summary"] >>> [data-action="fix-all"]';
    await until(async () => (await consoleTab.$(fixAll)) !== null, "Fix all on the Advanced tab", 20_000);
    await consoleTab.click(fixAll);
    await until(async () => (await consoleTab.$('[data-saml-lens="badge"][data-field="attributes.saml_assertion_consumer_url_post"][data-state="ok"]')) !== null, "the fixed field");
    await consoleTab.click('[data-testid="fineGrainSave"]');
    await until(async () => bench.harness.log().some((entry) => entry.method === "PUT" && entry.path === `/admin/realms/acme/clients/${BROKEN_CLIENT}`), "the console to save the fixed client");

    // The setup wizard, resumed at its last step, shows the realm's descriptor that it read from the console's origin.
    await worker.evaluate(
      async (key, progress) => chrome.storage.session.set({ wizardProgress: { [key]: progress } }),
      `${tabId} ${bench.harness.url} acme`,
      { step: "sentry", kind: "sentry-self-hosted", urlPrefix: bench.sp.urlPrefix, orgSlug: "acme-ok", clientUuid: SENTRY_CLIENT },
    );
    await consoleTab.goto(bench.harness.consoleUrl("acme", "clients"));
    await consoleTab.reload();
    await until(async () => (await consoleTab.$('[data-saml-lens="chip"]')) !== null, "the chip");
    const wizardPopup = await extensionPage(`popup.html?tabId=${tabId}`);
    const started = await wizardPopup.evaluate((id) => chrome.runtime.sendMessage({ type: "wizard.start-in-tab", payload: { tabId: id } }), tabId);
    expect(started).toMatchObject({ ok: true, value: { started: true } });
    await wizardPopup.close();
    await consoleTab.bringToFront();
    await until(async () => (await consoleTab.$('[data-saml-lens="wizard"] >>> textarea[name="descriptor"]')) !== null, "the wizard's descriptor", 20_000);

    // The recorder captures a login, and exports it.
    const recorder = await extensionPage("recorder.html");
    await recorder.type('[data-testid="recorder-sites"]', `${bench.harness.url} ${bench.sp.urlPrefix}`);
    await recorder.click('[data-testid="recorder-start"]');
    await waitForText(recorder, "recorder-status", "Recording http://127.0.0.1/*");
    const login = await browser.newPage();
    await login.goto(bench.sp.loginUrl("acme-ok"));
    await login.type("#username", DEMO_USER.username);
    await login.type("#password", DEMO_USER.password);
    await Promise.all([login.waitForNavigation({ waitUntil: "load" }), login.click("#kc-login")]);
    await until(async () => login.url().startsWith(bench.sp.urlPrefix), "the login to land on Sentry");
    await until(async () => (await recorder.$$(".mrow")).length === 2, "two recorded messages", 20_000);
    expect(JSON.parse(await exportHar(recorder)).log.entries).toHaveLength(2);
    await recorder.click('[data-testid="recorder-stop"]');
    // The one request a user may ask for: the IdP's metadata, to check the Response's signature against it.
    const descriptor = `${bench.realmUrl("acme")}/protocol/saml/descriptor`;
    await recorder.click('.mrow[data-row="1"]');
    const signatureTab = await until(async () => {
      for (const tab of await recorder.$$('[role="tab"]')) if ((await tab.evaluate((element) => element.textContent ?? "")).startsWith("Signature")) return tab;
      return undefined;
    }, "the Signature tab");
    await signatureTab.click();
    const urlInput = await recorder.waitForSelector('[data-testid="trust-url-input"]');
    await urlInput?.evaluate((element) => {
      (element as HTMLInputElement).value = "";
    });
    await urlInput?.type(descriptor);
    await recorder.click('[data-testid="trust-fetch"]');
    await waitForText(recorder, "trust-url", `Fetched from ${descriptor}`);

    // The panel page imports a HAR and exports it.
    const panel = await extensionPage("panel.html");
    const input = (await panel.waitForSelector('[data-testid="import-file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(SESSION_HAR);
    await waitForText(panel, "import-status", "8 SAML messages");
    // Every row analysed (the analysis worker answers after the list shows): the panel has settled before Export.
    await until(async () => (await panel.$$('.mrow [data-verdict]:not([data-verdict="pending"])')).length === 8, "the 8 verdicts", 20_000);
    expect(JSON.parse(await exportHar(panel)).log.entries).toHaveLength(8);

    // The options page lists the site.
    const options = await extensionPage("options.html");
    await waitForText(options, "origin-list", "http://127.0.0.1");
    // The page has read all it shows (the remembered IdPs, the recorder's settings): whatever it asks for, it has asked.
    await options.waitForSelector('[data-testid="trusted-list"], [data-testid="no-trusted"]');
    await options.waitForFunction(() => (document.querySelector<HTMLInputElement>('[data-testid="options-recorder-cap"]')?.value ?? "") !== "");

    const observed = [...audit.requests];
    const network = observed.filter((request) => isNetwork(request.url));
    const allowed = (request: ObservedRequest) => userRequested(descriptor)(request) || realmDescriptor(descriptor)(request);
    const asked = audit.extensionRequests().filter(allowed);
    const fromExtension = audit.extensionRequests().filter((request) => !allowed(request));
    const counts = new Map<string, number>();
    for (const request of network) counts.set(request.owner, (counts.get(request.owner) ?? 0) + 1);
    const byOwner = [...counts].map(([owner, count]) => `${owner}: ${count}`);
    const extensionLocal = observed.filter((request) => !isNetwork(request.url) && ["service worker", "extension page", "content script"].includes(request.owner));
    console.log(
      [
        `Network audit: ${observed.length} requests observed over CDP, ${network.length} over the network (${byOwner.join(", ")}).`,
        `Extension contexts loaded ${extensionLocal.length} local resources (chrome-extension:, blob:, data:).`,
        "Requested by the user (allowed):",
        ...asked.map((request) => `  ${describeRequest(request)}`),
        "Other network requests by the extension:",
        ...(fromExtension.length === 0 ? ["  none"] : fromExtension.map((request) => `  ${describeRequest(request)}`)),
      ].join("\n"),
    );

    // The audit saw the journeys: the console's own admin calls, through the page-world wrapper, are the page's.
    expect(network.some((request) => request.owner === "page" && request.throughPageWorld && request.url.includes("/admin/realms/acme/clients/"))).toBe(true);
    expect(observed.some((request) => request.owner === "extension page")).toBe(true);
    // The overlay and the wizard each read the descriptor (once per page load); the user's own Fetch from URL once.
    expect([...new Set(asked.map((request) => request.owner))].sort()).toEqual(["content script", "extension page"]);
    expect(asked.filter((request) => request.owner === "extension page")).toHaveLength(1);
    expect(fromExtension.map(describeRequest)).toEqual([]);
    // Pages on the bench only ever talk to the bench: nothing injected into them loads anything from elsewhere.
    const elsewhere = network.filter((request) => !request.url.startsWith(bench.harness.url) && !request.url.startsWith(bench.sp.urlPrefix));
    expect(elsewhere.map(describeRequest)).toEqual([]);
    await Promise.all([consoleTab.close(), recorder.close(), login.close(), panel.close(), options.close()]);
  });

  it("catches a request planted in each extension context, and leaves the console's own calls to the console", async () => {
    const canary = (name: string) => `${bench.harness.url}/__canary/${name}`;
    const consoleTab = await browser.newPage();
    await consoleTab.goto(bench.harness.consoleUrl("acme", `clients/${SENTRY_CLIENT}/settings`));
    await until(async () => (await consoleTab.$('[data-saml-lens="summary"]')) !== null, "the overlay");
    const tabId = await worker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id, `${bench.harness.url}/admin/*`);
    if (tabId === undefined) throw new Error("no console tab");

    await worker.evaluate((url) => fetch(url).catch(() => undefined), canary("service-worker"));
    const options = await extensionPage("options.html");
    await options.evaluate((url) => fetch(url).catch(() => undefined), canary("extension-page"));
    await worker.evaluate(
      async (id, url) => {
        await chrome.scripting.executeScript({ target: { tabId: id }, func: (target: string) => void fetch(target).catch(() => undefined), args: [url] });
      },
      tabId,
      canary("content-script"),
    );
    await worker.evaluate(
      async (id, url) => {
        await chrome.scripting.executeScript({ target: { tabId: id }, world: "MAIN", func: (target: string) => void fetch(target).catch(() => undefined), args: [url] });
      },
      tabId,
      canary("main-world"),
    );
    // The console's own script (an inline script of the page) calling fetch, which the page-world observer wraps.
    // (sourceURL names the inline script the way a script file of the console would be named in its stack.)
    await consoleTab.addScriptTag({ content: `fetch(${JSON.stringify(canary("console-own"))}).catch(() => undefined);\n//# sourceURL=${bench.harness.url}/console-own.js` });

    const ownerOf = (name: string) => until(async () => audit.requests.find((request) => request.url === canary(name))?.owner, `the ${name} canary`);
    expect(await ownerOf("service-worker")).toBe("service worker");
    expect(await ownerOf("extension-page")).toBe("extension page");
    expect(await ownerOf("content-script")).toBe("content script");
    // Code injected into the page's world without a file cannot be named; it counts against the extension.
    expect(await ownerOf("main-world")).toBe("unattributed");
    expect(await ownerOf("console-own")).toBe("page");
    const consoleOwn = audit.requests.find((request) => request.url === canary("console-own"));
    expect(consoleOwn?.throughPageWorld).toBe(true);
    const caught = audit.extensionRequests().map((request) => request.url);
    for (const name of ["service-worker", "extension-page", "content-script", "main-world"]) expect(caught).toContain(canary(name));
    expect(caught).not.toContain(canary("console-own"));
    await Promise.all([consoleTab.close(), options.close()]);
  });
});
