/**
 * The message-level security rules: each is marked security, and none changes the predicted verdict. Messages signed
 * for real (test/fixtures/signature, verified by the project's own verifier with the signing certificate trusted) show
 * that a message Sentry accepts stays accepted with a security finding; the SAML fixtures, edited, show each rule's
 * edge on a message whose signature a stand-in verifier reports as good (as signature-rules.test.ts does).
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import type { AnalyzedMessage } from "../../../../src/core/analyze/result.js";
import type { VerifySignatures } from "../../../../src/core/analyze/signatures.js";
import { verifyMessageSignatures } from "../../../../src/core/saml/signature/verify.js";
import { GOOD_SIGNATURE, NOW, PROFILE, base64, fixtureXml } from "../fixtures.js";
import { NOW as SIGNED_NOW, fixtureXml as signedXml, trusted } from "../saml/signature/fixtures.js";
import { RSA_SHA1, logoutRequest, signedQuery, slsUrl } from "../redirect-signing.js";
import { analyse as supportAnalyse, edit, findingsOf, posted, theFinding } from "./support.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const SECURITY_IDS = ["security.sha1", "security.certificate-expiring", "security.unsigned-assertion", "security.no-audience", "security.long-lifetime"];

async function analyse(xml: string, options: { now?: Date; verify?: VerifySignatures; trustedKey?: "idp-rsa" | "expired-rsa" } = {}): Promise<AnalyzedMessage> {
  // The signed fixtures come from their own test IdP: trust its certificate and take its Issuer.
  const profile = options.trustedKey === undefined ? PROFILE : { ...PROFILE, trustedCertificates: trusted(options.trustedKey), idpEntityId: issuerOf(xml) };
  const result = await analyzeInput(`SAMLResponse=${encodeURIComponent(base64(xml))}`, { profile, now: options.now ?? NOW, verify: options.verify ?? verifyMessageSignatures });
  if (!result.ok) throw new Error(result.error.message);
  const message = result.analysis.messages[0];
  if (message === undefined) throw new Error("no message");
  return message;
}

function issuerOf(xml: string): string | undefined {
  return /<saml:Issuer>([^<]*)</.exec(xml)?.[1];
}

/** A stand-in verifier: every signature in the message checks out (the edits below would break a real one). */
const allGood: VerifySignatures = async () => ({
  signatures: [GOOD_SIGNATURE],
});

const security = (message: AnalyzedMessage) => message.findings.filter((finding) => finding.kind === "security").map((finding) => finding.id);

describe("security.sha1", () => {
  it("flags a Response really signed with RSA-SHA1, which Sentry still accepts", async () => {
    const sha1 = await analyse(signedXml("xmlsec-response-rsa-sha1"), { now: SIGNED_NOW, trustedKey: "idp-rsa" });
    const sha256 = await analyse(signedXml("xmlsec-response-rsa-sha256"), { now: SIGNED_NOW, trustedKey: "idp-rsa" });
    expect(sha256.verdict).toBe("accept");
    expect(sha1.verdict).toBe("accept");
    expect(sha1.verdictComplete).toBe(true);
    expect(findingsOf(sha1, "security.sha1")).toMatchObject([{ severity: "warning", kind: "security", actual: expect.stringContaining("rsa-sha1") }]);
    expect(findingsOf(sha256, "security.sha1")).toEqual([]);
  });

  it("flags an assertion signed with SHA-1 by another implementation", async () => {
    const message = await analyse(signedXml("xmlcrypto-assertion-rsa-sha1"), { now: SIGNED_NOW, trustedKey: "idp-rsa" });
    expect(findingsOf(message, "security.sha1")[0]?.actual).toContain("Assertion");
  });
});

describe("security.certificate-expiring", () => {
  const xml = signedXml("xmlsec-response-expired-cert");
  it("warns when the signing certificate expires within 30 days of the analysis clock", async () => {
    const message = await analyse(xml, { now: new Date("2019-12-20T00:00:00Z"), trustedKey: "expired-rsa" });
    expect(findingsOf(message, "security.certificate-expiring")).toMatchObject([{ severity: "warning", kind: "security" }]);
    expect(findingsOf(message, "security.certificate-expiring")[0]?.message).toContain("expires in 12 days");
  });

  it("counts exactly 30 days as within them, and 30 days and a millisecond as not", async () => {
    // The certificate the fixture was signed with (its KeyInfo), read by Node.
    const notAfter = new Date(new X509Certificate(readFileSync(new URL("../../../fixtures/signature/keys/expired-rsa.crt.pem", import.meta.url))).validTo).getTime();
    const at = (ms: number) => analyse(xml, { now: new Date(notAfter - ms), trustedKey: "expired-rsa" });
    expect(findingsOf(await at(30 * DAY_MS), "security.certificate-expiring")[0]?.message).toContain("expires in 30 days");
    expect(findingsOf(await at(30 * DAY_MS + 1), "security.certificate-expiring")).toEqual([]);
  });

  it("is silent more than 30 days ahead, and once expired (signature.certificate-expired says that)", async () => {
    expect(findingsOf(await analyse(xml, { now: new Date("2019-11-01T00:00:00Z"), trustedKey: "expired-rsa" }), "security.certificate-expiring")).toEqual([]);
    const expired = await analyse(xml, { now: SIGNED_NOW, trustedKey: "expired-rsa" });
    expect(findingsOf(expired, "security.certificate-expiring")).toEqual([]);
    expect(findingsOf(expired, "signature.certificate-expired")).toHaveLength(1);
  });
});

describe("security.unsigned-assertion", () => {
  it("notes an unsigned Assertion inside a signed Response, not when the Assertion is signed", async () => {
    const document = await analyse(fixtureXml("valid-signed-document"));
    expect(document.verdict).toBe("accept");
    expect(findingsOf(document, "security.unsigned-assertion")).toMatchObject([{ severity: "info", kind: "security" }]);
    expect(findingsOf(await analyse(fixtureXml("valid-signed-both")), "security.unsigned-assertion")).toEqual([]);
    expect(findingsOf(await analyse(fixtureXml("valid-signed-assertion")), "security.unsigned-assertion")).toEqual([]);
  });
});

describe("security.no-audience", () => {
  it("warns about an assertion without AudienceRestriction, which Sentry accepts", async () => {
    const xml = edit(fixtureXml("valid-signed-document"), /<saml:AudienceRestriction>.*?<\/saml:AudienceRestriction>/, "");
    const message = await analyse(xml, { verify: allGood });
    expect(message.verdict).toBe("accept");
    expect(findingsOf(message, "security.no-audience")).toMatchObject([{ severity: "warning", kind: "security" }]);
  });

  it("is silent when the audience is there, right or wrong (a wrong one is assertion.audience-mismatch)", async () => {
    expect(findingsOf(await analyse(fixtureXml("valid-signed-document"), { verify: allGood }), "security.no-audience")).toEqual([]);
  });
});

describe("security.long-lifetime", () => {
  const withEnd = (end: string) => edit(fixtureXml("valid-signed-document"), 'NotOnOrAfter="2025-06-01T12:01:00Z"><saml:AudienceRestriction>', `NotOnOrAfter="${end}"><saml:AudienceRestriction>`);

  it("warns when NotOnOrAfter − NotBefore is over 10 minutes, without changing the verdict", async () => {
    const message = await analyse(withEnd("2025-06-01T12:30:00Z"), { verify: allGood });
    expect(message.verdict).toBe("accept");
    expect(findingsOf(message, "security.long-lifetime")).toMatchObject([{ severity: "warning", actual: "30 minutes" }]);
  });

  it("is silent at exactly 10 minutes and for Keycloak's usual minute", async () => {
    expect(findingsOf(await analyse(withEnd("2025-06-01T12:09:50Z"), { verify: allGood }), "security.long-lifetime")).toEqual([]);
    expect(findingsOf(await analyse(withEnd("2025-06-01T12:09:51Z"), { verify: allGood }), "security.long-lifetime")).toHaveLength(1);
    expect(findingsOf(await analyse(fixtureXml("valid-signed-document"), { verify: allGood }), "security.long-lifetime")).toEqual([]);
  });
});

describe("security findings and the verdict", () => {
  it("a message with every security finding at once is still accepted, and its first error stays none", async () => {
    const xml = edit(
      edit(fixtureXml("valid-signed-document"), /<saml:AudienceRestriction>.*?<\/saml:AudienceRestriction>/, ""),
      'NotOnOrAfter="2025-06-01T12:01:00Z"',
      'NotOnOrAfter="2025-06-01T13:00:00Z"',
    );
    const message = await analyse(xml, { verify: allGood });
    expect(message.verdict).toBe("accept");
    expect(message.receiverMessage).toBeNull();
    expect(security(message)).toEqual(expect.arrayContaining(["security.unsigned-assertion", "security.no-audience", "security.long-lifetime"]));
    expect(message.findings.filter((finding) => finding.kind === "security").every((finding) => finding.severity !== "error")).toBe(true);
    for (const id of security(message)) expect(SECURITY_IDS).toContain(id);
  });
});

/** The fixture's own enveloped Signature, with its signature method set to `method` and its Reference pointing at `id`. */
function signatureElement(id: string, method: string): string {
  const element = /<ds:Signature[\s\S]*?<\/ds:Signature>/.exec(fixtureXml("valid-signed-document"))?.[0] ?? "";
  return element.replace("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", method).replace(/URI="#[^"]*"/, `URI="#${id}"`);
}

describe("what each security finding says, and where it stays silent", () => {
  const SHA1 = "http://www.w3.org/2000/09/xmldsig#rsa-sha1";
  const DSA_SHA1 = "http://www.w3.org/2000/09/xmldsig#dsa-sha1";
  const DIGEST_SHA1 = "http://www.w3.org/2000/09/xmldsig#sha1";
  const SIGNED = fixtureXml("valid-signed-document");
  const withAlgorithms = (signature: string, digest: string) =>
    edit(edit(SIGNED, "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", signature), "http://www.w3.org/2001/04/xmlenc#sha256", digest);

  it("security.sha1 names every SHA-1 use — signature method, DSA, digest — and what to use instead", async () => {
    const both = theFinding(await analyse(withAlgorithms(SHA1, DIGEST_SHA1), { verify: allGood }), "security.sha1");
    expect(both).toMatchObject({ severity: "warning", expected: "RSA-SHA256 with a SHA-256 digest", actual: `Response: ${SHA1}; Response: ${DIGEST_SHA1}` });
    expect(both.message).toMatch(/^This message is signed with SHA-1\. Sentry's python3-saml still accepts it/);
    expect(both.message).toContain("collisions are practical, so the signature no longer reliably proves that Keycloak wrote this XML.");
    expect(both.fix).toContain("Signature algorithm: RSA_SHA256");
    expect(theFinding(await analyse(withAlgorithms(DSA_SHA1, "http://www.w3.org/2001/04/xmlenc#sha256"), { verify: allGood }), "security.sha1").actual).toBe(`Response: ${DSA_SHA1}`);
    expect(theFinding(await analyse(withAlgorithms("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", DIGEST_SHA1), { verify: allGood }), "security.sha1").actual).toBe(`Response: ${DIGEST_SHA1}`);
  });

  it("security.sha1 reads a Redirect query's SigAlg, and a logout message's own signature", async () => {
    const rsaSha1Query = `${slsUrl}?${signedQuery({ xml: logoutRequest("s1"), sigAlg: RSA_SHA1 })}`;
    expect(theFinding(await supportAnalyse(rsaSha1Query), "security.sha1").actual).toBe(`query SigAlg: ${RSA_SHA1}`);
    expect(findingsOf(await supportAnalyse(`${slsUrl}?${signedQuery({ xml: logoutRequest("s2") })}`), "security.sha1")).toEqual([]);
    // A LogoutRequest POSTed with an enveloped SHA-1 signature: the message's own signatures, not a Response's.
    const signedLogout = logoutRequest("s3").replace("</saml:Issuer>", `</saml:Issuer>${signatureElement("s3", SHA1)}`);
    expect(theFinding(await supportAnalyse(posted(signedLogout).replace("SAMLResponse", "SAMLRequest")), "security.sha1").actual).toBe(`LogoutRequest: ${SHA1}`);
  });

  it("security.certificate-expiring reports a certificate once, however many signatures carry it, with its dates", async () => {
    // valid-signed-both: the Response and its Assertion are signed with the same certificate (CN=saml-lens test idp).
    const notAfter = new Date("2046-11-18T11:22:02Z").getTime();
    const message = await analyse(fixtureXml("valid-signed-both"), { now: new Date(notAfter - 10.5 * DAY_MS), verify: allGood });
    const finding = theFinding(message, "security.certificate-expiring");
    expect(finding).toMatchObject({ severity: "warning", expected: "valid for more than 30 days" });
    expect(finding.actual).toMatch(/^valid until 2046-11-18/);
    expect(finding.message).toMatch(/^The certificate that signs the Response \(CN=saml-lens test idp\) expires in 10 days\. Sentry does not check expiry/);
    expect(finding.fix).toContain("Realm settings › Keys › Add provider");
  });

  it("security.unsigned-assertion is silent when nothing is signed (signature.missing says that), and says what it expects", async () => {
    expect(findingsOf(await analyse(fixtureXml("unsigned"), { verify: allGood }), "security.unsigned-assertion")).toEqual([]);
    const finding = theFinding(await analyse(SIGNED), "security.unsigned-assertion");
    expect(finding).toMatchObject({ expected: "a signed Assertion", actual: "only the Response is signed" });
    expect(finding.message).toBe(
      "The Response is signed but the Assertion inside it is not. Sentry checks the Response signature, which covers the assertion, so this " +
        "login is safe; but the assertion on its own (copied out of a log or a capture) carries no proof of origin.",
    );
  });

  it("security.no-audience: an assertion without Conditions at all, and what it expects with and without Sentry's entity ID", async () => {
    const noConditions = edit(SIGNED, /<saml:Conditions[^>]*>.*?<\/saml:Conditions>/, "");
    const finding = theFinding(await analyse(noConditions, { verify: allGood }), "security.no-audience");
    expect(finding).toMatchObject({ expected: `Audience ${PROFILE.spEntityId ?? ""}`, actual: "no AudienceRestriction" });
    expect(finding.message).toMatch(/^The Assertion names no Audience\./);
    expect(finding.message).toContain("and so would any other service provider that trusts this IdP: an assertion issued for another application logs the user in here too.");
    expect(findingsOf(await analyse(noConditions, { verify: allGood }), "security.long-lifetime")).toEqual([]);
    const anonymous = await analyzeInput(posted(noConditions), { profile: { ...PROFILE, spEntityId: undefined }, now: NOW, verify: allGood });
    if (!anonymous.ok) throw new Error(anonymous.error.message);
    const [message] = anonymous.analysis.messages;
    expect(message === undefined ? [] : findingsOf(message, "security.no-audience").map((found) => found.expected)).toEqual(["an AudienceRestriction naming Sentry"]);
  });

  it("security.long-lifetime counts from IssueInstant when there is no NotBefore, and says both ends", async () => {
    const withEnd = edit(SIGNED, 'NotOnOrAfter="2025-06-01T12:01:00Z"><saml:AudienceRestriction>', 'NotOnOrAfter="2025-06-01T12:29:58Z"><saml:AudienceRestriction>');
    const fromIssue = edit(withEnd, 'NotBefore="2025-06-01T11:59:50Z" ', "");
    const finding = theFinding(await analyse(fromIssue, { verify: allGood }), "security.long-lifetime");
    expect(finding).toMatchObject({ actual: "30 minutes", expected: "at most 10 minutes" });
    expect(finding.message).toContain("valid for 30 minutes (2025-06-01T11:59:58Z to 2025-06-01T12:29:58Z)");
    expect(finding.message).toContain("Sentry keeps no record of assertions it has seen, so a captured response can be replayed to log in as this user until it expires.");
    expect(theFinding(await analyse(withEnd, { verify: allGood }), "security.long-lifetime").message).toContain("(2025-06-01T11:59:50Z to 2025-06-01T12:29:58Z)");
    const unreadable = edit(withEnd, 'NotOnOrAfter="2025-06-01T12:29:58Z"><saml:AudienceRestriction>', 'NotOnOrAfter="soon"><saml:AudienceRestriction>');
    expect(findingsOf(await analyse(unreadable, { verify: allGood }), "security.long-lifetime")).toEqual([]);
  });
});

describe("security.certificate-expiring: which signatures it reads, and certificates it cannot read", () => {
  // The fixtures' signing certificate (CN=saml-lens test idp) is valid until 2046-11-18T11:22:02Z.
  const NOT_AFTER = new Date("2046-11-18T11:22:02Z").getTime();
  const soon = new Date(NOT_AFTER - 10.5 * DAY_MS);
  const expiring = (message: AnalyzedMessage) => findingsOf(message, "security.certificate-expiring").map((finding) => finding.message);

  it("reads an Assertion's signature when the Response is not signed, and a logout message's own", async () => {
    expect(expiring(await analyse(fixtureXml("valid-signed-assertion"), { now: soon, verify: allGood }))).toEqual([expect.stringMatching(/^The certificate that signs the Assertion /)]);
    const signedLogout = logoutRequest("c1").replace("</saml:Issuer>", `</saml:Issuer>${signatureElement("c1", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256")}`);
    const logout = await supportAnalyse(posted(signedLogout).replace("SAMLResponse", "SAMLRequest"), { now: soon });
    expect(expiring(logout)).toEqual([expect.stringMatching(/^The certificate that signs the LogoutRequest /)]);
  });

  it("skips a signature without a certificate, or with one it cannot read, and still reads the next", async () => {
    const both = fixtureXml("valid-signed-both");
    const first = /<ds:X509Certificate>[^<]*<\/ds:X509Certificate>/;
    const variants = { "no certificate": "", "not base64": "<ds:X509Certificate>not base64!</ds:X509Certificate>", "not a certificate": "<ds:X509Certificate>AAAA</ds:X509Certificate>" };
    for (const [name, replacement] of Object.entries(variants)) {
      expect(expiring(await analyse(edit(both, first, replacement), { now: soon, verify: allGood })), name).toEqual([expect.stringMatching(/signs the Assertion/)]);
    }
  });

  it("is silent from the moment the certificate expires (signature.certificate-expired says it then)", async () => {
    expect(expiring(await analyse(fixtureXml("valid-signed-both"), { now: new Date(NOT_AFTER), verify: allGood }))).toEqual([]);
    expect(expiring(await analyse(fixtureXml("valid-signed-both"), { now: new Date(NOT_AFTER - 1000), verify: allGood }))).toHaveLength(1);
  });
});

describe("security.long-lifetime: assertions whose lifetime it cannot tell", () => {
  const SIGNED = fixtureXml("valid-signed-document");
  const long = edit(SIGNED, 'NotOnOrAfter="2025-06-01T12:01:00Z"><saml:AudienceRestriction>', 'NotOnOrAfter="2025-06-01T12:30:00Z"><saml:AudienceRestriction>');

  it("is silent without NotOnOrAfter, with a start it cannot read, or with no start at all", async () => {
    const cases = {
      "no NotOnOrAfter": edit(long, ' NotOnOrAfter="2025-06-01T12:30:00Z"><saml:AudienceRestriction>', "><saml:AudienceRestriction>"),
      "an unreadable NotBefore": edit(long, 'NotBefore="2025-06-01T11:59:50Z"', 'NotBefore="soon"'),
      "neither NotBefore nor IssueInstant": edit(edit(long, 'NotBefore="2025-06-01T11:59:50Z" ', ""), /(<saml:Assertion [^>]*?) IssueInstant="[^"]*"/, "$1"),
    };
    expect(theFinding(await analyse(long, { verify: allGood }), "security.long-lifetime").actual).toBe("30 minutes");
    for (const [name, xml] of Object.entries(cases)) expect(findingsOf(await analyse(xml, { verify: allGood }), "security.long-lifetime"), name).toEqual([]);
  });
});
