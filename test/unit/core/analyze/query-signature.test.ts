/**
 * HTTP-Redirect query signatures on the logout messages Keycloak sends to Sentry's SLS, signed here with node:crypto
 * (OpenSSL) under two URL encodings (Python's quote_plus and Keycloak's), and judged by the real python3-saml as Sentry
 * calls it (test/python/sentry_sls.py): the analysis must predict each of its verdicts and give its message.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import { analyzeFile } from "../../../../src/core/analyze/analyze-file.js";
import { exportHarText } from "../../../../src/core/har/export.js";
import { defaultVerifier } from "../../../../src/core/analyze/signatures.js";
import { NOW, PROFILE, certificateFromPem } from "../fixtures.js";
import { RSA_SHA1, idpEntityId, keycloakEncoding, logoutRequest, logoutResponse, pythonEncoding, signedQuery, slsUrl, type Signing } from "../redirect-signing.js";
import { sentrySls } from "../sentry-agreement.js";

const CASES: Readonly<Record<string, Signing>> = {
  "signed by the realm key": { xml: logoutRequest("a1"), relayState: "logout-1" },
  "LogoutResponse signed by the realm key": { xml: logoutResponse("a2"), parameter: "SAMLResponse" },
  "RSA-SHA1": { xml: logoutRequest("a3"), sigAlg: RSA_SHA1 },
  "signed by another key": { xml: logoutRequest("a4"), key: "other" },
  "LogoutResponse signed by another key": { xml: logoutResponse("a5"), parameter: "SAMLResponse", key: "other" },
  "RelayState changed after signing": { xml: logoutRequest("a6"), relayState: "one", tamper: (query) => query.replace("RelayState=one", "RelayState=two") },
  "RelayState with a query, encoded as Keycloak does": { xml: logoutRequest("a7"), relayState: "https://sentry.example.com/organizations/acme/?next=1", encode: keycloakEncoding },
  "RelayState with *, encoded as Keycloak does": { xml: logoutRequest("a11"), relayState: "state*8", encode: keycloakEncoding },
  "RelayState with ~ written as %7E, as Java's URLEncoder does": { xml: logoutRequest("a12"), relayState: "https://sentry.example.com/~ada", encode: (value) => pythonEncoding(value).replace(/~/g, "%7E") },
  "Keycloak's encoding, nothing it writes differently": { xml: logoutRequest("a8"), relayState: "https://sentry.example.com/~ada/ a+b", encode: keycloakEncoding },
  "no SigAlg": { xml: logoutRequest("a9"), sigAlg: null },
  "a Signature that is not base64": { xml: logoutRequest("a10"), signature: "!!!" },
  // Zero bytes, but shorter than any real signature: broken, not masked by a redacted export.
  "a Signature of three zero bytes": { xml: logoutRequest("a13"), signature: "AAAA" },
  // What python3-saml checks next, signed or not.
  "unsigned": { xml: logoutRequest("b1"), unsigned: true },
  "Destination without the trailing slash": { xml: logoutRequest("b2", { destination: slsUrl.replace(/\/$/, "") }) },
  "Destination of another organization, unsigned": { xml: logoutRequest("b3", { destination: slsUrl.replace("acme", "other") }), unsigned: true },
  "Destination with http": { xml: logoutRequest("b4", { destination: slsUrl.replace("https:", "http:") }) },
  "Issuer of another realm": { xml: logoutRequest("b5", { issuer: `${idpEntityId}-old` }) },
  "NotOnOrAfter passed a second ago": { xml: logoutRequest("b6", { notOnOrAfter: new Date(NOW.getTime() - 1000).toISOString().replace(".000", "") }) },
  "NotOnOrAfter in a minute": { xml: logoutRequest("b7", { notOnOrAfter: new Date(NOW.getTime() + 60_000).toISOString() }) },
  "LogoutResponse with status Responder": { xml: logoutResponse("b8", { status: "Responder" }), parameter: "SAMLResponse" },
  "LogoutResponse from another realm, unsigned": { xml: logoutResponse("b9", { issuer: `${idpEntityId}-old` }), parameter: "SAMLResponse", unsigned: true },
  "LogoutResponse to a wrong Destination": { xml: logoutResponse("b10", { destination: `${slsUrl}x/` }), parameter: "SAMLResponse" },
  "empty Issuer": { xml: logoutRequest("b11", { issuer: "" }) },
  "LogoutResponse with an empty Issuer": { xml: logoutResponse("b12", { issuer: "" }), parameter: "SAMLResponse" },
  "LogoutResponse from another realm": { xml: logoutResponse("b13", { issuer: `${idpEntityId}-old` }), parameter: "SAMLResponse" },
  "NotOnOrAfter now": { xml: logoutRequest("b14", { notOnOrAfter: NOW.toISOString().replace(".000", "") }) },
  "Destination with the host in capitals": { xml: logoutRequest("b15", { destination: slsUrl.replace("sentry.example.com", "SENTRY.Example.com") }) },
  "Destination with a query": { xml: logoutRequest("b16", { destination: `${slsUrl}?org=acme` }) },
};

describe("query signatures of Redirect logout messages to Sentry", () => {
  const queries = Object.entries(CASES).map(([name, signing]) => ({ name, query: signedQuery(signing) }));
  const python = sentrySls(queries);

  it.each(queries)("predicts python3-saml's verdict and message: $name", async ({ name, query }) => {
    const result = await analyzeInput(`${slsUrl}?${query}`, { profile: PROFILE, now: NOW, verify: defaultVerifier });
    if (!result.ok) throw new Error(result.error.message);
    const [message] = result.analysis.messages;
    const sentry = python.get(name);
    if (message === undefined || sentry === undefined) throw new Error(`no result for ${name}`);
    expect(sentry.exception).toBeNull();
    expect(message.receiver).toBe("sp");
    const rejected = sentry.errors.length > 0;
    expect(message.verdict).toBe(rejected ? "reject" : "accept");
    // The message python3-saml gives: the reason when is_valid failed, the error itself otherwise.
    const said = sentry.errors.includes("invalid_logout_request") || sentry.errors.includes("invalid_logout_response") ? sentry.reason : sentry.errors.at(-1);
    expect(message.receiverMessage).toBe(rejected ? said : null);
    if (!rejected) expect(message.findings.filter((finding) => finding.severity === "error")).toEqual([]);
  });

  it("says why: another key, a changed query, or an encoding python3-saml does not rebuild", async () => {
    const findingOf = async (name: string) => {
      const query = queries.find((candidate) => candidate.name === name)?.query ?? "";
      const result = await analyzeInput(`${slsUrl}?${query}`, { profile: PROFILE, now: NOW, verify: defaultVerifier });
      if (!result.ok) throw new Error(result.error.message);
      return result.analysis.messages[0]?.findings.find((finding) => finding.id === "signature.query-invalid");
    };
    expect((await findingOf("signed by another key"))?.message).toContain("does not verify with the IdP certificate Sentry has");
    expect((await findingOf("signed by another key"))?.fix).toContain("Realm settings → Keys");
    const keycloak = await findingOf("RelayState with a query, encoded as Keycloak does");
    expect(keycloak?.message).toContain("valid over the query as it was sent");
    expect(keycloak?.actual).toContain("RelayState=https%3A%2F%2Fsentry.example.com%2Forganizations%2Facme%2F?next%3D1");
    expect(keycloak?.expected).toContain("RelayState=https%3A%2F%2Fsentry.example.com%2Forganizations%2Facme%2F%3Fnext%3D1");
    expect(keycloak?.fix).toContain('the query was signed with "?" written as ? (quote_plus: %3F)');
    expect((await findingOf("RelayState with *, encoded as Keycloak does"))?.fix).toContain('"*" written as * (quote_plus: %2A)');
    expect((await findingOf("RelayState with ~ written as %7E, as Java's URLEncoder does"))?.fix).toContain('"~" written as %7E (quote_plus: ~)');
  });

  it("an ECDSA realm key: valid as sent (DER, as Java and OpenSSL write it), but python3-saml 1.12 has no ECDSA for queries", async () => {
    const keys = join(import.meta.dirname, "../../../fixtures/signature/keys");
    const certificate = readFileSync(join(keys, "idp-ec.crt.pem"), "utf8");
    const query = signedQuery({ xml: logoutRequest("e1"), sigAlg: "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", keyPem: readFileSync(join(keys, "idp-ec.key.pem"), "utf8") });
    const sentry = sentrySls([{ name: "ec", query }], certificate).get("ec");
    expect(sentry?.errors).toContain("Signature validation failed. Logout Request rejected");
    const profile = { ...PROFILE, trustedCertificates: [certificateFromPem(certificate, "EC realm key")] };
    const result = await analyzeInput(`${slsUrl}?${query}`, { profile, now: NOW, verify: defaultVerifier });
    if (!result.ok) throw new Error(result.error.message);
    const [message] = result.analysis.messages;
    expect(message?.verdict).toBe("reject");
    expect(message?.receiverMessage).toBe("Signature validation failed. Logout Request rejected");
    const finding = message?.findings.find((candidate) => candidate.id === "signature.query-invalid");
    expect(finding?.message).toContain("python3-saml has no transform for the SigAlg http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
    expect(finding?.fix).toContain("RS256");
    // Keycloak would accept its own signature: the check over the query as sent says so.
    const recorded: { validAsSent?: boolean | undefined }[] = [];
    await analyzeInput(`${slsUrl}?${query}`, {
      profile,
      now: NOW,
      verify: async (root, options) => {
        const report = await defaultVerifier?.(root, options);
        if (report?.query !== undefined) recorded.push(report.query);
        return report ?? { signatures: [] };
      },
    });
    expect(recorded).toEqual([expect.objectContaining({ validAsSent: true, valid: false })]);
  });

  it("a redacted export of such a logout keeps its verdicts: the masked Signature is not checked, not called invalid", async () => {
    for (const name of ["signed by the realm key", "Destination without the trailing slash", "RelayState with a query, encoded as Keycloak does"]) {
      const query = queries.find((candidate) => candidate.name === name)?.query ?? "";
      const original = await analyzeFile(new TextEncoder().encode(`${slsUrl}?${query}`), { profile: PROFILE, now: NOW, verify: defaultVerifier });
      if (!original.ok) throw new Error(original.error.message);
      const shared = exportHarText(original.entries);
      const reopened = await analyzeFile(new TextEncoder().encode(shared), { profile: PROFILE, now: NOW, verify: defaultVerifier });
      if (!reopened.ok) throw new Error(reopened.error.message);
      const [before] = original.analysis.messages;
      const [after] = reopened.analysis.messages;
      const ids = (message: typeof before) => (message?.findings ?? []).map((finding) => finding.id);
      // The signature is masked: what depended on it is left out (and said so); everything else is judged as before.
      expect(ids(after).filter((id) => id !== "signature.not-checked"), name).toEqual(ids(before).filter((id) => id !== "signature.query-invalid"));
      expect(after?.findings.find((finding) => finding.id === "signature.not-checked")?.message, name).toContain("redacted for sharing");
      expect(after?.verdict, name).toBe(ids(after).some((id) => id === "logout.destination-mismatch") ? "reject" : "accept");
      expect(after?.verdictComplete, name).toBe(false);
    }
  });

  it("does not claim a verdict on the signature without a certificate, and checks nothing sent to Keycloak", async () => {
    const query = queries[0]?.query ?? "";
    const unverified = await analyzeInput(`${slsUrl}?${query}`, { profile: { ...PROFILE, trustedCertificates: [] }, now: NOW, verify: defaultVerifier });
    if (!unverified.ok) throw new Error(unverified.error.message);
    expect(unverified.analysis.messages[0]?.findings.map((finding) => finding.id)).toContain("signature.not-checked");
    expect(unverified.analysis.messages[0]?.verdictComplete).toBe(false);

    // The same signed LogoutRequest sent to Keycloak (as if from Sentry): signed with a key the profile does not hold.
    const toKeycloak = await analyzeInput(`https://keycloak.example.com/realms/demo/protocol/saml?${signedQuery({ xml: logoutRequest("k1").replace(idpEntityId, PROFILE.spEntityId ?? "").replace(`Destination="${slsUrl}"`, 'Destination="https://keycloak.example.com/realms/demo/protocol/saml"'), key: "other" })}`, { profile: PROFILE, now: NOW, verify: defaultVerifier });
    if (!toKeycloak.ok) throw new Error(toKeycloak.error.message);
    expect(toKeycloak.analysis.messages[0]?.receiver).toBe("idp");
    expect(toKeycloak.analysis.messages[0]?.findings.map((finding) => finding.id)).not.toContain("signature.query-invalid");
  });
});
