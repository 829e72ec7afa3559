/**
 * The SAML panel as a plain page of the test build in Debian Chromium, fed through its real HAR import (the file
 * input), with the signed captures of test/fixtures/panel (regenerate with `node test/fixtures/panel/generate.mjs`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { logoutRequest, signedQuery, slsUrl } from "../unit/core/redirect-signing.js";
import { requireBrowser, CHROMIUM, launchChromiumWithExtension, ROOT, tempProfile } from "./support/browsers.js";

requireBrowser(CHROMIUM);
const FIXTURES = join(ROOT, "test/fixtures/panel");
const sessionHar = readFileSync(join(FIXTURES, "session.har"));
const metadata = readFileSync(join(FIXTURES, "idp-metadata.xml"), "utf8");

/** 10,000 Redirect AuthnRequests, one second apart, as a HAR file. */
function bigHar(count: number): Buffer {
  const entries = [];
  for (let i = 0; i < count; i++) {
    const xml = `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="req_${i}" Version="2.0" IssueInstant="2025-06-01T12:00:00Z" Destination="https://keycloak.example.com/realms/demo/protocol/saml" AssertionConsumerServiceURL="https://sentry.example.com/saml/acs/acme/"><saml:Issuer>https://sentry.example.com/saml/metadata/acme/</saml:Issuer></samlp:AuthnRequest>`;
    const url = `https://keycloak.example.com/realms/demo/protocol/saml?${new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(xml)).toString("base64") })}`;
    entries.push({ startedDateTime: new Date(Date.UTC(2025, 5, 1, 12) + i * 1000).toISOString(), request: { method: "GET", url, headers: [] }, response: { status: 200, headers: [] } });
  }
  return Buffer.from(JSON.stringify({ log: { version: "1.2", entries } }));
}

describe("Chromium: the SAML panel as a page", () => {
  let profile: { dir: string; remove: () => Promise<void> };
  let context: BrowserContext;
  let extensionId: string;
  let panel: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    profile = await tempProfile("panel");
    ({ context, extensionId } = await launchChromiumWithExtension(profile.dir, { viewport: { width: 1280, height: 800 } }));
  });

  afterAll(async () => {
    await context?.close();
    await profile?.remove();
  });

  async function openPanel(): Promise<Page> {
    const page = await context.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`chrome-extension://${extensionId}/panel.html`);
    await page.getByTestId("empty-list").waitFor();
    return page;
  }

  async function importSession(page: Page): Promise<void> {
    await page.getByTestId("import-file").setInputFiles({ name: "session.har", mimeType: "application/json", buffer: sessionHar });
    await expect.poll(() => page.getByTestId("import-status").innerText()).toBe("session.har: 8 SAML messages in 8 requests.");
    await expect.poll(() => page.locator('.mrow [data-verdict="pending"]').count()).toBe(0);
  }

  const rowVerdicts = (page: Page) => page.locator(".mrow").evaluateAll((rows) => rows.map((row) => [row.querySelector(".kind")?.textContent, row.querySelector("[data-verdict]")?.getAttribute("data-verdict")]));
  const selectRow = (page: Page, index: number) => page.locator(`.mrow[data-row="${index}"]`).click();
  const openTab = (page: Page, name: string) => page.getByRole("tab", { name: new RegExp(`^${name}`) }).click();

  beforeEach(async () => {
    await panel?.close();
    panel = await openPanel();
    await importSession(panel);
  });

  it("imports a HAR and lists each message with direction, kind, binding, issuer and verdict badge", async () => {
    expect(await rowVerdicts(panel)).toEqual([
      ["AuthnRequest", "accept"],
      // Sentry's answers are in the capture (on into the organization, or back to its login page): they decide.
      ["Response", "accept"],
      ["Response", "reject"],
      ["Response", "reject"],
      ["Response", "accept"],
      ["LogoutRequest", "accept"],
      // No profile, no IdP metadata: Sentry's SLS would follow it if the Issuer is the IdP it trusts, and it says so.
      ["LogoutResponse", "unverified"],
      ["AuthnRequest", "reject"],
    ]);
    expect(await panel.locator('.mrow[data-row="6"] [data-verdict]').innerText()).toBe("Accepted if the Issuer is the IdP the SP trusts");
    expect(await panel.locator('.mrow[data-row="1"] [data-verdict]').getAttribute("title")).toBe(
      "Sentry accepted this Response: Sentry logged the user in and sent the browser on to https://sentry.example.com/organizations/acme/. " +
        'The checks here predicted a refusal (attribute.missing-identifier) because they assumed Sentry\'s attribute mapping is IdP User ID = "user_id" and User Email = "user_email" (not given): Sentry\'s own mapping differs.',
    );
    const first = panel.locator('.mrow[data-row="0"]');
    expect(await first.locator(".direction").innerText()).toBe("SP → IdP");
    expect(await first.locator(".binding").innerText()).toBe("Redirect");
    expect(await first.locator(".issuer").innerText()).toBe("https://sentry.example.com/saml/metadata/acme/");
    expect(await panel.locator('.mrow[data-row="1"] .direction').innerText()).toBe("IdP → SP");
    expect(await panel.locator('.mrow[data-row="1"] .binding').innerText()).toBe("POST");
  });

  it("filters by kind and errors, and searches attribute values", async () => {
    const shown = () => panel.locator(".mrow").evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("data-row"))));
    await panel.getByTestId("filter-kind").selectOption("Response");
    await expect.poll(shown).toEqual([1, 2, 3, 4]);
    await panel.getByTestId("filter-errors").check();
    await expect.poll(shown).toEqual([2, 3]);
    expect(await panel.getByTestId("shown-count").innerText()).toBe("2 of 8 messages");
    await panel.getByTestId("filter-kind").selectOption("all");
    await expect.poll(shown).toEqual([2, 3, 7]);
    await panel.getByTestId("filter-errors").uncheck();
    await panel.getByTestId("search").fill("avatar");
    await expect.poll(shown).toEqual([4]);
    await panel.getByTestId("search").fill("logoutresponse ONELOGIN_logout_1");
    await expect.poll(shown).toEqual([6]);
  });

  it("groups exchanges in the flow view: login pair with its timing, IdP-initiated marked, logout pair, unanswered request", async () => {
    await panel.getByTestId("view-flows").click();
    const flows = panel.getByTestId("flow");
    await expect.poll(() => flows.count()).toBe(6);
    expect(await flows.nth(0).getByTestId("flow-step").count()).toBe(2);
    expect(await flows.nth(0).getByTestId("elapsed").innerText()).toBe("+2.5 s");
    expect(await flows.nth(3).getAttribute("data-idp-initiated")).toBe("true");
    expect(await flows.nth(3).innerText()).toContain("IdP-initiated");
    expect(await flows.nth(4).getAttribute("data-flow-kind")).toBe("logout");
    expect(await flows.nth(4).getByTestId("elapsed").innerText()).toBe("+1.2 s");
    expect(await flows.nth(5).innerText()).toContain("no response captured");
    await flows.nth(4).getByTestId("flow-step").nth(1).click();
    expect(await panel.getByTestId("detail-kind").innerText()).toBe("LogoutResponse");
  });

  it("Summary, Attributes, Diagnostics, XML and HTTP tabs show the selected message", async () => {
    await selectRow(panel, 1);
    const summary = panel.getByTestId("tab-summary");
    expect(await summary.getByTestId("summary-issuer").innerText()).toBe("https://keycloak.example.com/realms/demo");
    expect(await summary.getByTestId("summary-audience").innerText()).toBe("https://sentry.example.com/saml/metadata/acme/");
    expect(await summary.getByTestId("summary-nameid").innerText()).toBe("jöran.müller@example.com");
    expect(await summary.getByTestId("summary-notonorafter").innerText()).toContain("1 min 0 s after capture");

    await selectRow(panel, 3);
    await openTab(panel, "Attributes");
    const attributes = panel.getByTestId("tab-attributes");
    expect(await attributes.locator('[data-duplicate="true"]').count()).toBe(2);
    expect(await attributes.getByTestId("duplicate-warning").innerText()).toContain('"Role"');

    await selectRow(panel, 2);
    await openTab(panel, "Diagnostics");
    const finding = panel.locator('[data-finding-id="signature.invalid"]');
    expect(await finding.innerText()).toContain("does not verify");
    expect(await finding.getByTestId("finding-receiver-message").innerText()).toBe("Signature validation failed. SAML Response rejected");

    await selectRow(panel, 7);
    expect(await panel.locator('[data-finding-id="idp.error-page"]').getByTestId("finding-receiver-message").innerText()).toBe("Invalid requester");

    // In the browser, the fix names the panel's control (not the CLI's --idp-cert), and sources are public addresses.
    await selectRow(panel, 1);
    const notChecked = panel.locator('[data-finding-id="signature.not-checked"]');
    expect(await notChecked.locator(".fix").innerText()).toContain("Remember the IdP certificate in the panel (Signature tab");
    expect(await panel.getByTestId("tab-diagnostics").innerText()).not.toMatch(/--idp|docs: |\.md\b/);
    expect(await notChecked.locator(".source").innerText()).toContain("https://github.com/SAML-Toolkits/python3-saml/blob/v1.15.0/src/onelogin/saml2/response.py");

    await selectRow(panel, 1);
    await openTab(panel, "XML");
    const tree = panel.getByTestId("xml-tree");
    expect(await tree.locator(".xml-tag").first().innerText()).toBe("samlp:Response");
    const signatureToggle = tree.getByRole("button", { name: "Expand ds:Signature" });
    expect(await signatureToggle.getAttribute("aria-expanded")).toBe("false");
    await signatureToggle.click();
    expect(await tree.getByRole("button", { name: "Collapse ds:Signature" }).getAttribute("aria-expanded")).toBe("true");
    expect(await tree.innerText()).toContain("ds:SignatureValue");
    await panel.getByTestId("copy-xml").click();
    await expect.poll(() => panel.getByTestId("copy-xml").innerText()).toBe("Copied");

    await openTab(panel, "HTTP");
    const http = panel.getByTestId("tab-http");
    expect(await http.getByTestId("http-method").innerText()).toBe("POST");
    expect(await http.getByTestId("http-url").innerText()).toBe("https://sentry.example.com/saml/acs/acme/");
    expect(await http.getByTestId("http-status").innerText()).toBe("302 Found");
    expect(await http.getByTestId("http-location").innerText()).toBe("https://sentry.example.com/organizations/acme/");
    expect(await http.getByTestId("http-relaystate").innerText()).toBe("https://sentry.example.com/organizations/acme/");
  });

  it("Signature: pasting the IdP metadata verifies the signature against it and is remembered for that IdP", async () => {
    await selectRow(panel, 1);
    await openTab(panel, "Signature");
    const tab = panel.getByTestId("tab-signature");
    expect(await tab.getByTestId("trust-check").innerText()).toContain("no certificate supplied");
    await tab.getByTestId("trust-input").fill("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----");
    await tab.getByTestId("trust-save").click();
    await expect.poll(() => tab.getByTestId("trust-error").innerText()).toContain("Never share the private key");
    await tab.getByTestId("trust-input").fill(metadata);
    await tab.getByTestId("trust-save").click();
    await expect.poll(() => tab.getByTestId("trust-status").innerText()).toContain("1 certificate trusted for https://keycloak.example.com/realms/demo (from metadata)");
    await expect.poll(() => panel.locator('.mrow[data-row="1"] [data-verdict]').getAttribute("data-verdict")).toBe("accept");
    await expect.poll(() => tab.getByTestId("trust-check").innerText()).toContain("matches a certificate you supplied");
    expect(await tab.getByTestId("digest-check").innerText()).toBe("Digest: valid");
    expect(await tab.getByTestId("signature-value-check").innerText()).toBe("Signature value: valid");
    expect(await tab.getByTestId("certificate-subject").first().innerText()).toContain("saml-lens test idp");

    // Remembered: a new panel (same profile) verifies at once.
    const again = await openPanel();
    await importSession(again);
    expect(await again.locator('.mrow[data-row="1"] [data-verdict]').getAttribute("data-verdict")).toBe("accept");
    await again.close();
  });

  it("Signature: a logout signed in its query string is checked as Sentry checks it, once the IdP certificate is given", async () => {
    const entry = (id: string, key: "idp" | "other") => ({
      startedDateTime: "2025-06-01T12:00:00.000Z",
      request: { method: "GET", url: `${slsUrl}?${signedQuery({ xml: logoutRequest(id), relayState: id, key })}`, headers: [] },
      response: { status: 302, headers: [] },
    });
    const page = await openPanel();
    // Which messages Sentry receives is known from the Sentry profile (a LogoutRequest goes either way).
    await page.getByTestId("profile-kind").selectOption("sentry");
    await page.getByTestId("profile-urlPrefix").fill("https://sentry.example.com");
    await page.getByTestId("profile-orgSlug").fill("acme");
    await page.getByTestId("profile-apply").click();
    const har = Buffer.from(JSON.stringify({ log: { version: "1.2", entries: [entry("q1", "idp"), entry("q2", "other")] } }));
    await page.getByTestId("import-file").setInputFiles({ name: "logout.har", mimeType: "application/json", buffer: har });
    await expect.poll(() => page.getByTestId("import-status").innerText()).toBe("logout.har: 2 SAML messages in 2 requests.");
    await selectRow(page, 1);
    await openTab(page, "Signature");
    const tab = page.getByTestId("tab-signature");
    // The IdP's certificate may be remembered from an earlier test of this browser profile: give it (again).
    await tab.getByTestId("trust-input").fill(metadata);
    await tab.getByTestId("trust-save").click();
    await expect.poll(() => rowVerdicts(page)).toEqual([
      ["LogoutRequest", "accept"],
      ["LogoutRequest", "reject"],
    ]);
    await expect.poll(() => tab.getByTestId("query-signature-sentry").innerText()).toBe("As Sentry (python3-saml) checks it: does not verify");
    await selectRow(page, 0);
    await expect.poll(() => page.getByTestId("query-signature-sentry").innerText()).toBe("As Sentry (python3-saml) checks it: valid");
    expect(await page.getByTestId("query-signature-as-sent").innerText()).toBe("Over the query as sent: valid");
    await selectRow(page, 1);
    await openTab(page, "Summary");
    expect(await page.locator(".receiver-message").innerText()).toBe(
      "The SP ignores it without showing an error; python3-saml reports: Signature validation failed. Logout Request rejected",
    );
    await page.close();
  });

  it("Diagnostics lists security findings in their own group, counted apart from the receiver's findings", async () => {
    await selectRow(panel, 1);
    await openTab(panel, "Diagnostics");
    const group = panel.getByTestId("security-findings");
    expect(await group.locator("h3").innerText()).toBe("Security");
    const finding = group.locator('[data-finding-id="security.unsigned-assertion"]');
    expect(await finding.getAttribute("data-testid")).toBe("security-finding");
    expect(await finding.innerText()).toContain("The Response is signed but the Assertion inside it is not.");
    // The fit list (what decides the verdict) holds no security finding.
    expect(await panel.locator('[data-testid="finding"][data-finding-id^="security."]').count()).toBe(0);
    expect(await panel.getByRole("tab", { name: /^Diagnostics/ }).getByTestId("security-count").innerText()).toBe("1");
  });

  it("Sentry profile: a Response is judged by the organization whose ACS it was posted to, and the profile is remembered", async () => {
    await panel.getByTestId("profile-kind").selectOption("sentry");
    await panel.getByTestId("profile-urlPrefix").fill("https://sentry.example.com");
    await panel.getByTestId("profile-orgSlug").fill("other-org");
    await panel.getByTestId("profile-apply").click();
    await expect.poll(() => panel.getByTestId("profile-status").innerText()).toContain("ACS https://sentry.example.com/saml/acs/other-org/");
    await expect.poll(() => panel.locator('.mrow[data-row="1"] [data-verdict]').getAttribute("data-verdict")).toBe("accept");
    await selectRow(panel, 1);
    await openTab(panel, "Diagnostics");
    // Posted to …/saml/acs/acme/: acme's Sentry judged it, and nothing says "received at …/other-org/".
    expect(await panel.locator('[data-finding-id="response.destination-mismatch"]').count()).toBe(0);
    expect(await panel.getByTestId("detail").innerText()).not.toContain("other-org");
    const again = await openPanel();
    await expect.poll(() => again.getByTestId("profile-status").innerText()).toContain("other-org");
    await again.getByTestId("profile-kind").selectOption("none");
    await again.close();
  });

  it("keyboard: ↑ ↓ Home End move the selection, Enter moves focus to the details", async () => {
    const list = panel.getByTestId("message-rows");
    await list.focus();
    const selected = () => panel.locator('.vrow[aria-selected="true"] .mrow').getAttribute("data-row");
    await panel.keyboard.press("ArrowDown");
    expect(await selected()).toBe("0");
    await panel.keyboard.press("ArrowDown");
    await panel.keyboard.press("ArrowDown");
    expect(await selected()).toBe("2");
    await panel.keyboard.press("ArrowUp");
    expect(await selected()).toBe("1");
    await panel.keyboard.press("End");
    expect(await selected()).toBe("7");
    expect(await panel.getByTestId("detail-kind").innerText()).toBe("AuthnRequest");
    await panel.keyboard.press("Home");
    expect(await selected()).toBe("0");
    expect(await list.getAttribute("aria-activedescendant")).toBe("message-0");
    await panel.keyboard.press("Enter");
    expect(await panel.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("tab");
    await panel.keyboard.press("ArrowRight");
    expect(await panel.evaluate(() => document.activeElement?.textContent)).toBe("Attributes");
  });

  it("hostile values (<script>, <img onerror>, javascript: URLs, HTML in a comment) render as inert text", async () => {
    await selectRow(panel, 4);
    expect(await panel.getByTestId("summary-nameid").innerText()).toBe(`<img src=x onerror="window.__samlLensXss = 'img'">`);
    await openTab(panel, "Attributes");
    const values = await panel.getByTestId("attribute-value").allInnerTexts();
    expect(values).toContain(`<script>window.__samlLensXss = "script"</script>`);
    expect(values).toContain(`<img src=x onerror="window.__samlLensXss = 'img'">`);
    expect(values).toContain("javascript:window.__samlLensXss='url'");
    await openTab(panel, "XML");
    await panel.getByTestId("download-xml-redact").uncheck();
    expect(await panel.getByTestId("xml-tree").innerText()).toContain(`<!--<img src=y onerror="window.__samlLensXss = 'comment'">-->`);
    await openTab(panel, "HTTP");
    expect(await panel.getByTestId("http-relaystate").innerText()).toBe("javascript:window.__samlLensXss='relay'");
    // An image asked for now has failed: so has any image the rendering made (in the page or detached), and its
    // onerror, had it one, has run.
    await panel.evaluate(() => new Promise((resolve) => Object.assign(new Image(), { onerror: resolve, src: "/no-such-image.png" })));
    const state = await panel.evaluate(() => ({
      flag: (window as unknown as { __samlLensXss?: string }).__samlLensXss,
      images: document.querySelectorAll("img").length,
      scripts: document.querySelectorAll("script").length,
      links: document.querySelectorAll("a[href]").length,
    }));
    expect(state).toEqual({ flag: undefined, images: 0, scripts: 1, links: 0 });
    expect(dialogs).toEqual([]);
  });

  it("exports the capture as HAR, redacted by default; the export imports again (unredacted: with the same verdicts)", async () => {
    const exported = async () => {
      const download = panel.waitForEvent("download");
      await panel.getByTestId("export").click();
      const path = await (await download).path();
      return readFileSync(path);
    };
    const reimport = async (name: string, buffer: Buffer) => {
      const page = await openPanel();
      await page.getByTestId("import-file").setInputFiles({ name, mimeType: "application/json", buffer });
      await expect.poll(() => page.getByTestId("import-status").innerText()).toBe(`${name}: 8 SAML messages in 8 requests.`);
      await expect.poll(() => page.locator('.mrow [data-verdict="pending"]').count()).toBe(0);
      return page;
    };
    const redacted = await reimport("redacted.har", await exported());
    await redacted.locator('.mrow[data-row="1"]').click();
    const maskedNameId = await redacted.getByTestId("summary-nameid").innerText();
    expect(maskedNameId).not.toContain("jöran");
    expect(await redacted.locator(".mrow .kind").allInnerTexts()).toEqual(await panel.locator(".mrow .kind").allInnerTexts());
    await redacted.close();

    await panel.getByTestId("export-redact").uncheck();
    expect(await panel.getByTestId("redact-warning").innerText()).toContain("personal data");
    const full = await reimport("full.har", await exported());
    expect(await rowVerdicts(full)).toEqual(await rowVerdicts(panel));
    await full.locator('.mrow[data-row="1"]').click();
    expect(await full.getByTestId("summary-nameid").innerText()).toBe("jöran.müller@example.com");
    await full.close();
  });

  it("XML tab: the view and the download are redacted by default; both unredacted (as received) on request", async () => {
    const har = JSON.parse(sessionHar.toString("utf8")) as { log: { entries: { request: { postData?: { text?: string } } }[] } };
    const body = new URLSearchParams(har.log.entries[1]?.request.postData?.text ?? "");
    const received = Buffer.from(body.get("SAMLResponse") ?? "", "base64").toString("utf8");
    const responseId = /<samlp:Response[^>]*\sID="([^"]+)"/.exec(received)?.[1];
    expect(received).toContain("jöran.müller@example.com");
    const downloaded = async () => {
      const download = panel.waitForEvent("download");
      await panel.getByTestId("download-xml").click();
      const file = await download;
      return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
    };
    await selectRow(panel, 1);
    await openTab(panel, "XML");
    // What the tab shows follows the same switch: no e-mail in clear while "Redact" is ticked.
    const tree = panel.getByTestId("xml-tree");
    expect(await panel.getByTestId("download-xml-redact").isChecked()).toBe(true);
    expect(await tree.innerText()).toContain("saml:NameID");
    expect(await tree.innerText()).not.toContain("jöran");
    const redacted = await downloaded();
    expect(redacted.name).toBe(`Response-${responseId}-redacted.xml`);
    expect(redacted.text).toContain(`ID="${responseId}"`);
    expect(redacted.text).not.toContain("jöran");
    expect(redacted.text).not.toContain("@example.com<");

    await panel.getByTestId("download-xml-redact").uncheck();
    expect(await panel.getByTestId("download-xml-warning").innerText()).toContain("personal data");
    expect(await tree.innerText()).toContain("jöran.müller@example.com");
    const original = await downloaded();
    expect(original.name).toBe(`Response-${responseId}.xml`);
    expect(original.text).toBe(received);

    await panel.getByTestId("download-xml-layout").selectOption("pretty");
    const pretty = await downloaded();
    expect(pretty.name).toBe(`Response-${responseId}-pretty.xml`);
    expect(pretty.text).toContain("jöran.müller@example.com</saml:NameID>");
    expect(pretty.text.split("\n").length).toBeGreaterThan(received.split("\n").length);
  });

  it("Clear empties the list", async () => {
    await panel.getByTestId("clear").click();
    await panel.getByTestId("empty-list").waitFor();
  });

  it("10,000 messages: the list keeps a few dozen rows in the DOM and scrolls to the last one", async () => {
    const page = await openPanel();
    await page.getByTestId("import-file").setInputFiles({ name: "big.har", mimeType: "application/json", buffer: bigHar(10_000) });
    await expect.poll(() => page.getByTestId("shown-count").innerText(), { timeout: 30_000 }).toBe("10000 messages");
    const list = page.getByTestId("message-rows");
    expect(await list.getAttribute("data-count")).toBe("10000");
    const domRows = () => page.locator(".vrow").count();
    expect(await domRows()).toBeLessThan(60);
    await list.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect.poll(() => page.locator('.mrow[data-row="9999"]').count()).toBe(1);
    expect(await domRows()).toBeLessThan(60);
    await list.evaluate((element) => {
      element.scrollTop = element.scrollHeight / 2;
    });
    await expect.poll(() => page.locator('.mrow[data-row="5000"]').count()).toBe(1);
    await list.focus();
    await page.keyboard.press("End");
    expect(await page.locator('.vrow[aria-selected="true"] .mrow').getAttribute("data-row")).toBe("9999");
    await expect.poll(() => page.locator('.mrow[data-row="9999"] [data-verdict]').getAttribute("data-verdict"), { timeout: 60_000 }).toBe("accept");
    await page.close();
  });
});
