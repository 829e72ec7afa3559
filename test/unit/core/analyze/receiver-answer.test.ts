/**
 * The receiver's answer in the capture outranks the prediction, and a prediction names what it assumed in words.
 * Sentry's texts come from the real python3-saml run as Sentry runs it (test/python/sentry_acs.py), put into the page
 * the bench's Sentry shows; Keycloak's status and error page are those of its login theme.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import type { AnalyzedMessage } from "../../../../src/core/analyze/result.js";
import { defaultVerifier } from "../../../../src/core/analyze/signatures.js";
import { verdictWords } from "../../../../src/core/analyze/verdict-words.js";
import type { HarEntry } from "../../../../src/core/har/schema.js";
import type { SpProfile } from "../../../../src/core/rules/rule.js";
import { NOW, PROFILE, base64, fixtureIndex, fixtureXml } from "../fixtures.js";
import { KEYCLOAK_ERROR_PAGE, KEYCLOAK_SAML, authnRequestXml, entry, formBody, har, redirectUrl } from "../har-builder.js";
import { sentryAcs } from "../sentry-agreement.js";

const ACS = fixtureIndex.profile.acsUrl;
const response = base64(fixtureXml("valid-signed-document"));

async function analyzed(entries: HarEntry[], profile: SpProfile = PROFILE): Promise<AnalyzedMessage> {
  const result = await analyzeInput(JSON.stringify(har(entries)), { profile, now: NOW, verify: defaultVerifier });
  if (!result.ok) throw new Error(result.error.message);
  const message = result.analysis.messages.at(-1);
  if (message === undefined) throw new Error("no message");
  return message;
}

function redirected(base: HarEntry, status: number, location: string): HarEntry {
  return { ...base, response: { ...base.response, status, headers: [{ name: "Location", value: location }], redirectURL: location } };
}

const authnRequest = () => redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("ID_req_answer"));

describe("Keycloak's answer decides an AuthnRequest's verdict", () => {
  it("reads Rejected when Keycloak answered HTTP 400 (its error page, as the recorder sees it: status only)", async () => {
    const message = await analyzed([entry("GET", authnRequest(), { status: 400 })]);
    expect(message.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect(message.verdict).toBe("reject");
    expect(verdictWords(message)).toEqual({ short: "Rejected", sentence: "Keycloak refused this AuthnRequest: Keycloak answered the AuthnRequest with HTTP 400 (an error page, not its login page)." });
  });

  it("quotes Keycloak's error page when the capture kept it", async () => {
    const message = await analyzed([entry("GET", authnRequest(), { status: 400, html: KEYCLOAK_ERROR_PAGE })]);
    expect(message.verdict).toBe("reject");
    expect(message.receiverMessage).toBe("Invalid requester");
  });

  it("reads Accepted, with no condition, when Keycloak answered with its login page", async () => {
    const message = await analyzed([entry("GET", authnRequest(), { status: 200, html: "<html><form id='kc-form-login'></form></html>" })]);
    expect(verdictWords(message).short).toBe("Accepted");
    expect(message.answer?.outcome).toBe("accepted");
  });
});

describe("Keycloak's Response, paired with the AuthnRequest in the capture, is its answer", () => {
  it("reads Accepted for a request the prediction refused, when Keycloak answered it with a Response", async () => {
    // An Issuer without its slash: the prediction says Keycloak finds no client; the capture shows it found one.
    const request = redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("ONELOGIN_req_1", { issuer: "https://sentry.example.com/saml/metadata/acme" }));
    const result = await analyzeInput(JSON.stringify(har([entry("GET", request), entry("POST", ACS, { body: formBody({ SAMLResponse: response }) })])), {
      profile: PROFILE,
      now: NOW,
      verify: defaultVerifier,
    });
    if (!result.ok) throw new Error(result.error.message);
    const [authn] = result.analysis.messages;
    expect(authn?.findings.map((finding) => finding.id)).toContain("request.issuer-mismatch");
    expect(authn?.verdict).toBe("accept");
    expect(authn === undefined ? "" : verdictWords(authn).sentence).toBe(
      "Keycloak accepted this AuthnRequest: Keycloak answered the AuthnRequest with a Response (ID ID_resp_7f1c) in the capture. " +
        "The checks here predicted a refusal (request.issuer-mismatch), so the SP profile, IdP certificate or attribute mapping they used is not what Keycloak has.",
    );
  });
});

describe("Sentry's answer decides a Response's verdict", () => {
  let mappingFailure: string;
  beforeAll(() => {
    const python = sentryAcs([{ name: "user_id", SAMLResponse: response }], { identifier: "user_id", user_email: "user_email" }).get("user_id");
    expect(python?.stage).toBe("mapping");
    mappingFailure = python?.error ?? "";
  });

  it("reads Rejected, with Sentry's own text, when Sentry showed its mapping error though every check here passed", async () => {
    const page = `<!doctype html><html><body><h1>Login</h1><p id='sentry-message' data-kind='mapping-failed'>${mappingFailure.replace(/'/g, "&#x27;")}</p></body></html>`;
    const message = await analyzed([entry("POST", ACS, { body: formBody({ SAMLResponse: response }), status: 200, html: page })]);
    expect(message.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect(message.verdict).toBe("reject");
    expect(message.receiverMessage).toBe(mappingFailure);
    expect(verdictWords(message).sentence).toBe(`Sentry refused this Response: Sentry answered with its error: "${mappingFailure}".`);
  });

  it("reads Rejected when Sentry answered HTTP 500, and when it sent the browser back to its login page", async () => {
    const post = entry("POST", ACS, { body: formBody({ SAMLResponse: response }) });
    expect((await analyzed([{ ...post, response: { ...post.response, status: 500 } }])).verdict).toBe("reject");
    const back = await analyzed([redirected(post, 302, "https://sentry.example.com/auth/login/acme/")]);
    expect(back.verdict).toBe("reject");
    expect(verdictWords(back).sentence).toContain("Sentry sent the browser back to its login page");
  });

  it("ignores the answer when asked to judge at another time than the receiver did (--now)", async () => {
    const post = entry("POST", ACS, { body: formBody({ SAMLResponse: response }), status: 500 });
    const result = await analyzeInput(JSON.stringify(har([post])), { profile: PROFILE, now: NOW, verify: defaultVerifier, followAnswers: false });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.analysis.messages[0]?.verdict).toBe("accept");
  });
});

describe("a prediction names what it assumed, in words", () => {
  it("says 'Accepted if the IdP's key is trusted' without a certificate, never a bare '?'", async () => {
    const message = await analyzed([entry("POST", ACS, { body: formBody({ SAMLResponse: response }) })], { ...PROFILE, trustedCertificates: [] });
    const words = verdictWords(message);
    expect(words.short).toBe("Accepted if the IdP's key is trusted");
    expect(words.sentence).toMatch(/^Sentry will accept this Response if the IdP's key is trusted: the signature was not checked against the IdP certificate/);
    expect(`${words.short} ${words.sentence}`).not.toContain("?");
  });

  it("says which IdP User ID it assumed when the mapping was not given, and agrees with python3-saml under that mapping", async () => {
    const assumed: SpProfile = { ...PROFILE, identifierAttribute: "user_id", attributeMappingAssumed: true };
    const message = await analyzed([entry("POST", ACS, { body: formBody({ SAMLResponse: response }) })], assumed);
    expect(verdictWords(message)).toEqual({
      short: "Rejected if IdP User ID = user_id",
      sentence: 'Sentry will reject this Response if its mapping is as assumed: assumes Sentry\'s attribute mapping is IdP User ID = "user_id" and User Email = "user_email" (not given).',
    });
    expect(sentryAcs([{ name: "r", SAMLResponse: response }], { identifier: "user_id", user_email: "user_email" }).get("r")?.valid).toBe(false);
  });
});
