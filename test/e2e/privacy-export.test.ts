/**
 * Privacy of a capture: a real login on the demo bench, recorded by the standalone recorder in Debian Chromium (with
 * the browser's session cookie, which Chrome only hands to the recorder through `extraHeaders`), exported through the
 * recorder page's Export button with its default redaction. The secrets are taken from what was really captured —
 * the user's e-mail, the NameID, every attribute value, the IdP certificate, the SignatureValue, the cookie value —
 * and none of them may appear in the download in any form (test/support/leaks.ts). The same export without
 * redaction holds every one of them, so the search can fail.
 */
import { readFile } from "node:fs/promises";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { DEMO_USER, startBench, type Bench } from "../harness/bench.js";
import { requirePythonSaml } from "../harness/sp/index.js";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, tempProfile, until } from "./support/browsers.js";
import { storedRecords as readStoredRecords } from "./support/recorder-store.js";
import { leakReport } from "../support/leaks.js";

requireBrowser(CHROMIUM);
requirePythonSaml();

/** A session cookie of the IdP's host, as a browser that logged in before would send it. */
const SESSION_COOKIE = { name: "KEYCLOAK_SESSION", value: "acme/7f3c9e21-seeded-session-4b8d-a6f0-93e1c2d45b77" };

const storedRecords = z.object({
  recorder: z.object({
    records: z.array(
      z.object({
        url: z.string(),
        form: z.optional(z.record(z.string(), z.string())),
        headers: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))),
      }),
    ),
  }),
});

const harText = z.object({
  log: z.object({
    entries: z.array(z.object({ request: z.object({ url: z.string(), headers: z.array(z.object({ name: z.string(), value: z.string() })), cookies: z.optional(z.array(z.object({ name: z.string(), value: z.string() }))) }) })),
  }),
});

/** Every text value of the elements with this local name, whatever the namespace prefix, without whitespace. */
function valuesOf(xml: string, localName: string): string[] {
  return [...xml.matchAll(new RegExp(`<(?:[\\w-]+:)?${localName}\\b[^>]*>([^<]+)</`, "g"))].map((match) => (match[1] ?? "").replace(/\s+/g, ""));
}

describe("Chromium: a recorded login, exported", () => {
  let bench: Bench;
  let context: BrowserContext;
  let profile: { dir: string; remove: () => Promise<void> };
  let recorder: Page;
  let secrets: Record<string, string>;

  async function download(): Promise<string> {
    const saved = recorder.waitForEvent("download");
    await recorder.getByTestId("export").click();
    const path = await (await saved).path();
    return readFile(path, "utf8");
  }

  beforeAll(async () => {
    bench = await startBench();
    profile = await tempProfile("privacy-export");
    const launched = await launchChromiumWithExtension(profile.dir, { acceptDownloads: true });
    context = launched.context;
    const worker = launched.worker;
    await context.addCookies([{ ...SESSION_COOKIE, url: bench.harness.url }]);
    recorder = await context.newPage();
    await recorder.goto(`chrome-extension://${new URL(worker.url()).host}/recorder.html`);
    await recorder.getByTestId("recorder-sites").fill(`${bench.harness.url} ${bench.sp.urlPrefix}`);
    await recorder.getByTestId("recorder-start").click();
    await until(async () => (await recorder.getByTestId("recorder-status").innerText()).includes("Recording"), "the recorder to start");

    const login = await context.newPage();
    await login.goto(bench.sp.loginUrl("acme-ok"));
    await login.locator("#username").fill(DEMO_USER.username);
    await login.locator("#password").fill(DEMO_USER.password);
    await Promise.all([login.waitForURL((url) => url.href.startsWith(bench.sp.urlPrefix)), login.locator("#kc-login").click()]);
    await login.close();
    await until(async () => (await recorder.locator(".mrow").count()) === 2, "two recorded messages");
    await recorder.bringToFront();

    // The secrets, from what the recorder really holds (storage.session, before any export).
    const stored = z.parse(storedRecords, { recorder: { records: await recorder.evaluate(readStoredRecords) } });
    const response = stored.recorder.records.find((record) => record.form?.SAMLResponse !== undefined)?.form?.SAMLResponse ?? "";
    const xml = Buffer.from(response, "base64").toString("utf8");
    const user = z.parse(z.array(z.object({ username: z.string(), email: z.string() })), bench.harness.context.store.realm("acme")?.users).find((candidate) => candidate.username === DEMO_USER.username);
    const attributeValues = Object.fromEntries(valuesOf(xml, "AttributeValue").map((value, index) => [`attribute value ${index + 1}`, value]));
    secrets = {
      "user e-mail": user?.email ?? "",
      NameID: valuesOf(xml, "NameID")[0] ?? "",
      ...attributeValues,
      certificate: valuesOf(xml, "X509Certificate")[0] ?? "",
      SignatureValue: valuesOf(xml, "SignatureValue")[0] ?? "",
      "cookie value": SESSION_COOKIE.value,
    };
  });

  afterAll(async () => {
    await context?.close();
    await bench?.close();
    await profile?.remove();
  });

  it("captured the secrets: a signed Response with NameID, attributes, certificate, and the session cookie", async () => {
    for (const [name, value] of Object.entries(secrets)) expect(value.length, name).toBeGreaterThan(3);
    expect(Object.keys(secrets).filter((name) => name.startsWith("attribute value")).length).toBeGreaterThan(0);
    // The cookie travelled with the SAML requests to the IdP, and the recorder kept it (Chrome: `extraHeaders`).
    const stored = z.parse(storedRecords, { recorder: { records: await recorder.evaluate(readStoredRecords) } });
    const toIdp = stored.recorder.records.filter((record) => record.url.startsWith(bench.harness.url));
    expect(toIdp.length).toBeGreaterThan(0);
    for (const record of toIdp) {
      expect(record.headers?.find((header) => header.name.toLowerCase() === "cookie")?.value).toContain(`${SESSION_COOKIE.name}=${SESSION_COOKIE.value}`);
    }
  });

  it("redacts by default: no secret appears in the download in any form, the cookie's name stays", async () => {
    expect(await recorder.getByTestId("export-redact").isChecked()).toBe(true);
    const text = await download();
    expect(leakReport(text, secrets)).toEqual({});
    const har = z.parse(harText, JSON.parse(text));
    expect(har.log.entries).toHaveLength(2);
    const toIdp = har.log.entries.find((entry) => entry.request.url.startsWith(bench.harness.url))?.request;
    expect(toIdp?.headers.find((header) => header.name.toLowerCase() === "cookie")?.value).toMatch(new RegExp(`${SESSION_COOKIE.name}=REDACTED`));
    expect(toIdp?.cookies).toContainEqual({ name: SESSION_COOKIE.name, value: "REDACTED" });
  });

  it("the shared file, opened in the panel, keeps the login's verdict: its masked signature is shown as masked, not as invalid", async () => {
    const shared = await download();
    const panel = await context.newPage();
    try {
      await panel.goto(`chrome-extension://${new URL(recorder.url()).host}/panel.html`);
      await panel.getByTestId("import-file").setInputFiles({ name: "shared.har", mimeType: "application/json", buffer: Buffer.from(shared) });
      await expect.poll(() => panel.getByTestId("import-status").innerText()).toBe("shared.har: 2 SAML messages in 2 requests.");
      const response = panel.locator(".mrow").filter({ hasText: "Response" });
      await expect.poll(() => response.locator("[data-verdict]").getAttribute("data-verdict")).not.toBe("pending");
      expect(await response.locator("[data-verdict]").getAttribute("data-verdict")).not.toBe("reject");
      await response.click();
      await panel.getByRole("tab", { name: /^Signature/ }).click();
      const tab = panel.getByTestId("tab-signature");
      // The bench's client signs the document and the assertion: both are masked.
      expect(await tab.getByTestId("digest-check").allInnerTexts()).toEqual(["Digest: masked in this capture (redacted)", "Digest: masked in this capture (redacted)"]);
      expect(await tab.getByTestId("signature-value-check").allInnerTexts()).toEqual(["Signature value: masked in this capture (redacted)", "Signature value: masked in this capture (redacted)"]);
    } finally {
      await panel.close();
    }
  });

  it("without redaction, the export holds every one of them (what the search above would find)", async () => {
    await recorder.getByTestId("export-redact").uncheck();
    expect(await recorder.getByTestId("redact-warning").innerText()).toContain("personal data");
    const report = leakReport(await download(), secrets);
    expect(Object.keys(report).sort()).toEqual(Object.keys(secrets).sort());
    await recorder.getByTestId("export-redact").check();
  });
});
