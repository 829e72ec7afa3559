/**
 * The benches' headless Debian Chromium with the extension's test build loaded (the same flags for every bench), and
 * its extension origin once the background has started.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

export interface BenchBrowser {
  readonly context: BrowserContext;
  /** `chrome-extension://<id>` */
  readonly extensionOrigin: string;
  close(): Promise<void>;
}

/** `extension` is a built extension folder (`…/test/chrome`); the profile is temporary and removed on close. */
export async function launchBenchChromium(extension: string, name: string): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), `saml-lens-${name}-bench-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [...ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  return {
    context,
    extensionOrigin: `chrome-extension://${new URL(worker.url()).host}`,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 150 });
    },
  };
}
