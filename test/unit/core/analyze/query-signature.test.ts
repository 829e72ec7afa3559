/**
 * HTTP-Redirect query signatures on the logout messages Keycloak sends to Sentry's SLS, signed here with node:crypto
 * (OpenSSL) under two URL encodings, and judged by the real python3-saml as Sentry calls it (test/python/sentry_sls.py):
 * the analysis must predict each of its verdicts and give its message.
 */
import { createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import { defaultVerifier } from "../../../../src/core/analyze/signatures.js";
import { FIXTURES, NOW, PROFILE, fixtureIndex } from "../fixtures.js";
import { sentrySls } from "../sentry-agreement.js";

const { slsUrl, idpEntityId } = fixtureIndex.profile;
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const RSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
const key = (name: "idp" | "other") => readFileSync(join(FIXTURES, "keys", `${name}-key.pem`), "utf8");

function logoutRequest(id: string): string {
  return (
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
    `Destination="${slsUrl}" ID="${id}" IssueInstant="${NOW.toISOString()}" Version="2.0">` +
    `<saml:Issuer>${idpEntityId}</saml:Issuer>` +
    `<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">ada@example.com</saml:NameID>` +
    `<samlp:SessionIndex>session-${id}</samlp:SessionIndex></samlp:LogoutRequest>`
  );
}

function logoutResponse(id: string): string {
  return (
    `<samlp:LogoutResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ` +
    `Destination="${slsUrl}" ID="${id}" InResponseTo="ONELOGIN_logout_${id}" IssueInstant="${NOW.toISOString()}" Version="2.0">` +
    `<saml:Issuer>${idpEntityId}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`
  );
}

/** Python's quote_plus (what python3-saml re-encodes with). */
const pythonEncoding = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, "+");
/** Java's URLEncoder.encode: "~" escaped, "*" kept. */
const javaEncoding = (value: string) => pythonEncoding(value).replace(/~/g, "%7E").replace(/%2A/g, "*");

interface Signing {
  readonly xml: string;
  readonly parameter?: "SAMLRequest" | "SAMLResponse";
  readonly relayState?: string;
  readonly sigAlg?: string | null;
  readonly key?: "idp" | "other";
  readonly encode?: (value: string) => string;
  /** Changes the signed query before it is sent. */
  readonly tamper?: (query: string) => string;
  readonly signature?: string;
}

/** The query of the GET to Sentry's SLS: the message, RelayState and SigAlg as encoded, signed, then the Signature. */
function signedQuery(signing: Signing): string {
  const encode = signing.encode ?? pythonEncoding;
  const sigAlg = signing.sigAlg === undefined ? RSA_SHA256 : signing.sigAlg;
  const parts = [`${signing.parameter ?? "SAMLRequest"}=${encode(deflateRawSync(Buffer.from(signing.xml)).toString("base64"))}`];
  if (signing.relayState !== undefined) parts.push(`RelayState=${encode(signing.relayState)}`);
  if (sigAlg !== null) parts.push(`SigAlg=${encode(sigAlg)}`);
  const signed = parts.join("&");
  const signer = createSign(sigAlg === RSA_SHA1 || sigAlg === null ? "RSA-SHA1" : "RSA-SHA256");
  signer.update(signed);
  const signature = signing.signature ?? signer.sign(key(signing.key ?? "idp")).toString("base64");
  return `${(signing.tamper ?? ((query) => query))(signed)}&Signature=${encode(signature)}`;
}

const CASES: Readonly<Record<string, Signing>> = {
  "signed by the realm key": { xml: logoutRequest("a1"), relayState: "logout-1" },
  "LogoutResponse signed by the realm key": { xml: logoutResponse("a2"), parameter: "SAMLResponse" },
  "RSA-SHA1": { xml: logoutRequest("a3"), sigAlg: RSA_SHA1 },
  "signed by another key": { xml: logoutRequest("a4"), key: "other" },
  "LogoutResponse signed by another key": { xml: logoutResponse("a5"), parameter: "SAMLResponse", key: "other" },
  "RelayState changed after signing": { xml: logoutRequest("a6"), relayState: "one", tamper: (query) => query.replace("RelayState=one", "RelayState=two") },
  "RelayState encoded as Java does": { xml: logoutRequest("a7"), relayState: "https://sentry.example.com/~ada/*", encode: javaEncoding },
  "Java encoding, nothing it writes differently": { xml: logoutRequest("a8"), relayState: "state-8", encode: javaEncoding },
  "no SigAlg": { xml: logoutRequest("a9"), sigAlg: null },
  "a Signature that is not base64": { xml: logoutRequest("a10"), signature: "!!!" },
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
    const finding = message.findings.find((candidate) => candidate.id === "signature.query-invalid");
    if (rejected) {
      expect(sentry.errors).toContain(finding?.receiverMessage);
      expect(message.receiverMessage).toBe(finding?.receiverMessage);
    } else {
      expect(finding).toBeUndefined();
    }
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
    const java = await findingOf("RelayState encoded as Java does");
    expect(java?.message).toContain("valid over the query as it was sent");
    expect(java?.actual).toContain("RelayState=https%3A%2F%2Fsentry.example.com%2F%7Eada%2F*");
    expect(java?.expected).toContain("RelayState=https%3A%2F%2Fsentry.example.com%2F~ada%2F%2A");
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
