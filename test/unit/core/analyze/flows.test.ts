import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupExchanges, type Exchange, type FlowMessage } from "../../../../src/core/saml/flows.js";
import type { MessageKind } from "../../../../src/core/saml/model.js";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import { NOW, PROFILE, base64, fixtureXml } from "../fixtures.js";
import { KEYCLOAK_ERROR_PAGE, KEYCLOAK_SAML, authnRequestXml, entry, formBody, har, redirectUrl } from "../har-builder.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const SLS = "https://sentry.example.com/saml/sls/acme/";
const response = base64(fixtureXml("valid-signed-document"));
const idpInitiated = base64(fixtureXml("valid-signed-document").replace(' InResponseTo="ONELOGIN_req_1"', ""));
const logoutRequest =
  `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="ID_logout_1" Version="2.0" IssueInstant="2025-06-01T12:00:00Z" Destination="${SLS}">` +
  `<saml:Issuer>https://keycloak.example.com/realms/demo</saml:Issuer><saml:NameID>jöran.müller@example.com</saml:NameID><samlp:SessionIndex>5e1b::a3f0</samlp:SessionIndex></samlp:LogoutRequest>`;

async function analyse(entries: Parameters<typeof har>[0]) {
  const result = await analyzeInput(JSON.stringify(har(entries)), { profile: PROFILE, now: NOW });
  if (!result.ok) throw new Error(result.error.message);
  return result.analysis;
}

describe("exchanges", () => {
  it("pairs an AuthnRequest with its Response by ID ↔ InResponseTo and marks IdP-initiated responses", async () => {
    const analysis = await analyse([
      entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("ONELOGIN_req_1"), "r1")),
      entry("POST", ACS, { body: formBody({ SAMLResponse: response, RelayState: "r1" }) }),
      entry("POST", ACS, { body: formBody({ SAMLResponse: idpInitiated }) }),
    ]);
    expect(analysis.messages.map((message) => message.kind)).toEqual(["AuthnRequest", "Response", "Response"]);
    expect(analysis.messages[0]).toMatchObject({ receiver: "idp", verdict: "accept", binding: "HTTP-Redirect" });
    expect(analysis.exchanges).toEqual([
      { kind: "login", request: 0, response: 1, requestId: "ONELOGIN_req_1", relayState: "r1", idpInitiated: false, pairedBy: "in-response-to" },
      { kind: "login", request: null, response: 2, requestId: null, relayState: null, idpInitiated: true, pairedBy: "none" },
    ]);
  });

  it("pairs by RelayState when the Response has no InResponseTo", async () => {
    const analysis = await analyse([
      entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("ONELOGIN_req_9"), "r9")),
      entry("POST", ACS, { body: formBody({ SAMLResponse: idpInitiated, RelayState: "r9" }) }),
      entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("ONELOGIN_req_2"), "r2")),
    ]);
    expect(analysis.exchanges[0]).toMatchObject({ request: 0, response: 1, pairedBy: "relay-state" });
    expect(analysis.exchanges[1]).toMatchObject({ request: 2, response: null });
  });

  it("quotes Keycloak's error page when it answers an AuthnRequest with one", async () => {
    const analysis = await analyse([entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("ONELOGIN_req_1")), { status: 400, html: KEYCLOAK_ERROR_PAGE })]);
    const finding = analysis.messages[0]?.findings.find((f) => f.id === "idp.error-page");
    expect(analysis.messages[0]?.verdict).toBe("reject");
    expect(finding?.actual).toBe("Invalid requester");
    expect(finding?.fix).toMatch(/Client signature required: Off/);
  });

  it("predicts Keycloak's refusal of an AuthnRequest with the wrong Issuer or ACS URL", async () => {
    const analysis = await analyse([
      entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("A", { issuer: "https://sentry.example.com/saml/metadata/acme" }))),
      entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("B", { acs: "http://sentry.example.com/saml/acs/acme/" }))),
    ]);
    expect(analysis.messages.map((m) => m.findings.filter((f) => f.severity === "error").map((f) => f.id))).toEqual([["request.issuer-mismatch"], ["request.acs-mismatch"]]);
    expect(analysis.messages.map((m) => m.receiverMessage)).toEqual(["Invalid Request", "Invalid Request"]);
  });

  it("groups logout and flags a LogoutRequest POSTed to Sentry's Redirect-only SLS", async () => {
    const analysis = await analyse([
      entry("GET", redirectUrl(SLS, "SAMLRequest", logoutRequest, "l1")),
      entry("POST", SLS, { body: formBody({ SAMLRequest: base64(logoutRequest) }) }),
    ]);
    expect(analysis.messages.map((m) => [m.kind, m.receiver, m.verdict])).toEqual([
      ["LogoutRequest", "sp", "accept"],
      ["LogoutRequest", "sp", "reject"],
    ]);
    expect(analysis.messages[1]?.receiverMessage).toBe("SAML LogoutRequest/LogoutResponse not found. Only supported HTTP_REDIRECT Binding");
    expect(analysis.exchanges.map((e) => e.kind)).toEqual(["logout", "logout"]);
  });
});

/**
 * The plain statement of the pairing rules, as the first version wrote it (a scan of every open request per
 * response): the model that the linear-time grouping must agree with on any sequence.
 */
function pairingModel(messages: readonly FlowMessage[]): Exchange[] {
  const RESPONSE_OF: Partial<Record<MessageKind, MessageKind>> = { AuthnRequest: "Response", LogoutRequest: "LogoutResponse" };
  const exchanges: Exchange[] = [];
  const open: { position: number; answeredBy: MessageKind }[] = [];
  for (const message of messages) {
    const kind = message.kind;
    if (kind === undefined) continue;
    const answeredBy = RESPONSE_OF[kind];
    if (answeredBy !== undefined) {
      open.push({ position: exchanges.length, answeredBy });
      exchanges.push({ kind: kind === "AuthnRequest" ? "login" : "logout", request: message.index, response: null, requestId: message.id ?? null, relayState: message.relayState ?? null, idpInitiated: false, pairedBy: "none" });
      continue;
    }
    const candidates = open.filter((entry) => entry.answeredBy === kind && exchanges[entry.position]?.response === null);
    const byId = message.inResponseTo === undefined ? undefined : candidates.find((entry) => exchanges[entry.position]?.requestId === message.inResponseTo);
    const byRelayState =
      byId !== undefined || message.inResponseTo !== undefined || message.relayState === undefined
        ? undefined
        : [...candidates].reverse().find((entry) => exchanges[entry.position]?.relayState === message.relayState);
    const match = byId ?? byRelayState;
    const matched = match === undefined ? undefined : exchanges[match.position];
    if (match !== undefined && matched !== undefined) {
      exchanges[match.position] = { ...matched, response: message.index, pairedBy: byId !== undefined ? "in-response-to" : "relay-state" };
      continue;
    }
    exchanges.push({ kind: kind === "Response" ? "login" : "logout", request: null, response: message.index, requestId: message.inResponseTo ?? null, relayState: message.relayState ?? null, idpInitiated: kind === "Response" && message.inResponseTo === undefined, pairedBy: "none" });
  }
  return exchanges;
}

describe("grouping at scale", () => {
  const few = (prefix: string) => fc.option(fc.constantFrom(`${prefix}1`, `${prefix}2`, `${prefix}3`), { nil: undefined });
  const flowMessages = fc
    .array(
      fc.record({
        kind: fc.option(fc.constantFrom<MessageKind>("AuthnRequest", "Response", "LogoutRequest", "LogoutResponse"), { nil: undefined }),
        id: few("id"),
        inResponseTo: few("id"),
        relayState: few("rs"),
      }),
      { maxLength: 40 },
    )
    .map((items) => items.map((item, index): FlowMessage => ({ index, ...item })));

  it("pairs exactly as the rules say, on any sequence (repeated IDs, RelayStates, unanswered requests)", () => {
    fc.assert(
      fc.property(flowMessages, (messages) => {
        expect(groupExchanges(messages)).toEqual(pairingModel(messages));
      }),
      { seed: 20261204, numRuns: 2000 },
    );
  });

  // Scanning the open requests for each response took 8 s for 50,000 logins; these sizes would take minutes that way.
  it("groups 200,000 logins, and 100,000 requests sharing one ID, in one pass", { timeout: 60_000 }, () => {
    const logins: FlowMessage[] = [];
    for (let i = 0; i < 200_000; i++) {
      logins.push({ index: 2 * i, kind: "AuthnRequest", id: `req${i}`, inResponseTo: undefined, relayState: `rs${i}` });
      logins.push({ index: 2 * i + 1, kind: "Response", id: `resp${i}`, inResponseTo: `req${i}`, relayState: `rs${i}` });
    }
    const grouped = groupExchanges(logins);
    expect(grouped).toHaveLength(200_000);
    expect(grouped.every((exchange) => exchange.pairedBy === "in-response-to")).toBe(true);
    const sameId: FlowMessage[] = [];
    for (let i = 0; i < 100_000; i++) sameId.push({ index: i, kind: "AuthnRequest", id: "same", inResponseTo: undefined, relayState: "same" });
    for (let i = 0; i < 100_000; i++) sameId.push({ index: 100_000 + i, kind: "Response", id: undefined, inResponseTo: i % 2 === 0 ? "same" : undefined, relayState: "same" });
    const paired = groupExchanges(sameId);
    expect(paired.filter((exchange) => exchange.response !== null)).toHaveLength(100_000);
    // By ID the earliest open request, by RelayState the latest.
    expect(paired[0]).toMatchObject({ request: 0, response: 100_000, pairedBy: "in-response-to" });
    expect(paired[99_999]).toMatchObject({ request: 99_999, response: 100_001, pairedBy: "relay-state" });
  });
});

describe("logout messages POSTed to Sentry", () => {
  const logoutResponse =
    `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="ID_lr_1" Version="2.0" IssueInstant="2025-06-01T12:00:00Z" Destination="${ACS}" InResponseTo="ONELOGIN_logout_1">` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://keycloak.example.com/realms/demo</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`;

  it("a LogoutResponse POSTed to the ACS (Keycloak's Master SAML Processing URL) fails there as a login response", async () => {
    const analysis = await analyse([entry("POST", ACS, { body: formBody({ SAMLResponse: base64(logoutResponse), RelayState: "x" }) })]);
    const [message] = analysis.messages;
    expect(message).toMatchObject({ kind: "LogoutResponse", receiver: "sp", verdict: "reject", receiverMessage: "Missing Status on response" });
    expect(message?.findings.find((finding) => finding.id === "logout.binding")?.fix).toContain("Master SAML Processing URL: empty");
  });

  it("a LogoutResponse POSTed to the SLS fails as python3-saml's process_slo says", async () => {
    const analysis = await analyse([entry("POST", SLS, { body: formBody({ SAMLResponse: base64(logoutResponse.replace(ACS, SLS)) }) })]);
    expect(analysis.messages[0]).toMatchObject({ verdict: "reject", receiverMessage: "SAML LogoutRequest/LogoutResponse not found. Only supported HTTP_REDIRECT Binding" });
  });
});
