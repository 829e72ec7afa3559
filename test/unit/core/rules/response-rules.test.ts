/**
 * The Response-level rules (response.*) on one mistake each, edited into the unsigned fixture: whether the finding
 * appears, what it tells the user (expected, actual, what Sentry shows) and which fix it offers. The agreement test
 * checks the same rules against the real python3-saml on signed messages; these pin the edges it does not reach.
 */
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PROFILE, base64 } from "../fixtures.js";
import { UNSIGNED, analyse, analysePosted, edit, findingsOf, ids, sentryPage, theFinding } from "./support.js";

const ACS = "https://sentry.example.com/saml/acs/acme/";
const IDP = "https://keycloak.example.com/realms/demo";
const SUCCESS_STATUS = /<samlp:Status>[\s\S]*?<\/samlp:Status>/;
const ASSERTION = /<saml:Assertion [\s\S]*<\/saml:Assertion>/;
const withStatus = (status: string, xml = UNSIGNED) => edit(xml, SUCCESS_STATUS, status);
const code = (value: string, inner = "") => `<samlp:StatusCode Value="${value}">${inner}</samlp:StatusCode>`;
const REQUESTER = "urn:oasis:names:tc:SAML:2.0:status:Requester";
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

describe("response.binding", () => {
  it("rejects a Response that reached the ACS in a Redirect URL, naming both bindings", async () => {
    const value = base64(deflateRawSync(Buffer.from(UNSIGNED)));
    const finding = theFinding(await analyse(`${ACS}?SAMLResponse=${encodeURIComponent(value)}`), "response.binding");
    expect(finding).toMatchObject({ severity: "error", expected: "HTTP-POST", actual: "HTTP-Redirect" });
    expect(finding.message).toContain("HTTP-Redirect");
    expect(finding.message).toContain(finding.receiverMessage);
  });

  it("says nothing about the binding of a bare value whose binding was only guessed", async () => {
    const message = await analyse(base64(deflateRawSync(Buffer.from(UNSIGNED))));
    expect(message.binding).toBe("HTTP-Redirect");
    expect(ids(message)).not.toContain("response.binding");
  });
});

describe("response.status", () => {
  it("quotes the status code and Keycloak's StatusMessage, and points to Keycloak's log", async () => {
    const message = await analysePosted(withStatus(`<samlp:Status>${code(REQUESTER)}<samlp:StatusMessage>Login aborted</samlp:StatusMessage></samlp:Status>`));
    const finding = theFinding(message, "response.status");
    expect(finding.severity).toBe("error");
    expect(finding.receiverMessage).toBe("The status code of the Response was not Success, was Requester -> Login aborted");
    expect(finding.message).toContain(sentryPage(finding));
    expect(finding).toMatchObject({ expected: SUCCESS, actual: `${REQUESTER} / Login aborted` });
    expect(finding.fix).toMatch(/server log|Events/);
    expect(message.receiverMessage).toBe(finding.receiverMessage);
  });

  it("quotes the second-level code when the StatusMessage is absent or empty, and sends InvalidNameIDPolicy to the Name ID format", async () => {
    const policy = "urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy";
    for (const statusMessage of ["", "<samlp:StatusMessage></samlp:StatusMessage>"]) {
      const finding = theFinding(await analysePosted(withStatus(`<samlp:Status>${code(REQUESTER, code(policy))}${statusMessage}</samlp:Status>`)), "response.status");
      expect(finding.receiverMessage).toBe(`The status code of the Response was not Success, was Requester -> ${policy}`);
      expect(finding.actual).toBe(`${REQUESTER} / ${policy}`);
      expect(finding.fix).toMatch(/Force name ID format/);
    }
  });

  it("keeps the general fix for other second-level codes", async () => {
    const finding = theFinding(
      await analysePosted(withStatus(`<samlp:Status>${code(REQUESTER, code("urn:oasis:names:tc:SAML:2.0:status:RequestDenied"))}</samlp:Status>`)),
      "response.status",
    );
    expect(finding.fix).not.toMatch(/Force name ID format/);
    expect(finding.fix).toMatch(/server log|Events/);
  });

  it("reports a Response without Status, and a Status without StatusCode, as python3-saml does", async () => {
    const missing = theFinding(await analysePosted(edit(UNSIGNED, SUCCESS_STATUS, "")), "response.status");
    expect(missing).toMatchObject({ severity: "error", receiverMessage: "Missing Status on response", actual: "(no status)" });
    expect(missing.message).toContain(sentryPage(missing));
    const noCode = theFinding(await analysePosted(withStatus("<samlp:Status></samlp:Status>")), "response.status");
    expect(noCode).toMatchObject({ severity: "error", receiverMessage: "Missing Status Code on response", actual: "(no status)" });
  });

  it("finds nothing wrong with Success, nor with an empty status code value", async () => {
    expect(ids(await analysePosted(UNSIGNED))).not.toContain("response.status");
    expect(ids(await analysePosted(withStatus(`<samlp:Status>${code("")}</samlp:Status>`)))).not.toContain("response.status");
  });
});

describe("response.no-assertion", () => {
  const noAssertion = edit(UNSIGNED, ASSERTION, "");

  it("rejects a successful Response without an assertion, quoting python3-saml", async () => {
    const message = await analysePosted(noAssertion);
    const finding = theFinding(message, "response.no-assertion");
    expect(finding).toMatchObject({ severity: "error", receiverMessage: "SAML Response must contain 1 assertion", actual: "0", expected: "1 assertion" });
    expect(finding.message).toContain(sentryPage(finding));
    expect(message.verdict).toBe("reject");
  });

  it("only notes the missing assertion after an error status, which is the cause", async () => {
    const message = await analysePosted(withStatus(`<samlp:Status>${code(REQUESTER)}</samlp:Status>`, noAssertion));
    const finding = theFinding(message, "response.no-assertion");
    expect(finding.severity).toBe("info");
    expect(finding.receiverMessage).toBeUndefined();
    expect(finding.message).toMatch(/error status/);
    expect(message.receiverMessage).toMatch(/was Requester/);
  });

  it("counts a missing status, or one without a code, as no error status", async () => {
    for (const status of ["", "<samlp:Status></samlp:Status>"]) {
      const finding = theFinding(await analysePosted(withStatus(status, noAssertion)), "response.no-assertion");
      expect(finding.severity).toBe("error");
      expect(finding.receiverMessage).toBe("SAML Response must contain 1 assertion");
    }
  });
});

describe("response.multiple-assertions", () => {
  it("rejects a Response with two assertions and says how many it found", async () => {
    const assertion = ASSERTION.exec(UNSIGNED)?.[0] ?? "";
    const message = await analysePosted(edit(UNSIGNED, ASSERTION, assertion + assertion.replace('ID="ID_assert_42ab"', 'ID="ID_assert_2"')));
    const finding = theFinding(message, "response.multiple-assertions");
    expect(finding).toMatchObject({ severity: "error", actual: "2", expected: "1", receiverMessage: "SAML Response must contain 1 assertion" });
    expect(finding.message).toContain("2 assertions");
    expect(finding.message).toContain(sentryPage(finding));
  });

  it("is silent about a single assertion", async () => {
    expect(ids(await analysePosted(UNSIGNED))).not.toContain("response.multiple-assertions");
  });
});

describe("response.issuer-mismatch", () => {
  const RESPONSE_ISSUER = `<saml:Issuer>${IDP}</saml:Issuer><samlp:Status>`;
  const withResponseIssuer = (issuer: string) => edit(UNSIGNED, RESPONSE_ISSUER, `${issuer}<samlp:Status>`);

  it("names the expected and the received issuer", async () => {
    const finding = theFinding(await analysePosted(withResponseIssuer("<saml:Issuer>https://login.example.com/realms/demo</saml:Issuer>")), "response.issuer-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: IDP, actual: '"https://login.example.com/realms/demo"' });
    expect(finding.receiverMessage).toBe(`Invalid issuer in the Assertion/Response (expected ${IDP}, got https://login.example.com/realms/demo)`);
    expect(finding.message).toContain(sentryPage(finding));
  });

  it("rejects two Response Issuers", async () => {
    const finding = theFinding(await analysePosted(withResponseIssuer(`<saml:Issuer>${IDP}</saml:Issuer><saml:Issuer>${IDP}</saml:Issuer>`)), "response.issuer-mismatch");
    expect(finding).toMatchObject({ severity: "error", actual: "2", expected: "1", receiverMessage: "Issuer of the Response is multiple." });
    expect(finding.message).toContain("Issuer of the Response is multiple.");
  });

  it("does not compare an absent or empty Response Issuer, nor any issuer when the IdP entity ID is unknown", async () => {
    expect(ids(await analysePosted(withResponseIssuer("")))).not.toContain("response.issuer-mismatch");
    expect(ids(await analysePosted(withResponseIssuer("<saml:Issuer></saml:Issuer>")))).not.toContain("response.issuer-mismatch");
    const other = withResponseIssuer("<saml:Issuer>https://login.example.com/realms/demo</saml:Issuer>");
    expect(ids(await analysePosted(other, { profile: { ...PROFILE, idpEntityId: undefined } }))).not.toContain("response.issuer-mismatch");
  });
});

describe("response.destination-mismatch", () => {
  const withDestination = (destination: string) => edit(UNSIGNED, `Destination="${ACS}"`, destination === "(none)" ? "" : `Destination="${destination}"`);

  it("names the URL Sentry was reached at and the Destination it got", async () => {
    const finding = theFinding(await analysePosted(withDestination("https://sentry.example.com/saml/acs/acme")), "response.destination-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: ACS, actual: '"https://sentry.example.com/saml/acs/acme"' });
    expect(finding.receiverMessage).toBe(`The response was received at ${ACS} instead of https://sentry.example.com/saml/acs/acme`);
    expect(finding.message).toContain(sentryPage(finding));
  });

  it("reports an empty Destination with python3-saml's own words", async () => {
    const finding = theFinding(await analysePosted(withDestination("")), "response.destination-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: ACS, actual: '""', receiverMessage: "The response has an empty Destination value" });
    expect(finding.message).toContain(sentryPage(finding));
  });

  it("accepts what python3-saml accepts: any case in scheme and host, anything after the ACS URL", async () => {
    for (const destination of ["HTTPS://SENTRY.Example.com/saml/acs/acme/", `${ACS}?org=acme`]) {
      expect(ids(await analysePosted(withDestination(destination))), destination).not.toContain("response.destination-mismatch");
    }
  });

  it("compares the path as it is", async () => {
    expect(ids(await analysePosted(withDestination("https://sentry.example.com/SAML/acs/acme/")))).toContain("response.destination-mismatch");
  });

  it("takes the URL Sentry is reached at from the ACS URL as python3-saml rebuilds it (host lower-cased, default port dropped)", async () => {
    const profile = { ...PROFILE, acsUrl: "https://Sentry.Example.com:443/saml/acs/acme/" };
    expect(ids(await analysePosted(UNSIGNED, { profile }))).not.toContain("response.destination-mismatch");
    const finding = theFinding(await analysePosted(withDestination("http://sentry.example.com/saml/acs/acme/"), { profile }), "response.destination-mismatch");
    expect(finding.expected).toBe(ACS);
    const port = { ...PROFILE, acsUrl: "https://sentry.example.com:8443/saml/acs/acme/" };
    expect(theFinding(await analysePosted(UNSIGNED, { profile: port }), "response.destination-mismatch").expected).toBe("https://sentry.example.com:8443/saml/acs/acme/");
  });

  it("compares an ACS URL that is no URL as it is written", async () => {
    const finding = theFinding(await analysePosted(UNSIGNED, { profile: { ...PROFILE, acsUrl: "sentry acs" } }), "response.destination-mismatch");
    expect(finding.expected).toBe("sentry acs");
    expect(finding.receiverMessage).toBe(`The response was received at sentry acs instead of ${ACS}`);
  });

  it("does not check a Response without Destination, nor when the ACS URL is unknown", async () => {
    expect(ids(await analysePosted(withDestination("(none)")))).not.toContain("response.destination-mismatch");
    const finding = findingsOf(await analysePosted(withDestination("http://elsewhere.example.com/"), { profile: { ...PROFILE, acsUrl: undefined } }), "response.destination-mismatch");
    expect(finding).toEqual([]);
  });
});
