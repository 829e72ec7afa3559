/**
 * `npm start` (via scripts/start.mjs): the demo bench with the extension loaded in Debian Chromium (or Firefox ESR with
 * `--firefox`), the bench's origin enabled through the extension's own enable path, and the console opened on the
 * Sentry client that has three typical mistakes. Ctrl-C stops everything.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import puppeteer from "puppeteer-core";
import { DEMO_USER, startBench } from "./bench.js";
import { ROOT } from "./paths.js";
import { pythonSamlAvailable } from "./sp/index.js";

const { values } = parseArgs({ options: { firefox: { type: "boolean", default: false }, locale: { type: "string", default: "en" } } });
const browserPath = values.firefox ? (process.env.FIREFOX ?? "/usr/bin/firefox-esr") : (process.env.CHROMIUM ?? "/usr/bin/chromium");
const missing = [
  existsSync(browserPath) ? undefined : values.firefox ? "firefox-esr" : "chromium",
  pythonSamlAvailable() ? undefined : "python3-onelogin-saml2",
].filter((name): name is string => name !== undefined);
if (missing.length > 0) {
  console.error(`Missing Debian packages: ${missing.join(" ")}\nInstall them with:\n  sudo apt-get install -y ${missing.join(" ")}`);
  process.exit(1);
}

const SENTRY_CLIENT_UUID = "9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9";
const headless = process.env.DISPLAY === undefined && process.env.WAYLAND_DISPLAY === undefined;
const extension = join(ROOT, "dist/test", values.firefox ? "firefox" : "chrome");
while (!existsSync(join(extension, "manifest.json"))) await new Promise((resolve) => setTimeout(resolve, 100));

const bench = await startBench({ locale: values.locale });
const consoleUrl = bench.harness.consoleUrl("acme", `clients/${SENTRY_CLIENT_UUID}/settings`);
const profile = mkdtempSync(join(tmpdir(), "saml-lens-demo-"));
const cleanups: Array<() => Promise<void>> = [];

if (values.firefox) {
  const uuid = "6f1d1d0e-5a9b-4c53-9a57-2f8e3a1c0b11";
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: browserPath,
    headless,
    userDataDir: profile,
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: { "extensions.webextensions.uuids": JSON.stringify({ "saml-lens@keycloak-saml-lens": uuid }) },
  });
  cleanups.push(() => browser.close());
  await browser.installExtension(extension);
  const options = await browser.newPage();
  void options.goto(`moz-extension://${uuid}/options.html`).catch(() => undefined);
  await waitFor(() => options.evaluate(() => document.readyState === "complete" && location.protocol === "moz-extension:"));
  await options.evaluate(() => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).browser.runtime.sendMessage({ type: "origins.enable", payload: { pattern: "http://127.0.0.1/*" } }));
  const page = await browser.newPage();
  await page.goto(consoleUrl);
} else {
  const args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--no-default-browser-check"];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browserPath,
    headless,
    viewport: null,
    args: [...args, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  cleanups.push(() => context.close());
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  // The extension's own enable path (the popup's click, minus the prompt the test build does not need).
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.evaluate(() => chrome.runtime.sendMessage({ type: "origins.enable", payload: { pattern: "http://127.0.0.1/*" } }));
  const page = await context.newPage();
  await page.goto(consoleUrl);
}

console.log(`
SAML Lens demo bench${headless ? " (no display found: the browser runs headless)" : ""}
  Keycloak admin console (real, ${bench.harness.console.version}):  ${consoleUrl}
  Sentry client with three mistakes: client signature required, e-mail under its OID name, role_list repeating Role
  Reference client (correct):        ${bench.harness.consoleUrl("acme", "clients")}  → …/metadata/acme-ok/
  Keycloak-shaped IdP:               ${bench.realmUrl("acme")}/protocol/saml/descriptor
  Sentry-grade SP (python3-saml):    ${bench.sp.urlPrefix}   SP-initiated login: ${bench.sp.loginUrl("acme")}
  Demo user:                         ${DEMO_USER.username} / ${DEMO_USER.password}
  Request log of the admin backend:  ${bench.harness.url}/__harness/log
The extension is the test build in ${extension} (rebuilt on change; reload it in the browser). Ctrl-C stops everything.
`);

async function waitFor(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  await bench.close();
  rmSync(profile, { recursive: true, force: true });
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
