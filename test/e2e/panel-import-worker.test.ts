/**
 * A large HAR (≈80 MB, generated into a temp dir) imported in Chromium through the panel's file input: the import runs
 * in the extension's worker, reports progress while the page keeps painting (a requestAnimationFrame counter advances
 * between progress reports: the UI thread is free), can be cancelled, and ends with the file's SAML messages listed.
 */
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { deflateRawSync } from "node:zlib";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, tempProfile } from "./support/browsers.js";

requireBrowser(CHROMIUM);
const PAGES = 800;
const SAML_EVERY = 40;

/** Page loads with 100 KB bodies, an SP-initiated AuthnRequest every `SAML_EVERY` of them; written piece by piece. */
async function writeLargeHar(path: string): Promise<{ requests: number; messages: number }> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  const body = "<p>lorem ipsum</p>".repeat(100_000 / 18);
  let requests = 0;
  let messages = 0;
  await write('{"log":{"version":"1.2","creator":{"name":"test","version":"1"},"entries":[');
  for (let i = 0; i < PAGES; i++) {
    const time = new Date(Date.UTC(2025, 5, 1, 12) + i * 1000).toISOString();
    const entries = [{ startedDateTime: time, request: { method: "GET", url: `https://app.example.com/page/${i}`, headers: [] }, response: { status: 200, headers: [], content: { mimeType: "text/html", text: body } } }];
    if (i % SAML_EVERY === 0) {
      const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="req_${i}" Version="2.0" IssueInstant="${time}" Destination="https://keycloak.example.com/realms/demo/protocol/saml"><saml:Issuer>https://sentry.example.com/saml/metadata/acme/</saml:Issuer></samlp:AuthnRequest>`;
      const url = `https://keycloak.example.com/realms/demo/protocol/saml?${new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(xml)).toString("base64") })}`;
      entries.push({ startedDateTime: time, request: { method: "GET", url, headers: [] }, response: { status: 200, headers: [], content: { mimeType: "text/html", text: "" } } });
      messages += 1;
    }
    for (const entry of entries) {
      await write(`${requests === 0 ? "" : ","}${JSON.stringify(entry)}`);
      requests += 1;
    }
  }
  await write("]}}");
  out.end();
  await once(out, "finish");
  return { requests, messages };
}

describe("Chromium: importing a large HAR off the UI thread", () => {
  let profile: { dir: string; remove: () => Promise<void> };
  let context: BrowserContext;
  let panelUrl: string;
  let harPath: string;
  let expected: { requests: number; messages: number };

  beforeAll(async () => {
    profile = await tempProfile("panel-import");
    harPath = join(profile.dir, "large.har");
    expected = await writeLargeHar(harPath);
    const launched = await launchChromiumWithExtension(join(profile.dir, "browser"));
    context = launched.context;
    panelUrl = `chrome-extension://${launched.extensionId}/panel.html`;
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
  });

  async function openPanel(): Promise<{ page: Page; workers: string[]; closed: (url: string) => Promise<void> }> {
    const page = await context.newPage();
    const workers: string[] = [];
    const gone = new Map<string, Promise<void>>();
    page.on("worker", (worker) => {
      workers.push(worker.url());
      // The first worker of each script: the panel starts the import worker before the user picks a file.
      if (!gone.has(worker.url())) gone.set(worker.url(), new Promise<void>((resolve) => worker.once("close", () => resolve())));
    });
    const closed = (url: string) => gone.get(url) ?? Promise.reject(new Error(`no worker ${url} was started`));
    await page.goto(panelUrl);
    await page.getByTestId("empty-list").waitFor();
    // Counts painted frames (it only advances while the UI thread is free between frames), and logs the frame count
    // at each progress update the panel renders.
    await page.evaluate(() => {
      const state = window as unknown as { frames: number; progress: { bytes: number; frames: number }[] };
      state.frames = 0;
      state.progress = [];
      const tick = () => {
        state.frames += 1;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      new MutationObserver(() => {
        const line = document.querySelector('[data-testid="import-progress"]');
        const bytes = Number(line?.getAttribute("data-bytes-read") ?? "0");
        if (line !== null && bytes > 0 && bytes !== state.progress.at(-1)?.bytes) state.progress.push({ bytes, frames: state.frames });
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-bytes-read"] });
    });
    return { page, workers, closed };
  }

  it(`imports in the worker with progress while frames keep being painted, then lists every message`, async () => {
    const { page, workers } = await openPanel();
    await page.getByTestId("import-file").setInputFiles(harPath);
    await expect.poll(() => page.getByTestId("import-status").innerText(), { timeout: 60_000 }).toBe(`large.har: ${expected.messages} SAML messages in ${expected.requests} requests.`);
    const samples = await page.evaluate(() => (window as unknown as { progress: { bytes: number; frames: number }[] }).progress);
    expect(workers.some((url) => url.endsWith("/import-worker.js"))).toBe(true);
    expect(samples.length).toBeGreaterThanOrEqual(4);
    expect(samples.map((sample) => sample.bytes)).toEqual([...samples.map((sample) => sample.bytes)].sort((a, b) => a - b));
    // Between the first and the last progress report the page painted frames: the UI thread was not blocked.
    const first = samples[0];
    const last = samples.at(-1);
    expect(first !== undefined && last !== undefined && last.frames > first.frames).toBe(true);
    expect(await page.getByTestId("shown-count").innerText()).toBe(`${expected.messages} messages`);
    await page.close();
  });

  it("Cancel stops the import: nothing is listed and the panel says so", async () => {
    const { page, workers, closed } = await openPanel();
    // The user's click on Cancel once the import shows progress, in the page's own task that shows it: the import
    // cannot end between the two, however quick the machine.
    const cancelled = page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const cancelOnceUnderWay = () => {
            const line = document.querySelector('[data-testid="import-progress"]');
            const cancel = document.querySelector<HTMLButtonElement>('[data-testid="import-cancel"]');
            if (line === null || cancel === null || Number(line.getAttribute("data-bytes-read") ?? "0") <= 0) return;
            observer.disconnect();
            cancel.click();
            resolve();
          };
          const observer = new MutationObserver(cancelOnceUnderWay);
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-bytes-read"] });
        }),
    );
    await page.getByTestId("import-file").setInputFiles(harPath);
    await cancelled;
    const progress = page.getByTestId("import-progress");
    await expect.poll(() => page.getByTestId("import-status").innerText()).toBe("large.har: Import cancelled.");
    expect(await progress.count()).toBe(0);
    // The import's worker is gone: nothing of the file can arrive any more.
    await closed(workers.find((url) => url.endsWith("/import-worker.js")) ?? "import-worker.js");
    expect(await page.getByTestId("empty-list").count()).toBe(1);
    await page.close();
  });
});
