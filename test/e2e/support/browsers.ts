/** Where the apt browsers are (a missing one fails the test that needs it), and how the tests launch them. */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
/** Where the test build lives; SAML_LENS_DIST lets several people run browser tests side by side without sharing one. */
export const DIST_ROOT = process.env.SAML_LENS_DIST ? resolve(process.env.SAML_LENS_DIST) : join(ROOT, "dist");
export const CHROME_BUILD = join(DIST_ROOT, "test/chrome");
export const FIREFOX_BUILD = join(DIST_ROOT, "test/firefox");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
export const GECKO_ID = "saml-lens@keycloak-saml-lens";
/** Pinned so moz-extension:// URLs are known before the add-on is installed. */
export const FIREFOX_UUID = "6f1d1d0e-5a9b-4c53-9a57-2f8e3a1c0b11";

/**
 * A browser every browser test needs: `npm test` installs it (scripts/setup.mjs), so a missing one fails the test
 * file, never skips it.
 */
export function requireBrowser(path: string): void {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`node scripts/setup.mjs\` (or apt-get install -y chromium firefox-esr)`);
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
];

export async function tempProfile(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `saml-lens-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

const CUT_OFF: unique symbol = Symbol("cut off");
const PROBE_GRACE_MS = 30_000;

/** Polls `probe` until it gives a value (not undefined, null or false), or throws naming `what` after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    // A probe under way at the deadline may still finish (a locator waits up to 30 s for its element), but one that
    // hangs (a server that does not answer) is cut off after that grace, so the failure names what was awaited
    // rather than ending as the test's own timeout.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cutOff = new Promise<typeof CUT_OFF>((r) => (timer = setTimeout(() => r(CUT_OFF), Math.max(0, deadline - Date.now()) + PROBE_GRACE_MS)));
    try {
      const value = await Promise.race([probe(), cutOff]);
      if (value === CUT_OFF) lastError = new Error(`the last probe did not return within ${PROBE_GRACE_MS / 1000} s of the deadline`);
      else if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    } finally {
      clearTimeout(timer);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}

/** Firefox ESR over WebDriver BiDi with the test build installed as a temporary add-on at the pinned UUID. */
export async function launchFirefoxWithExtension(profileDir: string): Promise<import("puppeteer-core").Browser> {
  const { default: puppeteer } = await import("puppeteer-core");
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    args: ["--remote-allow-system-access"],
    extraPrefsFirefox: { "extensions.webextensions.uuids": JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }) },
  });
  await browser.installExtension(FIREFOX_BUILD);
  // The add-on's background page registers its listener a moment after the install returns (longer on a busy
  // machine): a test's first message must not race it. Ready when it answers a read-only message.
  const page = await browser.newPage();
  void page.goto(`moz-extension://${FIREFOX_UUID}/options.html`).catch(() => undefined);
  await until(
    () =>
      page.evaluate(async () => {
        if (location.protocol !== "moz-extension:") return false;
        const runtime = (globalThis as unknown as { browser: typeof chrome }).browser.runtime;
        const reply = (await runtime.sendMessage({ type: "origins.list", payload: {} }).catch(() => null)) as { ok?: boolean } | null;
        return reply?.ok === true;
      }),
    "the add-on's background",
    30_000,
  );
  await page.close();
  return browser;
}

/** Debian Chromium over puppeteer with the test build loaded and DevTools windows reachable as pages (the panel tests). */
export async function launchChromiumForDevtools(profileDir: string): Promise<import("puppeteer-core").Browser> {
  const { default: puppeteer } = await import("puppeteer-core");
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    userDataDir: profileDir,
    enableExtensions: [CHROME_BUILD],
    handleDevToolsAsPage: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

export interface ChromiumWithExtension {
  readonly context: import("playwright-core").BrowserContext;
  readonly worker: import("playwright-core").Worker;
  readonly extensionId: string;
}

/** Debian Chromium with the test build loaded, once its service worker runs (its URL names the extension id). */
export async function launchChromiumWithExtension(
  profileDir: string,
  options: Omit<import("playwright-core").LaunchOptions & import("playwright-core").BrowserContextOptions, "executablePath" | "args"> = {},
): Promise<ChromiumWithExtension> {
  const { chromium } = await import("playwright-core");
  const context = await chromium.launchPersistentContext(profileDir, {
    headless: true,
    ...options,
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${CHROME_BUILD}`, `--load-extension=${CHROME_BUILD}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  return { context, worker, extensionId: new URL(worker.url()).host };
}

/**
 * The positive signal a test waits for before it asserts that the content script did nothing on a page: Chromium
 * reports each extension world it creates (DevTools protocol, `Runtime.executionContextCreated`, an "isolated" world
 * named after the extension), and an evaluation in that world runs only after the content script's own start-up, and
 * after the tasks that start-up queued. A page the extension may not run on gets no such world: then `false`.
 */
export async function contentScriptHadItsTurn(page: import("playwright-core").Page, extensionName = "SAML Lens for Keycloak"): Promise<boolean> {
  await page.waitForLoadState("load");
  const session = await page.context().newCDPSession(page);
  try {
    const worlds: number[] = [];
    session.on("Runtime.executionContextCreated", (event) => {
      const context = event.context as { id: number; name: string; auxData?: { type?: string } };
      if (context.auxData?.type === "isolated" && context.name === extensionName) worlds.push(context.id);
    });
    // Enabling reports every existing context first.
    await session.send("Runtime.enable");
    const world = worlds[0];
    if (world === undefined) return false;
    await session.send("Runtime.evaluate", { contextId: world, expression: "new Promise((resolve) => setTimeout(resolve, 0))", awaitPromise: true });
    return true;
  } finally {
    await session.detach();
  }
}
