/** The setup wizard's panel as a user reads and drives it, shared by the harness and the real-server wizard tests. */
import type { BrowserContext, Locator, Page } from "playwright-core";
import { until } from "./browsers.js";

export interface WizardPanel {
  readonly panel: Locator;
  /** The panel's text lives in its shadow root. */
  text(): Promise<string>;
  step(): Promise<string | null>;
  action(name: string): Locator;
}

export function wizardPanel(page: Page): WizardPanel {
  const panel = page.locator('[data-saml-lens="wizard"]');
  return {
    panel,
    text: async () => (await panel.locator(".card").textContent()) ?? "",
    step: () => panel.getAttribute("data-step"),
    action: (name) => panel.locator(`[data-action="${name}"]`),
  };
}

/** An attribute of an element that may be gone (a locator's getAttribute would wait for it to come back). */
export async function shownAttribute(locator: Locator, name: string): Promise<string | null> {
  return (await locator.count()) === 0 ? null : locator.getAttribute(name, { timeout: 1000 }).catch(() => null);
}

/**
 * The user's part of step 3 on any client: "Fix all on this tab", then the console's own Save (Settings, Advanced)
 * or its confirmation dialog (Keys, which saves at once), until the wizard reaches the mappers. The tabs fixed, in order.
 */
export async function walkChecksAsTheUser(page: Page, timeoutMs = 60_000): Promise<string[]> {
  const { panel, text, step, action } = wizardPanel(page);
  const tabCheck = panel.locator(".tab-check");
  const saves: Record<string, string> = { settings: '[data-testid="settings-save"]', advanced: '[data-testid="fineGrainSave"]' };
  const fixed: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while ((await step()) === "checks") {
    if (Date.now() > deadline) throw new Error(`step 3 did not finish: ${await text()}`);
    const tab = (await shownAttribute(tabCheck, "data-tab")) ?? "";
    if ((await action("fix-all").count()) === 0) {
      if ((await action("open-tab").count()) === 1) await action("open-tab").click();
      await page.waitForTimeout(200);
      continue;
    }
    await action("fix-all").click();
    fixed.push(tab);
    if (tab === "keys") await page.locator('[role="dialog"] [data-testid="confirm"]').click();
    else {
      await until(async () => (await text()).includes("press the console's Save"), `the wizard asking for Save on ${tab}`);
      const save = saves[tab];
      if (save === undefined) throw new Error(`no Save for ${tab}`);
      await page.locator(save).click();
    }
    await until(async () => (await step()) !== "checks" || (await shownAttribute(tabCheck, "data-tab")) !== tab, `the wizard leaving ${tab}`, 20_000);
  }
  return fixed;
}

/**
 * Puts the wizard's progress for the console tab showing `page` as the background keeps it, so a test can start at a
 * later step: the page is on a console page of `realm` (the extension's chip attached) when this is called and
 * reloaded after. The tab is the one at the page's exact URL (other tabs of the test may be on the console too).
 */
export async function putWizardProgress(context: BrowserContext, page: Page, consoleOrigin: string, realm: string, progress: Record<string, unknown>): Promise<void> {
  const worker = context.serviceWorkers()[0];
  if (worker === undefined) throw new Error("no service worker");
  const found = await worker.evaluate(
    async ({ url, origin, progress, realm }) => {
      const tabs: Array<{ id?: number; url?: string }> = await chrome.tabs.query({});
      const tabId = tabs.find((tab) => tab.url === url)?.id;
      if (tabId === undefined) return false;
      await chrome.storage.session.set({ wizardProgress: { [`${String(tabId)} ${origin} ${realm}`]: progress } });
      return true;
    },
    { url: page.url(), origin: consoleOrigin, progress, realm },
  );
  if (!found) throw new Error(`No tab at ${page.url()}`);
}
