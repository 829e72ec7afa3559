/**
 * The Assertion-level rules (assertion.*) on one mistake each, edited into the unsigned fixture: whether the finding
 * appears, what it tells the user, and that it stays silent where python3-saml has nothing to say.
 */
import { describe, expect, it } from "vitest";
import { PROFILE, fixtureXml } from "../fixtures.js";
import { UNSIGNED, analysePosted, edit, findingsOf, ids, sentryPage, theFinding } from "./support.js";

const SP = "https://sentry.example.com/saml/metadata/acme/";
const IDP = "https://keycloak.example.com/realms/demo";
const AUDIENCES = `<saml:AudienceRestriction><saml:Audience>${SP}</saml:Audience></saml:AudienceRestriction>`;
const CONDITIONS = /<saml:Conditions [\s\S]*?<\/saml:Conditions>/;
const AUTHN_STATEMENT = /<saml:AuthnStatement [\s\S]*?<\/saml:AuthnStatement>/;
const ATTRIBUTE_STATEMENT = /<saml:AttributeStatement>[\s\S]*?<\/saml:AttributeStatement>/;
const ASSERTION_ISSUER = `Version="2.0"><saml:Issuer>${IDP}</saml:Issuer><saml:Subject>`;
const withAssertionIssuers = (issuers: string) => edit(UNSIGNED, ASSERTION_ISSUER, `Version="2.0">${issuers}<saml:Subject>`);
const ASSERTION_RULES = ["assertion.audience-mismatch", "assertion.issuer-mismatch", "assertion.no-attribute-statement", "assertion.no-authn-statement", "assertion.no-conditions"];

describe("assertion rules on a Response without assertion", () => {
  it("leave the missing assertion to response.no-assertion", async () => {
    const message = await analysePosted(edit(UNSIGNED, /<saml:Assertion [\s\S]*<\/saml:Assertion>/, ""));
    expect(ids(message)).toContain("response.no-assertion");
    for (const id of [...ASSERTION_RULES, "assertion.encrypted"]) expect(findingsOf(message, id), id).toEqual([]);
  });
});

describe("assertion.audience-mismatch", () => {
  const withAudiences = (audiences: string) => edit(UNSIGNED, AUDIENCES, audiences);

  it("names Sentry's SP entity ID and every Audience the assertion carries", async () => {
    const xml = withAudiences(`<saml:AudienceRestriction><saml:Audience>https://sentry.example.com/saml/metadata/acme</saml:Audience><saml:Audience>acme</saml:Audience></saml:AudienceRestriction>`);
    const finding = theFinding(await analysePosted(xml), "assertion.audience-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: SP, actual: '"https://sentry.example.com/saml/metadata/acme", "acme"' });
    expect(finding.receiverMessage).toBe(`${SP} is not a valid audience for this Response`);
    expect(finding.message).toContain(sentryPage(finding));
    expect(finding.fix).toMatch(/Client ID/);
  });

  it("accepts Sentry's entity ID among other audiences, in any restriction", async () => {
    const xml = withAudiences(`<saml:AudienceRestriction><saml:Audience>other</saml:Audience></saml:AudienceRestriction>${AUDIENCES}`);
    expect(ids(await analysePosted(xml))).not.toContain("assertion.audience-mismatch");
  });

  it("does not judge an assertion without audiences or Conditions, nor when the SP entity ID is unknown", async () => {
    expect(ids(await analysePosted(withAudiences("")))).not.toContain("assertion.audience-mismatch");
    expect(findingsOf(await analysePosted(edit(UNSIGNED, CONDITIONS, "")), "assertion.audience-mismatch")).toEqual([]);
    const profile = { ...PROFILE, spEntityId: undefined };
    expect(ids(await analysePosted(withAudiences("<saml:AudienceRestriction><saml:Audience>other</saml:Audience></saml:AudienceRestriction>"), { profile }))).not.toContain(
      "assertion.audience-mismatch",
    );
  });
});

describe("assertion.encrypted", () => {
  it("explains that Sentry cannot decrypt and answers with an HTTP 500", async () => {
    const message = await analysePosted(fixtureXml("encrypted-assertion"));
    const finding = theFinding(message, "assertion.encrypted");
    expect(finding).toMatchObject({ severity: "error", actual: "1 EncryptedAssertion", receiverMessage: "No private key available to decrypt the assertion, check settings" });
    expect(finding.expected).toMatch(/plain saml:Assertion/);
    expect(finding.message).toContain(finding.receiverMessage);
    expect(finding.message).toMatch(/HTTP 500/);
    expect(finding.fix).toMatch(/Encrypt assertions: Off/);
  });

  it("is silent about a plain assertion", async () => {
    expect(ids(await analysePosted(UNSIGNED))).not.toContain("assertion.encrypted");
  });
});

describe("assertion.issuer-mismatch", () => {
  it("names the expected and the received issuer", async () => {
    const finding = theFinding(await analysePosted(withAssertionIssuers("<saml:Issuer>https://login.example.com/realms/demo</saml:Issuer>")), "assertion.issuer-mismatch");
    expect(finding).toMatchObject({ severity: "error", expected: IDP, actual: '"https://login.example.com/realms/demo"' });
    expect(finding.receiverMessage).toBe(`Invalid issuer in the Assertion/Response (expected ${IDP}, got https://login.example.com/realms/demo)`);
    expect(finding.message).toContain(sentryPage(finding));
  });

  it("rejects an assertion with no Issuer or two, saying how many", async () => {
    for (const [issuers, count] of [["", "0"], [`<saml:Issuer>${IDP}</saml:Issuer><saml:Issuer>${IDP}</saml:Issuer>`, "2"]] as const) {
      const finding = theFinding(await analysePosted(withAssertionIssuers(issuers)), "assertion.issuer-mismatch");
      expect(finding).toMatchObject({ severity: "error", expected: "1", actual: count, receiverMessage: "Issuer of the Assertion not found or multiple." });
      expect(finding.message).toContain(finding.receiverMessage);
    }
  });

  it("does not compare an empty Issuer, nor any when the IdP entity ID is unknown", async () => {
    expect(ids(await analysePosted(withAssertionIssuers("<saml:Issuer></saml:Issuer>")))).not.toContain("assertion.issuer-mismatch");
    const other = withAssertionIssuers("<saml:Issuer>https://login.example.com/realms/demo</saml:Issuer>");
    expect(ids(await analysePosted(other, { profile: { ...PROFILE, idpEntityId: undefined } }))).not.toContain("assertion.issuer-mismatch");
  });
});

describe("assertion.no-attribute-statement", () => {
  it("rejects an assertion without AttributeStatement and sends the user to the mappers", async () => {
    const message = await analysePosted(edit(UNSIGNED, ATTRIBUTE_STATEMENT, ""));
    const finding = theFinding(message, "assertion.no-attribute-statement");
    expect(finding).toMatchObject({ severity: "error", receiverMessage: "There is no AttributeStatement on the Response", actual: "none" });
    expect(finding.expected).toMatch(/AttributeStatement/);
    expect(finding.message).toContain(sentryPage(finding));
    expect(finding.fix).toMatch(/Mappers/);
    expect(message.receiverMessage).toBe(finding.receiverMessage);
  });

  it("is silent about an AttributeStatement", async () => {
    expect(ids(await analysePosted(UNSIGNED))).not.toContain("assertion.no-attribute-statement");
  });
});

describe("assertion.no-authn-statement", () => {
  const statement = AUTHN_STATEMENT.exec(UNSIGNED)?.[0] ?? "";

  it("requires exactly one AuthnStatement and says how many there are", async () => {
    for (const [statements, count] of [["", "0"], [statement + statement, "2"]] as const) {
      const finding = theFinding(await analysePosted(edit(UNSIGNED, AUTHN_STATEMENT, statements)), "assertion.no-authn-statement");
      expect(finding).toMatchObject({ severity: "error", expected: "1", actual: count, receiverMessage: "The Assertion must include an AuthnStatement element" });
      expect(finding.message).toContain(`has ${count} AuthnStatement`);
      expect(finding.message).toContain(sentryPage(finding));
      expect(finding.fix).toMatch(/Include AuthnStatement: On/);
    }
  });

  it("is silent about one AuthnStatement", async () => {
    expect(ids(await analysePosted(UNSIGNED))).not.toContain("assertion.no-authn-statement");
  });
});

describe("assertion.no-conditions", () => {
  const conditions = CONDITIONS.exec(UNSIGNED)?.[0] ?? "";

  it("quotes is_valid's own check for a missing Conditions element", async () => {
    const finding = theFinding(await analysePosted(edit(UNSIGNED, CONDITIONS, "")), "assertion.no-conditions");
    expect(finding).toMatchObject({ severity: "error", expected: "1", actual: "0", receiverMessage: "The Assertion must include a Conditions element" });
    expect(finding.message).toContain("has 0 Conditions elements. python3-saml");
    expect(finding.message).toContain(sentryPage(finding));
  });

  it("quotes the schema check for two, and says the schema allows one", async () => {
    const finding = theFinding(await analysePosted(edit(UNSIGNED, CONDITIONS, conditions + conditions)), "assertion.no-conditions");
    expect(finding).toMatchObject({ severity: "error", actual: "2", receiverMessage: "Invalid SAML Response. Not match the saml-schema-protocol-2.0.xsd" });
    expect(finding.message).toContain("2 Conditions");
    expect(finding.message).toMatch(/schema allows one/);
    expect(finding.message).toContain(sentryPage(finding));
  });

  it("is silent about one Conditions element", async () => {
    expect(ids(await analysePosted(UNSIGNED))).not.toContain("assertion.no-conditions");
  });
});
