/** Shared by the overlay's browser tests: the extension in Chromium on the harness console, and how a user reads it. */
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { startHarness, type Harness, type HarnessOptions, type LogEntry } from "../../harness/index.js";
import { launchChromiumWithExtension, tempProfile, until } from "./browsers.js";

export const SENTRY_CLIENT = "9e42a103-b6eb-4fc0-86a5-f3c2a0b18ea9";
export const REFERENCE_CLIENT = "c175d436-e91f-4cf3-b9f5-26f5d3e41bdc";
/** Added for the overlay: one mistake in each Settings, Keys and Advanced field. */
export const BROKEN_CLIENT = "0f6c2b1e-8d4a-4e57-9b3c-2a1d7e5f6c01";
export const SHA1_CLIENT = "0f6c2b1e-8d4a-4e57-9b3c-2a1d7e5f6c02";
/** A Client ID that names no Sentry organization. */
export const PLAIN_CLIENT = "0f6c2b1e-8d4a-4e57-9b3c-2a1d7e5f6c03";

/** Collects page errors and console errors; `extensionErrors` keeps those that come from the extension. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`${error.message}\n${error.stack ?? ""}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} @ ${message.location().url}`);
  });
  return errors;
}

export function extensionErrors(errors: readonly string[]): string[] {
  return errors.filter((error) => /chrome-extension:|moz-extension:|saml-lens|SAML Lens/i.test(error));
}

export interface OverlayBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with the test build, the harness origin enabled the way the popup does it. */
export async function launchWithOverlay(options: { colorScheme?: "light" | "dark" } = {}): Promise<OverlayBrowser> {
  const profile = await tempProfile("overlay");
  const { context, extensionId } = await launchChromiumWithExtension(profile.dir, { viewport: { width: 1280, height: 900 }, colorScheme: options.colorScheme ?? "light" });
  const options_ = await context.newPage();
  await options_.goto(`chrome-extension://${extensionId}/options.html`);
  await options_.evaluate(() => chrome.runtime.sendMessage({ type: "origins.enable", payload: { pattern: "http://127.0.0.1/*" } }));
  await options_.close();
  return {
    context,
    close: async () => {
      await context.close();
      await profile.remove();
    },
  };
}

export const badgeSelector = (field: string) => `[data-saml-lens="badge"][data-field="${field}"]`;

export async function badgeState(page: Page, field: string): Promise<string | null> {
  const badge = page.locator(badgeSelector(field));
  return (await badge.count()) === 0 ? null : badge.getAttribute("data-state");
}

export async function waitForBadge(page: Page, field: string, state: string, timeoutMs = 10_000): Promise<void> {
  try {
    await until(async () => (await badgeState(page, field)) === state, `badge ${field} = ${state}`, timeoutMs);
  } catch (error) {
    throw new Error(`${String(error)} (it is ${await badgeState(page, field)})`);
  }
}

export async function openClient(page: Page, harness: Harness, uuid: string, tab: string): Promise<void> {
  await page.goto(harness.consoleUrl("acme", `clients/${uuid}/${tab}`));
  await until(async () => (await page.locator('[data-saml-lens="summary"]').count()) === 1, "the summary card");
}

/**
 * Fixes a field as a keyboard user does: focus the badge, Enter opens the popover (focus moves to Fix), Enter fixes.
 * (The console's Save bar is fixed over the bottom of the form, so the last fields cannot always be clicked.)
 */
export async function fixField(page: Page, field: string): Promise<string> {
  const badge = page.locator(badgeSelector(field));
  await badge.locator("button.badge").focus();
  await page.keyboard.press("Enter");
  await until(async () => (await badge.locator('[data-action="fix"]').evaluate((button) => button.matches(":focus"))) || undefined, `focus on Fix of ${field}`);
  await page.keyboard.press("Enter");
  const status = badge.locator('[role="status"]');
  await until(async () => (await status.textContent())?.trim() || undefined, `the result of Fix on ${field}`);
  const text = (await status.textContent()) ?? "";
  if ((await badge.locator(".popover").count()) > 0 && (await badge.locator("button.badge").getAttribute("aria-expanded")) === "true") {
    await badge.locator(".popover button.secondary").click();
  }
  return text;
}

/** The PUT bodies of the client since the log was cleared. */
export function clientPuts(harness: Harness, uuid: string): Array<Record<string, unknown>> {
  return harness
    .log()
    .filter((entry: LogEntry) => entry.method === "PUT" && entry.path === `/admin/realms/acme/clients/${uuid}`)
    .map((entry) => entry.body as Record<string, unknown>);
}

/**
 * Until the overlay has nothing left to do for what the page shows (its card's `data-settled`: no check queued or
 * under way, no render queued, no mapper form being filled, the tab judged): the positive signal a test waits for
 * before it asserts that something did not happen. Playwright pages and frames alike.
 */
export async function overlaySettled(page: Pick<Page, "waitForFunction">, timeoutMs = 15_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[data-saml-lens="summary"]')?.getAttribute("data-settled") === "true", undefined, { timeout: timeoutMs, polling: 50 });
}

export async function summaryState(page: Page): Promise<string | null> {
  return page.locator('[data-saml-lens="summary"]').getAttribute("data-state");
}

export interface OverlayConsole {
  readonly harness: Harness;
  readonly browser: OverlayBrowser;
  readonly page: Page;
}

/**
 * The lifecycle every overlay test file shares: one harness console and one Chromium with the overlay per describe
 * block, the harness reset and a fresh page for each test, and no error from the extension by the end of it.
 */
export function useOverlayConsole(options: HarnessOptions = { locale: "en" }): OverlayConsole {
  let harness: Harness | undefined;
  let browser: OverlayBrowser | undefined;
  let page: Page | undefined;
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The ${what} is not started: use it inside a test.`);
    return value;
  };
  beforeAll(async () => {
    harness = await startHarness(options);
    browser = await launchWithOverlay();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    ready(harness, "harness").reset();
    await page?.close();
    page = await ready(browser, "browser").context.newPage();
    const errors = watchErrors(page);
    return () => expect(extensionErrors(errors)).toEqual([]);
  });
  return {
    get harness() {
      return ready(harness, "harness");
    },
    get browser() {
      return ready(browser, "browser");
    },
    get page() {
      return ready(page, "page");
    },
  };
}
