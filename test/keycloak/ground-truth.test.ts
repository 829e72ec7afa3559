/**
 * The ground truth: for each client setting the checker knows that can break Sentry's login or logout, a real login
 * (or logout) in Debian Chromium between the real Keycloak server and the Sentry-grade SP (python3-saml as Sentry
 * configures it). What really happened is recorded, then compared with both predictions:
 * - `check-client` on the client as the server exports it (Realm settings → Partial export): its finding names the
 *   setting, and it reports an error exactly when the login failed;
 * - the analysis of the HAR of the run: the verdict of the message's receiver, and the text the user saw.
 * Each release's rows are written to `.cache/keycloak/ground-truth-<version>.json` (`npm run ground-truth` renders
 * them into docs/keycloak-ground-truth.md).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { analyzeFile } from "../../src/core/analyze/analyze-file.js";
import type { AnalyzedMessage } from "../../src/core/analyze/result.js";
import { defaultVerifier } from "../../src/core/analyze/signatures.js";
import { checkClientExport } from "../../src/core/client-check/check-client.js";
import { certificatesFromPem } from "../../src/core/saml/signature/trusted-certificates.js";
import { requireBrowser, CHROMIUM, CHROMIUM_ARGS } from "../e2e/support/browsers.js";
import { BENCH_USER } from "../harness/idp/sentry-clients.js";
import { startSentrySp, type SentrySp, type SpResult } from "../harness/sp/index.js";
import { KeycloakAdmin, type JsonRecord } from "./admin.js";
import { KEYCLOAK_CACHE } from "./distribution.js";
import { GROUND_TRUTH_CASES, type GroundTruthCase } from "./ground-truth-cases.js";
import { descriptorCertificate, REALM, SENTRY_MAPPING, sentryPreset, testRealm } from "./realm.js";
import { ADMIN_PASSWORD, ADMIN_USERNAME } from "./server.js";
import { keycloakReady, KEYCLOAK_READY_TIMEOUT_MS, type ReadyKeycloak } from "./provided.js";

requireBrowser(CHROMIUM);

/** One row of the table, as recorded. */
export interface GroundTruthRow {
  readonly org: string;
  readonly setting: string;
  readonly flow: GroundTruthCase["flow"];
  /** Where it ended and what the user read there. */
  readonly outcome: { readonly ok: boolean; readonly at: "keycloak" | "sentry" | "nowhere"; readonly text: string };
  readonly checkClient: { readonly errors: string[]; readonly warnings: string[] };
  readonly analysis: { readonly kind: string | null; readonly verdict: string; readonly receiverMessage: string | null };
}

interface Observed {
  readonly ok: boolean;
  readonly at: "keycloak" | "sentry" | "nowhere";
  /** What the user reads (Keycloak's error text, Sentry's page, or the SP's record for a logout or a 500). */
  readonly text: string;
  readonly sp: SpResult | undefined;
  readonly har: Uint8Array;
}

const servers = inject("keycloakServers");

describe.each(servers)("Keycloak $version: a real login per client mistake, and both predictions", (server) => {
  // The server starts while the browser tests run (global-setup.ts): its start figures are recorded below.
  let ready: ReadyKeycloak = { startSeconds: Number.NaN, residentMegabytes: null };
  beforeAll(async () => {
    ready = await keycloakReady(server);
  }, KEYCLOAK_READY_TIMEOUT_MS);
  const realmUrl = `${server.url}/realms/${REALM}`;
  const admin = new KeycloakAdmin(server.url, ADMIN_USERNAME, ADMIN_PASSWORD);
  const work = join(KEYCLOAK_CACHE, `run-${server.version}-${process.pid}`);
  const rows: GroundTruthRow[] = [];
  let sp: SentrySp;
  let browser: Browser;
  let certificatePem: string;
  let exported: JsonRecord;

  beforeAll(async () => {
    mkdirSync(work, { recursive: true });
    await admin.importRealm(testRealm());
    sp = await startSentrySp();
    const certificate = await descriptorCertificate(server.url);
    certificatePem = `-----BEGIN CERTIFICATE-----\n${certificate.replace(/(.{64})/g, "$1\n")}\n-----END CERTIFICATE-----\n`;
    for (const entry of GROUND_TRUTH_CASES) {
      const uuid = await admin.createClient(REALM, entry.client(sp.urlPrefix));
      if (entry.keepRoleList !== true) await admin.removeDefaultClientScope(REALM, uuid, "role_list");
      await sp.configureOrg(entry.org, {
        idp: { entity_id: realmUrl, x509cert: certificate, sso_url: `${realmUrl}/protocol/saml`, slo_url: `${realmUrl}/protocol/saml` },
        attribute_mapping: SENTRY_MAPPING,
      });
    }
    exported = await admin.partialExport(REALM);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await sp?.close();
    if (process.env.SAML_LENS_KEEP_HARS === undefined) rmSync(work, { recursive: true, force: true });
    if (rows.length > 0) {
      const order = GROUND_TRUTH_CASES.map((entry) => entry.org);
      rows.sort((a, b) => order.indexOf(a.org) - order.indexOf(b.org));
      const record = { version: server.version, startSeconds: ready.startSeconds, residentMegabytes: ready.residentMegabytes, rows };
      writeFileSync(join(KEYCLOAK_CACHE, `ground-truth-${server.version}.json`), `${JSON.stringify(record, null, 2)}\n`);
    }
  });

  /** Until the browser rests on Sentry, or on a Keycloak page that is not its login form. */
  async function settle(page: Page): Promise<"keycloak" | "sentry"> {
    const spOrigin = new URL(sp.urlPrefix).origin;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      await page.waitForLoadState("load").catch(() => undefined);
      const url = new URL(page.url());
      if (url.origin === spOrigin) return "sentry";
      const onKeycloak = url.origin === new URL(server.url).origin;
      const stillForm = await page.locator("#kc-form-login, form[name=saml-post-binding], form[name=saml-redirect-binding]").count().catch(() => 1);
      if (onKeycloak && stillForm === 0 && (await page.locator("body").count()) === 1) {
        // Keycloak's auto-submitting POST form has no name in every release: give it a moment to leave.
        const moved = await page.waitForURL((next) => next.origin === spOrigin, { timeout: 1500 }).then(() => true, () => false);
        if (!moved) return "keycloak";
      }
      await page.waitForTimeout(100);
    }
    return new URL(page.url()).origin === spOrigin ? "sentry" : "keycloak";
  }

  async function signIn(page: Page): Promise<void> {
    if ((await page.locator("#kc-form-login").count()) === 0) return;
    await page.locator("#username").fill(BENCH_USER.username);
    await page.locator("#password").fill(BENCH_USER.password);
    await page.locator("#kc-login").click();
  }

  /** Keycloak's error message when the page is an error page, else the page's title. */
  async function keycloakText(page: Page): Promise<string> {
    for (const selector of ["#kc-error-message", "#kc-page-title"]) {
      const element = page.locator(selector).first();
      if ((await element.count()) === 1) return (await element.innerText()).replace(/\s+/g, " ").trim();
    }
    return (await page.locator("body").innerText()).replace(/\s+/g, " ").trim().slice(0, 200);
  }

  /** Sentry's LogoutRequest for the user (HTTP-Redirect, unsigned, as python3-saml builds it for Sentry's settings). */
  function logoutRequestUrl(org: string, nameId: string, relayState = `logout-${org}`): string {
    const xml =
      `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
      `ID="ONELOGIN_logout_${org}_${Date.now()}" Version="2.0" IssueInstant="${new Date().toISOString().replace(/\.\d+Z$/, "Z")}" Destination="${realmUrl}/protocol/saml">` +
      `<saml:Issuer>${sp.entityId(org)}</saml:Issuer><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${nameId}</saml:NameID></samlp:LogoutRequest>`;
    return `${realmUrl}/protocol/saml?${new URLSearchParams({ SAMLRequest: deflateRawSync(Buffer.from(xml)).toString("base64"), RelayState: relayState })}`;
  }

  const LOGIN_OUTCOMES = new Set<SpResult["outcome"]>(["logged-in", "saml-failed", "mapping-failed", "server-error", "no-sso"]);

  function describeSp(result: SpResult | undefined): string {
    if (result === undefined) return "";
    if (result.outcome === "logged-in") return `Logged in as ${result.identity?.email ?? "?"}`;
    if (result.outcome === "server-error") return `HTTP 500 (python3-saml: ${result.error ?? ""})`;
    if (result.outcome === "logout") {
      // Sentry shows nothing for a refused logout: the user stays logged in and lands on the login page.
      return (result.errors ?? []).length === 0 ? "Logged out (LogoutResponse accepted)" : `Logout refused (python3-saml: ${result.reason ?? (result.errors ?? []).join(", ")})`;
    }
    return result.message ?? result.outcome;
  }

  async function run(entry: GroundTruthCase): Promise<Observed> {
    const harPath = join(work, `${entry.org}.har`);
    const context = await browser.newContext({ recordHar: { path: harPath, content: "embed" } });
    const page = await context.newPage();
    const before = (await sp.results()).length;
    const since = async () => (await sp.results()).slice(before).filter((result) => result.outcome !== "append-slash");

    const start = entry.flow === "idp-initiated" ? `${realmUrl}/protocol/saml/clients/${entry.org}` : sp.loginUrl(entry.org);
    await page.goto(start);
    await signIn(page);
    let at = await settle(page);
    let keycloakPage = at === "keycloak" ? await keycloakText(page) : "";
    let login = (await since()).find((result) => LOGIN_OUTCOMES.has(result.outcome));
    let observed: Omit<Observed, "har">;
    if (entry.flow !== "logout" || login?.outcome !== "logged-in") {
      observed =
        login !== undefined
          ? { ok: login.outcome === "logged-in", at: "sentry", text: describeSp(login), sp: login }
          : { ok: false, at: at === "keycloak" ? "keycloak" : "nowhere", text: at === "keycloak" ? keycloakPage : await page.locator("body").innerText(), sp: undefined };
    } else {
      const loginCount = (await since()).length;
      const nameId = (login as SpResult & { nameId?: string }).nameId ?? BENCH_USER.email;
      await page.goto(logoutRequestUrl(entry.org, nameId, entry.relayState?.(sp.urlPrefix)));
      at = await settle(page);
      keycloakPage = at === "keycloak" ? await keycloakText(page) : "";
      // Whatever Sentry did with Keycloak's answer: its SLS, or its ACS when Keycloak posted the answer there.
      const logout = (await since()).slice(loginCount).find((result) => result.outcome !== "login-restarted");
      observed =
        logout !== undefined
          ? { ok: logout.outcome === "logout" && (logout.errors ?? []).length === 0, at: "sentry", text: describeSp(logout), sp: logout }
          : { ok: false, at: at === "keycloak" ? "keycloak" : "nowhere", text: at === "keycloak" ? `no logout reached Sentry; Keycloak shows: ${keycloakPage}` : "no logout reached Sentry", sp: undefined };
    }
    await context.close();
    return { ...observed, har: readFileSync(harPath) };
  }

  function judgedMessage(messages: readonly AnalyzedMessage[], entry: GroundTruthCase, observed: Observed): AnalyzedMessage | undefined {
    if (entry.flow === "logout") {
      return messages.filter((message) => message.kind === "LogoutResponse" || message.kind === "LogoutRequest").at(-1);
    }
    if (observed.at !== "sentry") return messages.filter((message) => message.kind === "AuthnRequest").at(-1) ?? messages.at(-1);
    return messages.filter((message) => message.kind === "Response").at(-1);
  }

  it.each(GROUND_TRUTH_CASES)("$setting ($flow, org $org)", async (entry) => {
    const observed = await run(entry);

    const clientId = String(entry.client(sp.urlPrefix).clientId);
    const checked = checkClientExport(JSON.stringify(exported), sentryPreset(sp.urlPrefix, entry.org), { clientId });
    if (!checked.ok) throw new Error(checked.error.message);
    const errors = checked.result.findings.filter((finding) => finding.severity === "error").map((finding) => finding.id);
    const warnings = checked.result.findings.filter((finding) => finding.severity === "warning").map((finding) => finding.id);

    const trusted = certificatesFromPem(certificatePem);
    if (!trusted.ok) throw new Error(trusted.error.message);
    const options = {
      now: new Date(),
      atCaptureTime: true,
      verify: defaultVerifier,
      profile: {
        spEntityId: sp.entityId(entry.org),
        acsUrl: sp.acsUrl(entry.org),
        slsUrl: sp.slsUrl(entry.org),
        idpEntityId: realmUrl,
        trustedCertificates: trusted.certificates,
        identifierAttribute: SENTRY_MAPPING.identifier,
        emailAttribute: SENTRY_MAPPING.user_email,
      },
    };
    // The prediction from the messages alone: the receivers' answers in the HAR would otherwise decide the verdict.
    const analysed = await analyzeFile(observed.har, { ...options, followAnswers: false });
    if (!analysed.ok) throw new Error(analysed.error.message);
    const answered = await analyzeFile(observed.har, options);
    if (!answered.ok) throw new Error(answered.error.message);
    const message = judgedMessage(analysed.analysis.messages, entry, observed);
    const placeholders = (text: string) => text.replaceAll(sp.urlPrefix, "<sentry>").replaceAll(server.url, "<keycloak>");
    rows.push({
      org: entry.org,
      setting: entry.setting,
      flow: entry.flow,
      outcome: { ok: observed.ok, at: observed.at, text: placeholders(observed.text) },
      checkClient: { errors, warnings },
      analysis: { kind: message?.kind ?? null, verdict: message?.verdict ?? "none", receiverMessage: message?.receiverMessage ? placeholders(message.receiverMessage) : null },
    });

    // The client SAML Lens generates logs in and out; check-client finds nothing wrong with it.
    if (entry.finding === null && entry.situation !== true) expect(observed.ok, observed.text).toBe(true);
    // check-client names the setting, and reports an error exactly when the login fails (a broken logout is a warning).
    if (entry.finding !== null) expect([...errors, ...warnings]).toContain(entry.finding);
    if (entry.flow === "logout" && entry.situation !== true) expect(warnings.includes("client.logout-redirect-url")).toBe(!observed.ok);
    const loginFailed = entry.flow !== "logout" && !observed.ok;
    expect(errors.length > 0, `check-client errors: ${errors.join(", ") || "none"}`).toBe(loginFailed);
    // The analysis of what the browser carried gives the receiver's verdict and the text the user saw.
    expect(message, `messages: ${analysed.analysis.messages.map((item) => item.kind).join(", ")}`).toBeDefined();
    expect(message?.verdict).toBe(observed.ok ? "accept" : "reject");
    // With the answers read, the verdict is still the outcome the browser saw.
    expect(judgedMessage(answered.analysis.messages, entry, observed)?.verdict).toBe(observed.ok ? "accept" : "reject");
    if (!observed.ok) {
      const said = [observed.text, observed.sp?.error ?? "", ...(observed.sp?.errors ?? [])].join("\n");
      expect(said).toContain(message?.receiverMessage ?? "(no receiverMessage)");
    }
  });
});
