/**
 * `npm start` (via scripts/start.mjs): the demo bench with the extension loaded in Debian Chromium (or Firefox ESR with
 * `--firefox`), the bench's origin enabled through the extension's own enable path, and the console opened on the
 * Sentry client that has three typical mistakes. `--keycloak` runs the same realm on the real Keycloak server instead
 * (`--keycloak-version=24.0.5` for another release). Ctrl-C stops everything.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import puppeteer from "puppeteer-core";
import { DEMO_USER, startBench } from "./bench.js";
import { ROOT } from "./paths.js";
import { pythonSamlAvailable } from "./sp/index.js";
import { prepareDemo } from "../keycloak/demo.js";
import { ADMIN_PASSWORD, ADMIN_USERNAME, startKeycloak } from "../keycloak/server.js";
import { TESTED_KEYCLOAK_VERSIONS } from "../keycloak/versions.js";

const { values } = parseArgs({
  options: {
    firefox: { type: "boolean", default: false },
    locale: { type: "string", default: "en" },
    // The real Keycloak server instead of the embedded bench (fetched through Maven on first use).
    keycloak: { type: "boolean", default: false },
    "keycloak-version": { type: "string", default: TESTED_KEYCLOAK_VERSIONS[0] },
  },
});
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
const extension = join(process.env.SAML_LENS_DIST ? resolve(process.env.SAML_LENS_DIST) : join(ROOT, "dist"), "test", values.firefox ? "firefox" : "chrome");
while (!existsSync(join(extension, "manifest.json"))) await new Promise((resolve) => setTimeout(resolve, 100));

interface Demo {
  readonly consoleUrl: string;
  /** What to print under the title: one line per part. */
  readonly lines: readonly string[];
  /** The real console asks its admin to log in first. */
  readonly consoleLogin?: { readonly username: string; readonly password: string };
  close(): Promise<void>;
}

async function embeddedBench(): Promise<Demo> {
  const bench = await startBench({ locale: values.locale });
  return {
    consoleUrl: bench.harness.consoleUrl("acme", `clients/${SENTRY_CLIENT_UUID}/settings`),
    lines: [
      `Keycloak admin console (real, ${bench.harness.console.version}):  ${bench.harness.consoleUrl("acme", `clients/${SENTRY_CLIENT_UUID}/settings`)}`,
      "Sentry client with three mistakes: client signature required, e-mail under its OID name, role_list repeating Role",
      `Reference client (correct):        ${bench.harness.consoleUrl("acme", "clients")}  → …/metadata/acme-ok/`,
      `Keycloak-shaped IdP:               ${bench.realmUrl("acme")}/protocol/saml/descriptor`,
      `Sentry-grade SP (python3-saml):    ${bench.sp.urlPrefix}   SP-initiated login: ${bench.sp.loginUrl("acme")}`,
      `Sentry's auth settings (any org):  ${bench.sp.settingsUrl("<org>")}`,
      `Demo user:                         ${DEMO_USER.username} / ${DEMO_USER.password}`,
      `Request log of the admin backend:  ${bench.harness.url}/__harness/log`,
    ],
    close: () => bench.close(),
  };
}

async function realKeycloak(version: string): Promise<Demo> {
  const keycloak = await startKeycloak({ version, log: (line) => console.log(line) });
  try {
    const demo = await prepareDemo(keycloak.url, keycloak.admin);
    const consoleUrl = demo.consoleUrl(`clients/${demo.demoClientUuid}/settings`);
    return {
      consoleUrl,
      consoleLogin: { username: ADMIN_USERNAME, password: ADMIN_PASSWORD },
      lines: [
        `Keycloak ${version} (the real server):  ${consoleUrl}`,
        `Admin console login:               ${ADMIN_USERNAME} / ${ADMIN_PASSWORD}`,
        "Sentry client with three mistakes: client signature required, e-mail under its OID name, role_list repeating Role",
        `Reference client (correct):        ${demo.consoleUrl("clients")}  → …/metadata/acme-ok/`,
        `IdP descriptor:                    ${keycloak.url}/realms/acme/protocol/saml/descriptor`,
        `Sentry-grade SP (python3-saml):    ${demo.sp.urlPrefix}   SP-initiated login: ${demo.sp.loginUrl("acme-ok")}`,
        `Sentry's auth settings (any org):  ${demo.sp.settingsUrl("<org>")}`,
        `Demo user:                         ${DEMO_USER.username} / ${DEMO_USER.password}`,
      ],
      close: async () => {
        await demo.close();
        await keycloak.stop();
      },
    };
  } catch (error) {
    await keycloak.stop();
    throw error;
  }
}

const demo = values.keycloak ? await realKeycloak(values["keycloak-version"]) : await embeddedBench();
const consoleUrl = demo.consoleUrl;
// One temporary folder holds everything the demo writes: the browser's profile, and the browser's own temporary files
// (Chromium leaves its org.chromium.Chromium.* folder behind when it is closed by a signal), removed together on stop.
const temporary = mkdtempSync(join(tmpdir(), "saml-lens-demo-"));
const profile = join(temporary, "profile");
const browserEnv = { ...process.env, TMPDIR: join(temporary, "tmp") };
mkdirSync(browserEnv.TMPDIR);
const cleanups: Array<() => Promise<void>> = [];

if (values.firefox) {
  const uuid = "6f1d1d0e-5a9b-4c53-9a57-2f8e3a1c0b11";
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: browserPath,
    headless,
    // Ctrl-C and SIGTERM are ours: the browser library would exit before the servers and the profile are cleaned up.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    userDataDir: profile,
    env: browserEnv,
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: { "extensions.webextensions.uuids": JSON.stringify({ "saml-lens@keycloak-saml-lens": uuid }) },
  });
  cleanups.push(() => browser.close());
  browser.on("disconnected", () => void stop());
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
    // Ctrl-C and SIGTERM are ours: the browser library would exit before the servers and the profile are cleaned up.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    viewport: null,
    env: browserEnv,
    args: [...args, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  cleanups.push(() => context.close());
  // Closing the browser window ends the demo as Ctrl-C does.
  context.on("close", () => void stop());
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  // The extension's own enable path (the popup's click, minus the prompt the test build does not need).
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.evaluate(() => chrome.runtime.sendMessage({ type: "origins.enable", payload: { pattern: "http://127.0.0.1/*" } }));
  const page = await context.newPage();
  await page.goto(consoleUrl);
  const login = demo.consoleLogin;
  if (login !== undefined && (await page.locator("#kc-form-login").count().catch(() => 0)) === 1) {
    await page.locator("#username").fill(login.username);
    await page.locator("#password").fill(login.password);
    await page.locator("#kc-login").click();
  }
}

console.log(
  [
    "",
    `SAML Lens demo ${values.keycloak ? "on the real Keycloak server" : "bench"}${headless ? " (no display found: the browser runs headless; open the URLs below from elsewhere)" : ""}`,
    ...demo.lines.map((line) => `  ${line}`),
    `The extension is the test build in ${extension} (rebuilt on change; reload it in the browser). Ctrl-C stops everything.`,
    "",
  ].join("\n"),
);

async function waitFor(probe: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Processes that name `folder` in their command line or environment (the browser's helpers: its TMPDIR is there). */
function processesUsing(folder: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, "latin1").includes(folder) || readFileSync(`/proc/${entry}/environ`, "latin1").includes(folder)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return pids;
}

async function helpersGone(folder: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (processesUsing(folder).length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  for (const pid of processesUsing(folder)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Nothing below may end the process early: once the browser has gone and the bench's sockets have closed, Node would
  // find its event loop empty and exit (code 0) before the profile is removed — seen with Ctrl-C under `timeout`,
  // which passes the signal on a second time. This timer holds the process until `process.exit` below.
  setInterval(() => undefined, 1_000);
  // A browser that no longer answers must not hold the rest of the clean-up: its processes are stopped below anyway.
  const atMost = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  for (const cleanup of cleanups) await Promise.race([cleanup().catch(() => undefined), atMost(15_000)]);
  await Promise.race([demo.close().catch((error: unknown) => console.error(`Stopping the servers: ${String(error)}`)), atMost(15_000)]);
  // The browser's last helper processes may still be writing to the profile as it goes away (ENOTEMPTY): wait until
  // none is left (a loaded machine takes seconds), stop any that outlives the wait, then remove, retrying.
  await helpersGone(temporary);
  try {
    rmSync(temporary, { recursive: true, force: true, maxRetries: 20, retryDelay: 150 });
  } catch (error) {
    console.error(`Removing ${temporary}: ${String(error)}`);
    process.exit(1);
  }
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
