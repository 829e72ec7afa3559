/**
 * The standalone recorder in Chromium with thousands of records: requests carrying SAMLRequest, sent one after the
 * other from a page on a recorded site, are kept in order within the user's cap, the dropped ones counted, all of it
 * surviving a stop of the MV3 service worker. And Clear means gone: the list's Clear forgets the stored recording, so
 * a reload of the page does not bring the messages back.
 */
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, tempProfile, until } from "./support/browsers.js";
import { startPageServer, type PageServer } from "./support/pages.js";
import { storedRecords } from "./support/recorder-store.js";

requireBrowser(CHROMIUM);

const CAP = 2000;
const SENT = 2500;

describe("Chromium: the recorder with thousands of records", () => {
  let server: PageServer;
  let context: BrowserContext;
  let profile: { dir: string; remove: () => Promise<void> };
  let recorder: Page;
  let site: Page;

  const status = () => recorder.getByTestId("recorder-status").innerText();
  const kept = async () => Number(/(\d+) kept/.exec(await status())?.[1]);
  const dropped = async () => Number(/(\d+) older dropped/.exec(await status())?.[1] ?? 0);
  const shown = () => recorder.getByTestId("shown-count").innerText();
  /** The RelayState of each record in storage.session, in the recorder's numbering (capture order). */
  const stored = async () => (await recorder.evaluate(storedRecords)).map((record) => Number(new URL((record as { url: string }).url).searchParams.get("RelayState")));

  /** Requests `from` … `to - 1`, one after the other, each with SAMLRequest and its number as RelayState. */
  async function send(from: number, to: number): Promise<void> {
    await site.evaluate(
      async ([from, to]) => {
        for (let n = from; n < to; n++) await fetch(`/saml?SAMLRequest=request-${n}&RelayState=${n}`).catch(() => undefined);
      },
      [from, to] as const,
    );
  }

  beforeAll(async () => {
    server = await startPageServer();
    profile = await tempProfile("recorder-large");
    let extensionId: string;
    ({ context, extensionId } = await launchChromiumWithExtension(profile.dir));
    recorder = await context.newPage();
    await recorder.goto(`chrome-extension://${extensionId}/recorder.html`);
    site = await context.newPage();
    await site.goto(server.decoyUrl);
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await profile?.remove();
  });

  it(`keeps the last ${CAP} of ${SENT} requests in order, counts the ${SENT - CAP} dropped, and loses nothing when the worker stops`, async () => {
    await recorder.getByTestId("recorder-cap").fill(String(CAP));
    await recorder.getByTestId("recorder-cap").dispatchEvent("change");
    await recorder.getByTestId("recorder-sites").fill(server.origin);
    await recorder.getByTestId("recorder-start").click();
    await until(async () => (await status()).startsWith("Recording"), "the recorder to start");
    await send(0, SENT);
    await until(async () => (await dropped()) === SENT - CAP || undefined, `${SENT - CAP} dropped`, 60_000);
    expect(await kept()).toBe(CAP);
    expect(await stored()).toEqual(Array.from({ length: CAP }, (_, i) => SENT - CAP + i));

    const cdp = await context.newCDPSession(recorder);
    await cdp.send("ServiceWorker.enable");
    await cdp.send("ServiceWorker.stopAllWorkers");
    await recorder.reload();
    await until(async () => (await shown()) === `${CAP} messages` || undefined, "the kept requests listed again", 60_000);
    expect(await status()).toMatch(new RegExp(`^Recording .* · ${CAP} kept · ${SENT - CAP} older dropped`));

    // The restarted worker goes on where the stopped one was: the next request pushes out the oldest.
    await send(SENT, SENT + 1);
    await until(async () => (await dropped()) === SENT - CAP + 1 || undefined, "one more dropped");
    expect(await kept()).toBe(CAP);
    const after = await stored();
    expect([after[0], after.at(-1), after.length]).toEqual([SENT - CAP + 1, SENT, CAP]);
    await until(async () => (await shown()) === `${CAP + 1} messages` || undefined, "the new request listed");
  });

  it("Clear empties the list and the stored recording: a reload brings nothing back, and recording goes on", async () => {
    await recorder.getByTestId("clear").click();
    await until(async () => (await kept()) === 0 || undefined, "the stored recording forgotten");
    expect(await recorder.getByTestId("empty-list").count()).toBe(1);
    expect(await stored()).toEqual([]);
    await recorder.reload();
    await until(async () => (await status()).startsWith("Recording") || undefined, "the reloaded page");
    await send(SENT + 1, SENT + 2);
    await until(async () => (await kept()) === 1 || undefined, "the next request recorded");
    await until(async () => (await shown()) === "1 messages" || undefined, "only the new request listed");
    expect(await stored()).toEqual([SENT + 1]);
  });
});
