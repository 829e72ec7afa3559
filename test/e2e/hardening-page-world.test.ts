/**
 * The page-world observer seen from the page (Debian Chromium, the real console on the harness): a script of the
 * console page — or one injected into it — must not learn the bridge's per-load token, must not get hold of its
 * channel, must get nothing back from the extension, and cannot feed the overlay forged data. The extension also adds
 * no global to the page: the page's own property names are the same with and without it.
 */
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness } from "../harness/index.js";
import { requireBrowser, CHROMIUM, CHROMIUM_ARGS, tempProfile } from "./support/browsers.js";
import { BROKEN_CLIENT, launchWithOverlay, openClient, SENTRY_CLIENT, waitForBadge, type OverlayBrowser } from "./support/overlay.js";

requireBrowser(CHROMIUM);

/**
 * Installed before the console's own scripts; it arms itself once the document is parsed, i.e. after the
 * extension's page-world script (document_start) and before its content script (document_idle), the earliest any
 * script of the page itself can listen. It keeps whatever window message mentions a token or carries a port.
 */
const SPY = `(() => {
  const seen = [];
  Object.defineProperty(window, "__spySeen", { value: seen });
  const spy = (event) => {
    const data = event.data;
    const text = (() => { try { return JSON.stringify(data); } catch { return String(data); } })();
    if (event.ports.length > 0 || /token|saml-lens/i.test(text ?? "")) seen.push({ text, ports: event.ports.length });
  };
  document.addEventListener("readystatechange", () => {
    if (document.readyState !== "interactive") return;
    window.addEventListener("message", spy, true);
    window.addEventListener("message", spy);
    window.onmessage = spy;
  }, { once: true });
})();`;

interface Seen {
  text: string;
  ports: number;
}

const spySeen = (page: Page) => page.evaluate(() => (window as unknown as { __spySeen: Seen[] }).__spySeen);

describe("Chromium: what a console page can get from the page-world observer", () => {
  let harness: Harness;
  let browser: OverlayBrowser;

  beforeAll(async () => {
    harness = await startHarness({ locale: "en" });
    browser = await launchWithOverlay();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  it("adds no global to the page: the window's own properties are the same without the extension", async () => {
    const ownNames = (page: Page) => page.evaluate(() => Object.getOwnPropertyNames(window).sort());
    const withExtension = await browser.context.newPage();
    await openClient(withExtension, harness, SENTRY_CLIENT, "settings");
    await waitForBadge(withExtension, "clientId", "ok");

    const profile = await tempProfile("no-extension");
    let plain: BrowserContext | undefined;
    try {
      plain = await chromium.launchPersistentContext(profile.dir, { executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 }, args: CHROMIUM_ARGS });
      const without = await plain.newPage();
      await without.goto(harness.consoleUrl("acme", `clients/${SENTRY_CLIENT}/settings`));
      await without.locator('[id="clientId"]').waitFor();
      const baseline = new Set(await ownNames(without));
      expect((await ownNames(withExtension)).filter((name) => !baseline.has(name))).toEqual([]);
      // Sanity: the comparison sees the console's own globals on both sides.
      expect(baseline.size).toBeGreaterThan(100);
    } finally {
      await plain?.close();
      await profile.remove();
    }
    await withExtension.close();
  });

  it("never shows the page the token or the channel, and ignores forged arm and observation messages", async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(SPY);
    await openClient(page, harness, SENTRY_CLIENT, "settings");
    await waitForBadge(page, "clientId", "ok");
    // The bridge is connected (the badges come from what it observed), and the page saw none of it.
    expect(await spySeen(page)).toEqual([]);

    // A forged arm with the page's own channel: the observer is taken already, so nothing may arrive on it.
    await page.evaluate(() => {
      const channel = new MessageChannel();
      const received: unknown[] = [];
      channel.port1.onmessage = (event) => received.push(event.data);
      Object.defineProperty(window, "__forgedReceived", { value: received });
      window.postMessage({ type: "saml-lens/arm", token: "f".repeat(48) }, location.origin, [channel.port2]);
    });
    // Forged observations, as the observer would send them, on the window (the only channel the page has): a client
    // with every mistake fixed, for the broken client the user opens next.
    await page.evaluate((uuid) => {
      for (const token of ["", "0".repeat(48), "f".repeat(48)]) {
        window.postMessage({ token, kind: "client", realm: "acme", clientUuid: uuid, body: { id: uuid, clientId: "https://sentry.acme.test/saml/metadata/acme-broken/", protocol: "saml", attributes: {} } }, "*");
      }
    }, BROKEN_CLIENT);
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    // The overlay checks the client the console really loaded (its Client ID is wrong), not the forged one.
    await waitForBadge(page, "clientId", "error");
    const received = await page.evaluate(() => (window as unknown as { __forgedReceived: unknown[] }).__forgedReceived.length);
    expect(received).toBe(0);
    expect((await spySeen(page)).filter((seen) => !seen.text.includes("f".repeat(48)) && !seen.text.includes('"token":""') && !seen.text.includes("0".repeat(48)))).toEqual([]);
    await page.close();
  });

  it("built-ins the page replaces after the observer ran (a port's postMessage, a message event's data and ports) learn neither the token nor the channel", async () => {
    const page = await browser.context.newPage();
    // Armed once the document is parsed: after the extension's page-world script, before its content script arms the
    // bridge (document_idle) and before the observer posts anything on its channel.
    await page.addInitScript(`(() => {
      const seen = [];
      Object.defineProperty(window, "__builtinsSeen", { value: seen });
      const text = (value) => { try { return JSON.stringify(value); } catch { return String(value); } };
      document.addEventListener("readystatechange", () => {
        if (document.readyState !== "interactive") return;
        const post = MessagePort.prototype.postMessage;
        MessagePort.prototype.postMessage = function (...args) {
          // The console's own scheduler posts on channels too (null); what the observer would post names a token and a kind.
          if (/token|"kind"/.test(text(args[0]))) seen.push("postMessage " + text(args[0]).slice(0, 80));
          return post.apply(this, args);
        };
        for (const name of ["data", "ports"]) {
          const get = Object.getOwnPropertyDescriptor(MessageEvent.prototype, name).get;
          Object.defineProperty(MessageEvent.prototype, name, { configurable: true, get() {
            const value = get.call(this);
            if (/token|saml-lens/i.test(text(value)) || (name === "ports" && value.length > 0)) seen.push(name + " " + text(value).slice(0, 80));
            return value;
          } });
        }
      }, { once: true });
    })();`);
    await openClient(page, harness, SENTRY_CLIENT, "settings");
    // The overlay's badges come from what the observer posted on its channel: by now the bridge was armed and used.
    await waitForBadge(page, "clientId", "ok");
    expect(await page.evaluate(() => (window as unknown as { __builtinsSeen: string[] }).__builtinsSeen)).toEqual([]);
    await page.close();
  });

  it("a fetch the page replaced before the observer ran sees only the console's own calls, never the token", async () => {
    const page = await browser.context.newPage();
    // Runs before every script of the page, the extension's page-world script included (Playwright's init scripts).
    await page.addInitScript(`(() => {
      const calls = [];
      Object.defineProperty(window, "__fetchCalls", { value: calls });
      const real = window.fetch;
      window.fetch = function (input, init) {
        calls.push(JSON.stringify([typeof input === "string" ? input : input instanceof URL ? input.href : input.url, init ?? null]));
        return real.call(this, input, init);
      };
    })();`);
    await openClient(page, harness, BROKEN_CLIENT, "settings");
    await waitForBadge(page, "clientId", "error");
    const calls = await page.evaluate(() => (window as unknown as { __fetchCalls: string[] }).__fetchCalls);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const [url] = JSON.parse(call) as [string];
      // Only the console's own admin and resource calls, on its own origin.
      expect(new URL(url, harness.url).origin).toBe(harness.url);
      expect(call).not.toMatch(/saml-lens|token"?\s*:\s*"[0-9a-f]{32,}/i);
    }
    await page.close();
  });

  it("calling the wrapped fetch from the page gets the page's own answer, and nothing from the extension", async () => {
    const page = await browser.context.newPage();
    await page.addInitScript(SPY);
    await openClient(page, harness, SENTRY_CLIENT, "settings");
    await waitForBadge(page, "clientId", "ok");
    // Someone else changes the stored client meanwhile: what the page's own call reads differs from the form.
    const clientUrl = `${harness.url}/admin/realms/acme/clients/${SENTRY_CLIENT}`;
    const stored = (await (await fetch(clientUrl)).json()) as { attributes: Record<string, string> };
    const forcePost = stored.attributes["saml.force.post.binding"] === "true" ? "false" : "true";
    const changed = { ...stored, attributes: { ...stored.attributes, "saml.force.post.binding": forcePost } };
    expect((await fetch(clientUrl, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(changed) })).status).toBe(204);
    const answer = await page.evaluate(async (uuid) => {
      const response = await fetch(`/admin/realms/acme/clients/${uuid}`, { headers: { Authorization: "Bearer x" } });
      return { status: response.status, keys: Object.keys((await response.json()) as object).sort() };
    }, SENTRY_CLIENT);
    expect(answer.status).toBe(200);
    expect(answer.keys).toContain("clientId");
    // The observer handed that answer to the extension (the overlay now sees the form differ from what is stored)
    // over its channel, and never to the window.
    await expect.poll(() => page.locator('[data-saml-lens="summary"] .state').innerText()).toMatch(/unsaved|once you save/);
    expect(await spySeen(page)).toEqual([]);
    await page.close();
  });
});
