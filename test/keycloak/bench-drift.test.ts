/**
 * The embedded bench must not drift from the real server: the same client, configured alike in the bench's
 * Keycloak-shaped IdP and in the real Keycloak, logged in the same way in Chromium, must produce Responses of the same
 * shape (elements, attributes and their order, namespace declarations, signature placement and algorithms,
 * Destination/Recipient/Audience, NameID, lifetimes), the same error page text, and a descriptor of the same shape.
 * Values that differ by nature (ids, instants, signature values, keys, the servers' origins) are replaced by
 * placeholders first. What still differs is listed in KNOWN_DIFFERENCES and in docs/harness.md.
 */
import { DOMParser, type Element } from "@xmldom/xmldom";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { requireBrowser, CHROMIUM, CHROMIUM_ARGS } from "../e2e/support/browsers.js";
import type { KeycloakClient } from "../harness/idp/keycloak-client.js";
import { BENCH_USER, benchRealm } from "../harness/idp/sentry-clients.js";
import { startIdpServer, type IdpServer } from "../harness/idp/server.js";
import { startSentrySp, type SentrySp } from "../harness/sp/index.js";
import { KeycloakAdmin, type JsonRecord } from "./admin.js";
import { descriptorCertificate, REALM, SENTRY_MAPPING, sentryClient, testRealm } from "./realm.js";
import { ADMIN_PASSWORD, ADMIN_USERNAME } from "./server.js";
import { keycloakReady, KEYCLOAK_READY_TIMEOUT_MS } from "./provided.js";

requireBrowser(CHROMIUM);

/** Client variants compared: the product's client and the signing choices users make. */
const VARIANTS: Readonly<Record<string, Record<string, string>>> = {
  "both-signed": {},
  "document-signed": { "saml.assertion.signature": "false" },
  "assertion-signed": { "saml.server.signature": "false" },
  "client-signature-required": { "saml.client.signature": "true" },
};

/**
 * Differences between the bench and the real server that remain, by variant: each line is "bench: …" or
 * "server: …" as shape() prints it. Keep docs/harness.md's list in step.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, readonly string[]>> = {};

const INSTANTS = new Set(["IssueInstant", "NotBefore", "NotOnOrAfter", "AuthnInstant", "SessionNotOnOrAfter"]);
const OPAQUE_TEXT = new Set(["DigestValue", "SignatureValue", "X509Certificate", "KeyName", "Modulus", "Exponent"]);

/** The XML as lines of "indent element attr=value… [text]", with per-message values replaced by placeholders. */
export function shape(xml: string, origins: ReadonlyArray<readonly [string, string]>): string[] {
  const document = new DOMParser().parseFromString(xml, "text/xml");
  const root = document.documentElement;
  if (root === null) return ["(not XML)"];
  const issued = Date.parse(root.getAttribute("IssueInstant") ?? "");
  const ids = new Map<string, string>();
  const idOf = (value: string) => {
    if (!ids.has(value)) ids.set(value, `<id${ids.size + 1}>`);
    return ids.get(value) ?? value;
  };
  const plain = (value: string) => origins.reduce((text, [from, to]) => text.replaceAll(from, to), value);
  const lines: string[] = [];
  const walk = (element: Element, depth: number) => {
    const attributes: string[] = [];
    for (let index = 0; index < element.attributes.length; index++) {
      const attribute = element.attributes.item(index);
      if (attribute === null) continue;
      let value = attribute.value;
      if (attribute.name === "ID" || attribute.name === "InResponseTo") value = idOf(value);
      else if (attribute.name === "URI" && value.startsWith("#")) value = `#${idOf(value.slice(1))}`;
      else if (INSTANTS.has(attribute.name)) {
        // To the nearest 10 s: lifetimes are compared, not the moment a browser took to click through.
        const offset = Math.round((Date.parse(value) - issued) / 10_000) * 10;
        value = Number.isNaN(offset) ? "<time>" : `issue${offset >= 0 ? "+" : ""}${offset === 0 ? 0 : offset}s`;
      } else if (attribute.name === "SessionIndex") value = "<session>";
      else value = plain(value);
      attributes.push(`${attribute.name}="${value}"`);
    }
    const children: Element[] = [];
    let text = "";
    for (let node = element.firstChild; node !== null; node = node.nextSibling) {
      if (node.nodeType === 1) children.push(node as unknown as Element);
      else if (node.nodeType === 3 || node.nodeType === 4) text += node.nodeValue ?? "";
    }
    text = text.trim();
    if (OPAQUE_TEXT.has(element.localName ?? "")) text = text === "" ? "" : "<opaque>";
    else if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(text)) text = "<uuid>";
    else if (/^[0-9a-f-]{36}::[0-9a-f-]{36}$/.test(text)) text = "<session>";
    else text = plain(text);
    lines.push(`${"  ".repeat(depth)}<${element.nodeName}${attributes.length > 0 ? ` ${attributes.join(" ")}` : ""}>${text === "" ? "" : ` ${text}`}`);
    // Keycloak emits attributes in the order of its mapper set, which changes from client to client: not compared.
    if (element.localName === "AttributeStatement") children.sort((a, b) => (a.getAttribute("Name") ?? "").localeCompare(b.getAttribute("Name") ?? ""));
    for (const child of children) walk(child, depth + 1);
  };
  walk(root, 0);
  return lines;
}

/** Lines only one side has, in order ("bench: …" / "server: …"). */
function difference(bench: readonly string[], server: readonly string[]): string[] {
  const onlyBench = bench.filter((line) => !server.includes(line)).map((line) => `bench: ${line.trim()}`);
  const onlyServer = server.filter((line) => !bench.includes(line)).map((line) => `server: ${line.trim()}`);
  const first = bench.findIndex((line, index) => line !== server[index]);
  const order = onlyBench.length === 0 && onlyServer.length === 0 && first >= 0 ? [`order differs at: bench ${bench[first]?.trim()} / server ${server[first]?.trim()}`] : [];
  return [...onlyBench, ...onlyServer, ...order];
}

describe.each(inject("keycloakServers"))("Keycloak $version and the embedded bench give the same answers", (server) => {
  // The server starts while the browser tests run (global-setup.ts).
  beforeAll(() => keycloakReady(server), KEYCLOAK_READY_TIMEOUT_MS);
  const admin = new KeycloakAdmin(server.url, ADMIN_USERNAME, ADMIN_PASSWORD);
  const realUrl = `${server.url}/realms/${REALM}`;
  let bench: IdpServer;
  let benchSp: SentrySp;
  let realSp: SentrySp;
  let browser: Browser;

  const client = (sp: SentrySp, org: string): JsonRecord => {
    const base = sentryClient(sp.urlPrefix, org);
    return { ...base, attributes: { ...(base.attributes as JsonRecord), ...VARIANTS[org] } };
  };

  beforeAll(async () => {
    [benchSp, realSp] = await Promise.all([startSentrySp(), startSentrySp()]);
    await admin.importRealm(testRealm());
    for (const org of Object.keys(VARIANTS)) {
      const uuid = await admin.createClient(REALM, client(realSp, org));
      await admin.removeDefaultClientScope(REALM, uuid, "role_list");
    }
    const benchClients = Object.keys(VARIANTS).map((org) => ({ ...client(benchSp, org), defaultClientScopes: [] }) as unknown as KeycloakClient);
    bench = await startIdpServer(() => [benchRealm(benchClients, REALM)]);
    const realCertificate = await descriptorCertificate(server.url);
    const benchCertificate = await descriptorCertificate(bench.origin);
    for (const org of Object.keys(VARIANTS)) {
      for (const [sp, url, certificate] of [
        [realSp, realUrl, realCertificate],
        [benchSp, bench.realmUrl(REALM), benchCertificate],
      ] as const) {
        await sp.configureOrg(org, { idp: { entity_id: url, x509cert: certificate, sso_url: `${url}/protocol/saml`, slo_url: `${url}/protocol/saml` }, attribute_mapping: SENTRY_MAPPING });
      }
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await bench?.close();
    await Promise.all([benchSp?.close(), realSp?.close()]);
  });

  /** An SP-initiated login; the SAMLResponse the browser posted to the ACS (decoded), or the IdP's error text. */
  async function login(sp: SentrySp, org: string): Promise<{ response?: string; error?: string }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    let posted: string | undefined;
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().startsWith(sp.acsUrl(org))) posted = new URLSearchParams(request.postData() ?? "").get("SAMLResponse") ?? undefined;
    });
    await page.goto(sp.loginUrl(org));
    if ((await page.locator("#kc-form-login").count()) === 1) {
      await page.locator("#username").fill(BENCH_USER.username);
      await page.locator("#password").fill(BENCH_USER.password);
      await Promise.all([page.waitForURL((url) => url.origin === new URL(sp.urlPrefix).origin, { timeout: 20_000 }), page.locator("#kc-login").click()]);
    }
    await page.waitForLoadState("load");
    const error = (await page.locator("#kc-error-message").count()) === 1 ? (await page.locator("#kc-error-message").innerText()).trim() : undefined;
    await context.close();
    return { ...(posted === undefined ? {} : { response: Buffer.from(posted, "base64").toString("utf8") }), ...(error === undefined ? {} : { error }) };
  }

  const origins = (sp: SentrySp, idpRealmUrl: string) =>
    [
      [sp.urlPrefix, "<sentry>"],
      [idpRealmUrl, "<keycloak>/realms/acme"],
    ] as const;

  it.each(Object.keys(VARIANTS))("%s: the same Response, or the same error page", async (org) => {
    const [fromBench, fromServer] = [await login(benchSp, org), await login(realSp, org)];
    expect(fromBench.error).toBe(fromServer.error);
    expect(fromBench.response === undefined).toBe(fromServer.response === undefined);
    if (fromBench.response === undefined || fromServer.response === undefined) return;
    const benchShape = shape(fromBench.response, origins(benchSp, bench.realmUrl(REALM)));
    const serverShape = shape(fromServer.response, origins(realSp, realUrl));
    expect(difference(benchShape, serverShape), `server:\n${serverShape.join("\n")}`).toEqual(KNOWN_DIFFERENCES[org] ?? []);
  });

  it("the same IdP descriptor", async () => {
    const [benchXml, serverXml] = await Promise.all([fetch(bench.descriptorUrl(REALM)).then((response) => response.text()), fetch(`${realUrl}/protocol/saml/descriptor`).then((response) => response.text())]);
    const benchShape = shape(benchXml, [[bench.realmUrl(REALM), "<keycloak>/realms/acme"]]);
    const serverShape = shape(serverXml, [[realUrl, "<keycloak>/realms/acme"]]);
    expect(difference(benchShape, serverShape), `server:\n${serverShape.join("\n")}`).toEqual(KNOWN_DIFFERENCES.descriptor ?? []);
  });
});
