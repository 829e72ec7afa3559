/**
 * signature.query-invalid's reading of a query-signature check, with hand-built checks (a stand-in verifier, as in
 * signature-rules.test.ts): each kind of failure gets its own explanation. The real verifier and the real
 * python3-saml judge the same messages end to end in query-signature.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { VerifySignatures } from "../../../../src/core/analyze/signatures.js";
import type { QuerySignatureCheck } from "../../../../src/core/saml/signature/types.js";
import { KEYCLOAK_SAML } from "../har-builder.js";
import { logoutRequest, logoutResponse, signedQuery, slsUrl } from "../redirect-signing.js";
import { analyse, findingsOf, theFinding } from "./support.js";

const SIGNED = "SAMLRequest=fZJbb4IwFMe%2FS&RelayState=r1&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256";
const failed: QuerySignatureCheck = {
  sigAlg: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  valid: false,
  validAsSent: false,
  encodingDiffers: false,
  signedQuery: SIGNED,
  rebuiltQuery: SIGNED,
  problems: [],
};

/** A stand-in verifier that reports this query check (the real one is exercised in query-signature.test.ts). */
const reporting =
  (query: Partial<QuerySignatureCheck>): VerifySignatures =>
  async () => ({ signatures: [], query: { ...failed, ...query } });

const toSls = (verify: VerifySignatures, kind: "LogoutRequest" | "LogoutResponse" = "LogoutRequest") =>
  analyse(`${slsUrl}?${signedQuery(kind === "LogoutRequest" ? { xml: logoutRequest("v1") } : { xml: logoutResponse("v2"), parameter: "SAMLResponse" })}`, { verify });

describe("signature.query-invalid", () => {
  it("a LogoutRequest whose signature does not verify: Sentry's session stays, with python3-saml's words", async () => {
    const finding = theFinding(await toSls(reporting({})), "signature.query-invalid");
    expect(finding).toMatchObject({ severity: "error", receiverMessage: "Signature validation failed. Logout Request rejected", actual: "the signature does not verify over the query as sent either" });
    expect(finding.message).toContain("The LogoutRequest's query signature does not verify with the IdP certificate Sentry has.");
    expect(finding.message).toContain("the Sentry session is not ended and Keycloak gets no LogoutResponse");
    expect(finding.message).toContain('python3-saml: "Signature validation failed. Logout Request rejected"');
    expect(finding.expected).toBe("a signature python3-saml verifies over SAMLRequest=…&RelayState=r1&SigAlg=http%3A%2F%2Fwww.w3.org%2F2001%2F04%2Fxmldsig-more%23rsa-sha256");
  });

  it("a LogoutResponse: the logout is not completed", async () => {
    const finding = theFinding(await toSls(reporting({}), "LogoutResponse"), "signature.query-invalid");
    expect(finding.receiverMessage).toBe("Signature validation failed. Logout Response rejected");
    expect(finding.message).toContain("Sentry's SLS then ignores the LogoutResponse: the logout is not completed");
  });

  it("names the verifier's problems, and says less when the query as sent was not checked", async () => {
    const finding = theFinding(await toSls(reporting({ problems: ["The Signature is not base64.", "It is short."], validAsSent: undefined })), "signature.query-invalid");
    expect(finding.message).toContain("Sentry has (The Signature is not base64. It is short.).");
    expect(finding.actual).toBe("the signature does not verify");
  });

  it("a SigAlg python3-saml cannot check: names it, or its absence, and the key to use", async () => {
    const problem = "python3-saml has no transform for the SigAlg urn:x.";
    const named = theFinding(await toSls(reporting({ sigAlg: "urn:x", problems: ["first", problem] })), "signature.query-invalid");
    expect(named.message).toMatch(new RegExp(`^${problem.replace(/[.]/g, "\\.")} Sentry's SLS then ignores`));
    expect(named).toMatchObject({ expected: "SigAlg rsa-sha256 (or rsa-sha1/384/512)", actual: "urn:x" });
    expect(named.fix).toContain("RS256");
    expect(named.fix).toContain("RSA_SHA256");
    const absent = theFinding(await toSls(reporting({ sigAlg: undefined, problems: [problem] })), "signature.query-invalid");
    expect(absent.actual).toBe("(no SigAlg)");
  });

  it("valid as sent but encoded otherwise than quote_plus: names each character written differently, once", async () => {
    const sent = "SAMLRequest=abc&RelayState=a?b?c*d&SigAlg=x";
    const rebuilt = "SAMLRequest=abc&RelayState=a%3Fb%3Fc%2Ad&SigAlg=x";
    const finding = theFinding(await toSls(reporting({ validAsSent: true, encodingDiffers: true, signedQuery: sent, rebuiltQuery: rebuilt })), "signature.query-invalid");
    expect(finding.message).toMatch(/^The query signature is valid over the query as it was sent, but python3-saml does not check that/);
    expect(finding.message).toContain("which writes this query differently, so the signature covers other bytes than the ones it checks.");
    expect(finding.fix).toContain("this happens when RelayState holds one of them (e.g. a return URL with its own query string;");
    expect(finding.fix).toMatch(/a RelayState without them avoids it\.$/);
    expect(finding.actual).toBe("signed as sent: SAMLRequest=…&RelayState=a?b?c*d&SigAlg=x");
    expect(finding.expected).toBe("a signature python3-saml verifies over SAMLRequest=…&RelayState=a%3Fb%3Fc%2Ad&SigAlg=x");
    expect(finding.fix).toContain('the query was signed with "?" written as ? (quote_plus: %3F), "*" written as * (quote_plus: %2A), and Sentry');
    expect(finding.fix).toMatch(/^Not a Keycloak setting: /);
  });

  it("an encoding that differs is not the cause when the query as sent does not verify either", async () => {
    const finding = theFinding(await toSls(reporting({ validAsSent: false, encodingDiffers: true, signedQuery: "RelayState=a?b", rebuiltQuery: "RelayState=a%3Fb" })), "signature.query-invalid");
    expect(finding.actual).toBe("the signature does not verify over the query as sent either");
    expect(finding.message).toMatch(/^The LogoutRequest's query signature does not verify/);
  });

  it("reads + as a space and a lower-case escape as its character when comparing the encodings", async () => {
    const finding = theFinding(
      await toSls(reporting({ validAsSent: true, encodingDiffers: true, signedQuery: "RelayState=a+b%2fc%7e", rebuiltQuery: "RelayState=a%20b/c~" })),
      "signature.query-invalid",
    );
    expect(finding.fix).toContain('" " written as + (quote_plus: %20), "/" written as %2f (quote_plus: /), "~" written as %7e (quote_plus: ~)');
    expect(finding.actual).toBe("signed as sent: RelayState=…");
  });

  it("says only that the encodings differ when they stop lining up", async () => {
    const finding = theFinding(await toSls(reporting({ validAsSent: true, encodingDiffers: true, signedQuery: "RelayState=é", rebuiltQuery: "RelayState=%C3%A9" })), "signature.query-invalid");
    expect(finding.fix).toContain("the query was signed URL-encoded differently from Python's quote_plus, and Sentry");
    const bare = theFinding(await toSls(reporting({ validAsSent: true, encodingDiffers: true, signedQuery: "nothing", rebuiltQuery: "nothing" })), "signature.query-invalid");
    expect(bare.actual).toBe("signed as sent: nothing");
  });

  it("a valid signature, or one not checked, is no finding; nor is a signed logout sent to Keycloak", async () => {
    expect(findingsOf(await toSls(reporting({ valid: true })), "signature.query-invalid")).toEqual([]);
    expect(findingsOf(await toSls(reporting({ valid: undefined })), "signature.query-invalid")).toEqual([]);
    const toKeycloak = `${KEYCLOAK_SAML}?${signedQuery({ xml: logoutRequest("v3", { issuer: "https://sentry.example.com/saml/metadata/acme/", destination: KEYCLOAK_SAML }) })}`;
    expect(findingsOf(await analyse(toKeycloak, { verify: reporting({}) }), "signature.query-invalid")).toEqual([]);
  });
});
