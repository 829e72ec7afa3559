/**
 * Each message is judged against the SP endpoint it was sent to: a login of Sentry organization "acme" captured while
 * the profile names organization "newco" is judged as acme's Sentry judged it (python3-saml, as Sentry runs it, is the
 * reference), and an AuthnRequest of acme's Sentry as Keycloak judges acme's client.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeInput } from "../../../../src/core/analyze/analyze.js";
import { defaultVerifier } from "../../../../src/core/analyze/signatures.js";
import type { SpProfile } from "../../../../src/core/rules/rule.js";
import { NOW, PROFILE, base64, fixtureIndex, fixtureXml } from "../fixtures.js";
import { KEYCLOAK_SAML, authnRequestXml, entry, formBody, har, redirectUrl } from "../har-builder.js";
import { sentryAcs, type SentryResult } from "../sentry-agreement.js";

const NEWCO: SpProfile = {
  ...PROFILE,
  spEntityId: "https://sentry.example.com/saml/metadata/newco/",
  acsUrl: "https://sentry.example.com/saml/acs/newco/",
  slsUrl: "https://sentry.example.com/saml/sls/newco/",
};
const ACME_ACS = fixtureIndex.profile.acsUrl;
const response = base64(fixtureXml("valid-signed-document"));

async function analyzeHar(text: string, profile: SpProfile) {
  const result = await analyzeInput(text, { profile, now: NOW, verify: defaultVerifier });
  if (!result.ok) throw new Error(result.error.message);
  return result.analysis.messages;
}

describe("the SP a message is judged against is the one it was sent to", () => {
  let python: SentryResult | undefined;
  beforeAll(() => {
    python = sentryAcs([{ name: "acme", SAMLResponse: response }]).get("acme");
  });

  it("accepts acme's Response posted to acme's ACS, as python3-saml does, while the profile names newco", async () => {
    expect(ACME_ACS).toBe("https://sentry.example.com/saml/acs/acme/");
    expect(python?.valid).toBe(true);
    const [message] = await analyzeHar(JSON.stringify(har([entry("POST", ACME_ACS, { body: formBody({ SAMLResponse: response }) })])), NEWCO);
    expect(message?.findings.filter((finding) => finding.severity === "error").map((finding) => finding.message)).toEqual([]);
    expect(message?.verdict).toBe("accept");
  });

  it("still judges by the profile's URL prefix on the same Sentry: a Destination with the other scheme is refused", async () => {
    const httpProfile: SpProfile = { ...NEWCO, spEntityId: "http://sentry.example.com/saml/metadata/newco/", acsUrl: "http://sentry.example.com/saml/acs/newco/", slsUrl: "http://sentry.example.com/saml/sls/newco/" };
    const [message] = await analyzeHar(JSON.stringify(har([entry("POST", ACME_ACS, { body: formBody({ SAMLResponse: response }) })])), httpProfile);
    expect(message?.verdict).toBe("reject");
    expect(message?.receiverMessage).toBe("The response was received at http://sentry.example.com/saml/acs/acme/ instead of https://sentry.example.com/saml/acs/acme/");
  });

  it("judges acme's AuthnRequest as one for acme's client, and still flags an Issuer without its trailing slash", async () => {
    const capture = (issuer: string) => JSON.stringify(har([entry("GET", redirectUrl(KEYCLOAK_SAML, "SAMLRequest", authnRequestXml("ID_req_1", { issuer })))]));
    const [acme] = await analyzeHar(capture("https://sentry.example.com/saml/metadata/acme/"), NEWCO);
    expect(acme?.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect(acme?.verdict).toBe("accept");
    const [slashless] = await analyzeHar(capture("https://sentry.example.com/saml/metadata/newco"), NEWCO);
    expect(slashless?.findings.map((finding) => finding.id)).toContain("request.issuer-mismatch");
  });
});
