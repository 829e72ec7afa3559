/**
 * HTTP-Redirect query signatures on the logout messages Keycloak sends to Sentry's SLS, signed here with node:crypto
 * (OpenSSL) under two URL encodings, and judged by the real python3-saml as Sentry calls it (test/python/sentry_sls.py):
 * the analysis must predict each of its verdicts and give its message.
 */
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import { defaultVerifier } from "../../../../src/core/analyze/signatures.js";
import { NOW, PROFILE } from "../fixtures.js";
import { RSA_SHA1, idpEntityId, javaEncoding, logoutRequest, logoutResponse, signedQuery, slsUrl, type Signing } from "../redirect-signing.js";
import { sentrySls } from "../sentry-agreement.js";

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
