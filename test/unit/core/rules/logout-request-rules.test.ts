/**
 * The logout rules (logout.*, as Sentry's SLS reads a message) and the AuthnRequest rules (request.*, as Keycloak
 * reads one), each on one mistake: what the finding names, and where it stays silent. Redirect-binding verdicts are
 * also checked against the real python3-saml in query-signature.test.ts.
 */
import { describe, expect, it } from "vitest";
import { NOW, PROFILE, base64 } from "../fixtures.js";
import { KEYCLOAK_SAML, authnRequestXml, entry, formBody, har, redirectUrl } from "../har-builder.js";
import { idpEntityId, logoutRequest, logoutResponse, signedQuery, slsUrl } from "../redirect-signing.js";
import { defaultVerifier } from "../../../../src/core/analyze/signatures.js";
import { UNSIGNED, analyse, edit, findingsOf, ids, theFinding } from "./support.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const SP = "https://sentry.example.com/saml/metadata/acme/";
const toSls = (xml: string, parameter: "SAMLRequest" | "SAMLResponse" = "SAMLRequest", profile = PROFILE) => analyse(redirectUrl(slsUrl, parameter, xml), { profile });
const posted = (url: string, xml: string, parameter: "SAMLRequest" | "SAMLResponse" = "SAMLRequest", profile = PROFILE) =>
  analyse(JSON.stringify(har([entry("POST", url, { body: formBody({ [parameter]: base64(xml) }) })])), { profile });
const stamp = (date: Date) => date.toISOString().replace(".000", "");

describe("logout.binding", () => {
  it("rejects a logout message POSTed to the SLS, which reads only the query string", async () => {
    for (const [xml, parameter] of [[logoutRequest("p1"), "SAMLRequest"], [logoutResponse("p2"), "SAMLResponse"]] as const) {
      const finding = theFinding(await posted(slsUrl, xml, parameter), "logout.binding");
      expect(finding).toMatchObject({ severity: "error", expected: "HTTP-Redirect", actual: "HTTP-POST" });
      expect(finding.receiverMessage).toBe("SAML LogoutRequest/LogoutResponse not found. Only supported HTTP_REDIRECT Binding");
      expect(finding.message).toContain(finding.receiverMessage);
      expect(finding.message).toContain(parameter === "SAMLRequest" ? "LogoutRequest" : "LogoutResponse");
      expect(finding.fix).toMatch(/Logout Service Redirect Binding URL/);
    }
  });

  it("explains a logout message POSTed to the ACS as the login failure Sentry shows", async () => {
    for (const url of [ACS, `${ACS.replace(/\/$/, "")}?x=1`]) {
      const finding = theFinding(await posted(url, logoutRequest("p3")), "logout.binding");
      expect(finding).toMatchObject({ severity: "error", receiverMessage: "Missing Status on response", actual: `HTTP-POST to ${url}` });
      expect(finding.message).toContain('"SAML SSO failed, Missing Status on response"');
      expect(finding.message).toContain("LogoutRequest");
      expect(finding.fix).toMatch(/Master SAML Processing URL: empty/);
    }
  });

  it("recognises Sentry's ACS route when the profile has no ACS URL", async () => {
    const profile = { ...PROFILE, acsUrl: undefined };
    expect(theFinding(await posted("https://sentry.example.com/saml/acs/acme/", logoutRequest("p4"), "SAMLRequest", profile), "logout.binding").receiverMessage).toBe("Missing Status on response");
    expect(theFinding(await posted("https://sentry.example.com/saml/acs/acme?next=1", logoutRequest("p5"), "SAMLRequest", profile), "logout.binding").receiverMessage).toBe("Missing Status on response");
    expect(theFinding(await posted(slsUrl, logoutRequest("p6"), "SAMLRequest", profile), "logout.binding").receiverMessage).toMatch(/HTTP_REDIRECT/);
    expect(theFinding(await posted("https://sentry.example.com/saml/acs/acme/extra/", logoutRequest("p7"), "SAMLRequest", profile), "logout.binding").receiverMessage).toMatch(/HTTP_REDIRECT/);
  });

  it("says nothing about the Redirect binding, a pasted message, or a logout sent to Keycloak", async () => {
    expect(findingsOf(await toSls(logoutRequest("r1")), "logout.binding")).toEqual([]);
    expect(findingsOf(await analyse(logoutRequest("r2")), "logout.binding")).toEqual([]);
    const fromSentry = logoutRequest("r3", { issuer: SP, destination: KEYCLOAK_SAML });
    const message = await posted(KEYCLOAK_SAML, fromSentry);
    expect(message.receiver).toBe("idp");
    expect(findingsOf(message, "logout.binding")).toEqual([]);
  });
});

describe("logout.destination-mismatch", () => {
  it("names where Sentry's SLS is and the Destination the message has", async () => {
    const destination = slsUrl.replace(/\/$/, "");
    const finding = theFinding(await toSls(logoutRequest("d1", { destination })), "logout.destination-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: `Destination starting with ${slsUrl}`, actual: destination });
    expect(finding.receiverMessage).toBe(`The LogoutRequest was received at ${slsUrl} instead of ${destination}`);
    expect(finding.message).toContain(finding.receiverMessage);
    const response = theFinding(await toSls(logoutResponse("d2", { destination }), "SAMLResponse"), "logout.destination-mismatch");
    expect(response.receiverMessage).toBe(`The LogoutResponse was received at ${slsUrl} instead of ${destination}`);
    expect(response.message).toContain("LogoutResponse's Destination");
  });

  it("does not judge an empty or absent Destination, nor without an SLS URL", async () => {
    expect(findingsOf(await toSls(logoutRequest("d3", { destination: "" })), "logout.destination-mismatch")).toEqual([]);
    expect(findingsOf(await toSls(edit(logoutRequest("d4"), `Destination="${slsUrl}" `, "")), "logout.destination-mismatch")).toEqual([]);
    expect(findingsOf(await toSls(logoutRequest("d5", { destination: "https://elsewhere.example.com/" }), "SAMLRequest", { ...PROFILE, slsUrl: undefined }), "logout.destination-mismatch")).toEqual([]);
  });
});

describe("logout.expired", () => {
  it("rejects a LogoutRequest whose NotOnOrAfter has come, saying how long ago", async () => {
    const finding = theFinding(await toSls(logoutRequest("e1", { notOnOrAfter: stamp(new Date(NOW.getTime() - 90_000)) })), "logout.expired");
    expect(finding).toMatchObject({ severity: "error", expected: `NotOnOrAfter > ${NOW.toISOString()}`, actual: stamp(new Date(NOW.getTime() - 90_000)) });
    expect(finding.receiverMessage).toBe("Could not validate timestamp: expired. Check system clock.)");
    expect(finding.message).toContain("passed 90 s ago");
    expect(finding.message).toContain(finding.receiverMessage);
    expect(ids(await toSls(logoutRequest("e2", { notOnOrAfter: stamp(NOW) })))).toContain("logout.expired");
  });

  it("accepts a future, empty, unreadable or absent NotOnOrAfter", async () => {
    for (const notOnOrAfter of [new Date(NOW.getTime() + 1000).toISOString(), "", "later", undefined]) {
      const xml = notOnOrAfter === undefined ? logoutRequest("e3") : logoutRequest("e3", { notOnOrAfter });
      expect(findingsOf(await toSls(xml), "logout.expired"), String(notOnOrAfter)).toEqual([]);
    }
  });
});

describe("logout.issuer-mismatch", () => {
  it("names the expected and the received Issuer, for either kind", async () => {
    const other = `${idpEntityId}-old`;
    const request = theFinding(await toSls(logoutRequest("i1", { issuer: other })), "logout.issuer-mismatch");
    expect(request).toMatchObject({ severity: "error", expected: idpEntityId, actual: JSON.stringify(other) });
    expect(request.receiverMessage).toBe(`Invalid issuer in the Logout Request (expected ${idpEntityId}, got ${other})`);
    expect(request.message).toContain(request.receiverMessage);
    expect(request.message).toContain("LogoutRequest's Issuer");
    const response = theFinding(await toSls(logoutResponse("i2", { issuer: other }), "SAMLResponse"), "logout.issuer-mismatch");
    expect(response.receiverMessage).toBe(`Invalid issuer in the Logout Response (expected ${idpEntityId}, got ${other})`);
  });

  it("does not compare an absent Issuer, nor without the IdP entity ID", async () => {
    expect(findingsOf(await toSls(edit(logoutRequest("i3"), `<saml:Issuer>${idpEntityId}</saml:Issuer>`, "")), "logout.issuer-mismatch")).toEqual([]);
    expect(findingsOf(await toSls(logoutRequest("i4", { issuer: "x" }), "SAMLRequest", { ...PROFILE, idpEntityId: undefined }), "logout.issuer-mismatch")).toEqual([]);
  });
});

describe("logout.status", () => {
  it("names the status Keycloak answered with, and python3-saml's bare error", async () => {
    const finding = theFinding(await toSls(logoutResponse("s1", { status: "Responder" }), "SAMLResponse"), "logout.status");
    expect(finding).toMatchObject({ severity: "error", expected: "urn:oasis:names:tc:SAML:2.0:status:Success", actual: "urn:oasis:names:tc:SAML:2.0:status:Responder", receiverMessage: "logout_not_success" });
    expect(finding.message).toContain("status is Responder,");
    expect(finding.message).toContain("logout_not_success");
  });

  it("quotes Keycloak's StatusMessage and says when the code is missing", async () => {
    const withMessage = edit(logoutResponse("s2", { status: "Requester" }), "</samlp:Status>", "<samlp:StatusMessage>session gone</samlp:StatusMessage></samlp:Status>");
    expect(theFinding(await toSls(withMessage, "SAMLResponse"), "logout.status").message).toContain('Requester ("session gone")');
    const noCode = edit(logoutResponse("s3"), /<samlp:StatusCode [^>]*\/>/, "");
    const finding = theFinding(await toSls(noCode, "SAMLResponse"), "logout.status");
    expect(finding.actual).toBe("(no StatusCode)");
    expect(finding.message).toContain("status is missing");
    expect(finding.message).not.toContain('("');
  });

  it("is silent about Success and about LogoutRequests", async () => {
    expect(findingsOf(await toSls(logoutResponse("s4"), "SAMLResponse"), "logout.status")).toEqual([]);
    expect(findingsOf(await toSls(logoutRequest("s5")), "logout.status")).toEqual([]);
  });
});

describe("request.acs-mismatch, request.binding and request.issuer-mismatch", () => {
  const toKeycloak = (xml: string, profile = PROFILE) => analyse(redirectUrl(KEYCLOAK_SAML, "SAMLRequest", xml), { profile });

  it("request.acs-mismatch names the ACS URL asked for and the one the client has, with Keycloak's page", async () => {
    const finding = theFinding(await toKeycloak(authnRequestXml("q1", { acs: "http://sentry.example.com/saml/acs/acme/" })), "request.acs-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: ACS, actual: "http://sentry.example.com/saml/acs/acme/", receiverMessage: "Invalid Request" });
    expect(finding.message).toContain('"Invalid Request"');
    expect(findingsOf(await toKeycloak(authnRequestXml("q2", { acs: "x" }), { ...PROFILE, acsUrl: undefined }), "request.acs-mismatch")).toEqual([]);
    expect(findingsOf(await toKeycloak(edit(authnRequestXml("q3"), ` AssertionConsumerServiceURL="${ACS}"`, "")), "request.acs-mismatch")).toEqual([]);
  });

  it("request.binding warns about a Redirect ProtocolBinding, and not about POST or none", async () => {
    const redirect = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    const finding = theFinding(await toKeycloak(authnRequestXml("q4", { binding: redirect })), "request.binding");
    expect(finding).toMatchObject({ severity: "warning", expected: "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST", actual: redirect });
    expect(finding.message).toMatch(/HTTP-POST/);
    expect(findingsOf(await toKeycloak(authnRequestXml("q5")), "request.binding")).toEqual([]);
    expect(findingsOf(await toKeycloak(edit(authnRequestXml("q6"), /ProtocolBinding="[^"]*" /, "")), "request.binding")).toEqual([]);
  });

  it("request.issuer-mismatch compares with the Keycloak Client ID, or else the SP entity ID", async () => {
    const finding = theFinding(await toKeycloak(authnRequestXml("q7", { issuer: SP.replace(/\/$/, "") })), "request.issuer-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: SP, actual: JSON.stringify(SP.replace(/\/$/, "")), receiverMessage: "Invalid Request" });
    expect(finding.message).toContain('"Invalid Request"');
    expect(finding.message).toMatch(/client_not_found/);
    const byClientId = { ...PROFILE, keycloakClientId: "sentry" };
    expect(theFinding(await toKeycloak(authnRequestXml("q8"), byClientId), "request.issuer-mismatch").expected).toBe("sentry");
    expect(findingsOf(await toKeycloak(authnRequestXml("q9", { issuer: "sentry" }), byClientId), "request.issuer-mismatch")).toEqual([]);
    expect(findingsOf(await toKeycloak(authnRequestXml("q10", { issuer: "x" }), { ...PROFILE, spEntityId: undefined }), "request.issuer-mismatch")).toEqual([]);
    const noIssuer = theFinding(await toKeycloak(edit(authnRequestXml("q11"), /<saml:Issuer>[^<]*<\/saml:Issuer>/, "")), "request.issuer-mismatch");
    expect(noIssuer.actual).toBe("(absent)");
  });
});

describe("request.in-response-to-mismatch", () => {
  it("rejects a SubjectConfirmation that answers another request than the Response", async () => {
    const xml = edit(UNSIGNED, 'SubjectConfirmationData InResponseTo="ONELOGIN_req_1"', 'SubjectConfirmationData InResponseTo="ONELOGIN_req_0"');
    const finding = theFinding(await analyse(`SAMLResponse=${encodeURIComponent(base64(xml))}`), "request.in-response-to-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: '"ONELOGIN_req_1"', actual: '"ONELOGIN_req_0"', receiverMessage: "A valid SubjectConfirmation was not found on this Response" });
    expect(finding.message).toContain("SAML SSO failed, A valid SubjectConfirmation was not found on this Response");
  });

  it("accepts a SubjectConfirmation without InResponseTo, and one of an IdP-initiated Response", async () => {
    const withoutIrt = edit(UNSIGNED, 'SubjectConfirmationData InResponseTo="ONELOGIN_req_1"', "SubjectConfirmationData");
    expect(findingsOf(await analyse(`SAMLResponse=${encodeURIComponent(base64(withoutIrt))}`), "request.in-response-to-mismatch")).toEqual([]);
    const idpInitiated = edit(UNSIGNED, ' InResponseTo="ONELOGIN_req_1" IssueInstant', " IssueInstant");
    expect(findingsOf(await analyse(`SAMLResponse=${encodeURIComponent(base64(idpInitiated))}`), "request.in-response-to-mismatch")).toEqual([]);
  });
});

describe("signature.not-checked on a signed logout sent to Sentry", () => {
  const url = `${slsUrl}?${signedQuery({ xml: logoutRequest("n1") })}`;
  const notChecked = async (options: Parameters<typeof analyse>[1]) => findingsOf(await analyse(url, options), "signature.not-checked");

  it("says the verdict leaves the query signature out without a verifier or a certificate", async () => {
    const [unverified] = await notChecked({});
    expect(unverified?.severity).toBe("info");
    expect(unverified?.message).toMatch(/query signature was not verified/);
    const [uncertain] = await notChecked({ verify: defaultVerifier, profile: { ...PROFILE, trustedCertificates: [] } });
    expect(uncertain?.message).toMatch(/No IdP certificate was supplied.*query signature/);
    expect(await notChecked({ verify: defaultVerifier })).toEqual([]);
  });

  it("says the values were masked for sharing when the Signature is zero bytes", async () => {
    const masked = `${slsUrl}?${signedQuery({ xml: logoutRequest("n2"), signature: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })}`;
    const [finding] = findingsOf(await analyse(masked, { verify: defaultVerifier }), "signature.not-checked");
    expect(finding?.message).toMatch(/redacted for sharing/);
  });

  it("says nothing about an unsigned logout, or one sent to Keycloak", async () => {
    expect(findingsOf(await analyse(redirectUrl(slsUrl, "SAMLRequest", logoutRequest("n3"))), "signature.not-checked")).toEqual([]);
    const toKeycloak = `${KEYCLOAK_SAML}?${signedQuery({ xml: logoutRequest("n4", { issuer: SP, destination: KEYCLOAK_SAML }) })}`;
    expect(findingsOf(await analyse(toKeycloak), "signature.not-checked")).toEqual([]);
  });
});
