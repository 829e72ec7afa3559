/**
 * Cross-check of the three judges on the same clients: `check-client` (what the overlay will show), the bench's
 * Keycloak-shaped IdP (what Keycloak sends for that client), `analyze` (our prediction of Sentry) and the real
 * python3-saml SP. A client with no check-client error must log in and be predicted to; each finding must produce the
 * failure it predicts, and `analyze` must name it on the message Keycloak really sent.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeInput } from "../../src/core/analyze/analyze.js";
import { checkClientExport } from "../../src/core/client-check/check-client.js";
import { sentrySelfHostedPreset } from "../../src/core/presets/sentry-self-hosted.js";
import { certificatesFromPem } from "../../src/core/saml/signature/trusted-certificates.js";
import { BENCH_USER, BROKEN_VARIANTS, goodSentryClient, ROLE_LIST_SCOPE } from "../harness/idp/sentry-clients.js";
import { benchRealm } from "../harness/idp/sentry-clients.js";
import { startIdpServer, type IdpServer } from "../harness/idp/server.js";
import { certificateBase64 } from "../harness/idp/sign.js";
import { requirePythonSaml, startSentrySp, type SentrySp, type SpResult } from "../harness/sp/index.js";

requirePythonSaml();

/** The variant, what check-client must find, and what then happens at Keycloak or at Sentry. */
const CASES = [
  { org: "good", findings: [], outcome: "logged-in", analyze: null },
  { org: "no-signing", findings: ["client.signing"], outcome: "saml-failed", analyze: "signature.missing" },
  { org: "encryption-on", findings: ["client.encrypt-assertions"], outcome: "server-error", analyze: "assertion.encrypted" },
  { org: "client-signature-required", findings: ["client.client-signature-required"], outcome: "Invalid requester", analyze: null },
  { org: "email-oid-name", findings: ["mapper.email", "mapper.identifier"], outcome: "mapping-failed", analyze: "attribute.missing-email" },
  { org: "role-list-duplicates", findings: ["mapper.duplicate-attribute-name"], outcome: "server-error", analyze: "attribute.duplicate-name" },
  { org: "client-id-no-trailing-slash", findings: ["client.client-id"], outcome: "Invalid Request", analyze: null },
] as const;

interface LoginTrace {
  /** Keycloak's error text when it refused the request. */
  readonly idpError: string | undefined;
  /** The form body the browser would POST to Sentry's ACS. */
  readonly acsBody: string | undefined;
  readonly sp: SpResult | undefined;
}

/** An SP-initiated login over plain HTTP, following what a browser does (redirect, login form, auto-submit form). */
async function spInitiatedLogin(sp: SentrySp, org: string): Promise<LoginTrace> {
  const start = await fetch(sp.loginUrl(org), { redirect: "manual" });
  const idpUrl = start.headers.get("location") ?? "";
  const loginPage = await (await fetch(idpUrl)).text();
  const action = /id="kc-form-login" method="post" action="([^"]+)"/.exec(loginPage)?.[1];
  if (action === undefined) return { idpError: /class="instruction">([^<]*)</.exec(loginPage)?.[1], acsBody: undefined, sp: undefined };
  const credentials = new URLSearchParams({ username: BENCH_USER.username, password: BENCH_USER.password });
  const postForm = await (await fetch(action.replace(/&amp;/g, "&"), { method: "POST", body: credentials })).text();
  const acs = /ACTION="([^"]+)"/.exec(postForm)?.[1] ?? "";
  const fields = new URLSearchParams();
  for (const [, name, value] of postForm.matchAll(/NAME="(\w+)" VALUE="([^"]*)"/g)) fields.set(name ?? "", (value ?? "").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));
  const before = (await sp.results()).length;
  await fetch(acs, { method: "POST", body: fields, redirect: "manual" });
  return { idpError: undefined, acsBody: fields.toString(), sp: (await sp.results())[before] };
}

describe("check-client ↔ bench IdP ↔ analyze ↔ python3-saml", () => {
  let sp: SentrySp;
  let idp: IdpServer;
  const clients = new Map<string, ReturnType<typeof goodSentryClient>>();

  beforeAll(async () => {
    sp = await startSentrySp();
    for (const { org } of CASES) {
      const base = goodSentryClient(sp.urlPrefix, org);
      clients.set(org, org === "good" ? base : (BROKEN_VARIANTS[org] ?? ((client) => client))(base));
    }
    idp = await startIdpServer(() => [benchRealm([...clients.values()])]);
    for (const { org } of CASES) {
      await sp.configureOrg(org, {
        idp: { entity_id: idp.realmUrl("acme"), x509cert: certificateBase64(idp.certificatePem), sso_url: `${idp.realmUrl("acme")}/protocol/saml`, slo_url: `${idp.realmUrl("acme")}/protocol/saml` },
        attribute_mapping: { identifier: "user_email", user_email: "user_email" },
      });
    }
  });

  afterAll(async () => {
    await idp?.close();
    await sp?.close();
  });

  it.each(CASES)("$org: check-client finds $findings; the login ends in $outcome; analyze names $analyze", async ({ org, findings, outcome, analyze }) => {
    const client = clients.get(org);
    const preset = sentrySelfHostedPreset({ urlPrefix: sp.urlPrefix, orgSlug: org, attributeNames: { identifier: "user_email", userEmail: "user_email" } });
    if (!preset.ok || client === undefined) throw new Error("bad test setup");
    // A realm export, so the checker can follow default client scopes (role_list) as a real export lets it.
    const realmExport = JSON.stringify({ realm: "acme", clients: [client], clientScopes: [ROLE_LIST_SCOPE] });
    const checked = checkClientExport(realmExport, preset.preset, { clientId: client.clientId });
    if (!checked.ok) throw new Error(checked.error.message);
    const errors = checked.result.findings.filter((item) => item.severity === "error").map((item) => item.id);
    // With Sentry's mapping of both fields to `user_email`, a missing e-mail attribute is also a missing identifier.
    expect(errors.sort()).toEqual([...findings].sort());

    const trace = await spInitiatedLogin(sp, org);
    if (outcome === "Invalid requester" || outcome === "Invalid Request") {
      expect(trace.idpError).toBe(outcome);
      return;
    }
    expect(trace.sp?.outcome).toBe(outcome);

    const trusted = certificatesFromPem(idp.certificatePem);
    if (!trusted.ok || trace.acsBody === undefined) throw new Error("no response captured");
    const analysis = await analyzeInput(trace.acsBody, {
      now: new Date(),
      profile: {
        spEntityId: sp.entityId(org),
        acsUrl: sp.acsUrl(org),
        slsUrl: sp.slsUrl(org),
        idpEntityId: idp.realmUrl("acme"),
        trustedCertificates: trusted.certificates,
        identifierAttribute: "user_email",
        emailAttribute: "user_email",
      },
    });
    if (!analysis.ok) throw new Error(analysis.error.message);
    const [message] = analysis.analysis.messages;
    expect(message?.kind).toBe("Response");
    expect(message?.verdict).toBe(outcome === "logged-in" ? "accept" : "reject");
    const analyzeErrors = message?.findings.filter((item) => item.severity === "error").map((item) => item.id) ?? [];
    if (analyze === null) expect(analyzeErrors).toEqual([]);
    else expect(analyzeErrors).toContain(analyze);
  });
});
