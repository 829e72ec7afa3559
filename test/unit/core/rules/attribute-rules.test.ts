/**
 * Sentry's attribute mapping and python3-saml's reading of the attributes (attribute.*, nameid.missing), on
 * AttributeStatements edited into the unsigned fixture: which finding the user sees, and what it names.
 */
import { describe, expect, it } from "vitest";
import { PROFILE } from "../fixtures.js";
import { UNSIGNED, analysePosted, edit, findingsOf, ids, theFinding } from "./support.js";

const ATTRIBUTE_STATEMENT = /<saml:AttributeStatement>[\s\S]*?<\/saml:AttributeStatement>/;
const NAME_ID = /<saml:NameID [\s\S]*?<\/saml:NameID>/;
const value = (text: string) => `<saml:AttributeValue>${text}</saml:AttributeValue>`;
const attribute = (name: string | undefined, values: string[], friendlyName?: string) =>
  `<saml:Attribute${name === undefined ? "" : ` Name="${name}"`}${friendlyName === undefined ? "" : ` FriendlyName="${friendlyName}"`}>${values.map(value).join("")}</saml:Attribute>`;
const withAttributes = (...attributes: string[]) => edit(UNSIGNED, ATTRIBUTE_STATEMENT, `<saml:AttributeStatement>${attributes.join("")}</saml:AttributeStatement>`);
const EMAIL = attribute("user_email", ["jdoe@example.com"]);
/** Sentry's mapping as most guides set it up: IdP User ID and User Email from different attributes. */
const SPLIT = { ...PROFILE, identifierAttribute: "user_id", emailAttribute: "user_email" };

describe("attribute.missing-email and attribute.missing-identifier", () => {
  it("say which attribute Sentry's mapping reads and that the Assertion does not have it, with Sentry's own words", async () => {
    const message = await analysePosted(withAttributes(attribute("user_id", ["f3a1"]), attribute("Role", ["admin"])), { profile: SPLIT });
    const finding = theFinding(message, "attribute.missing-email");
    expect(finding.severity).toBe("error");
    expect(finding.message).toContain('"user_email"');
    expect(finding.message).toMatch(/does not have/);
    expect(finding.message).toContain(finding.receiverMessage);
    expect(finding.receiverMessage).toBe("Failed to map SAML attributes. Assertion returned the following attribute keys: 'Role', 'user_id'");
    expect(finding).toMatchObject({ expected: 'an Attribute with Name "user_email" and a value', actual: "user_id, Role" });
    expect(findingsOf(message, "attribute.missing-identifier")).toEqual([]);
  });

  it("tell an attribute without a value from a missing one", async () => {
    const message = await analysePosted(withAttributes(attribute("user_id", ["  ", ""]), EMAIL), { profile: SPLIT });
    const finding = theFinding(message, "attribute.missing-identifier");
    expect(finding.severity).toBe("error");
    expect(finding.message).toContain('"user_id"');
    expect(finding.message).toMatch(/has, but without a value/);
    expect(finding.message).toContain(finding.receiverMessage);
    expect(finding.expected).toBe('an Attribute with Name "user_id" and a value');
    expect(findingsOf(message, "attribute.missing-email")).toEqual([]);
  });

  it("take the first non-blank value, as Sentry does", async () => {
    const message = await analysePosted(withAttributes(attribute("user_id", ["", "f3a1"]), attribute("user_email", [" ", "jdoe@example.com"])), { profile: SPLIT });
    expect(ids(message).filter((id) => id.startsWith("attribute."))).toEqual([]);
  });

  it("list the keys Sentry prints once each, sorted, in Python's quoting, and name the attributes without a Name", async () => {
    const message = await analysePosted(withAttributes(attribute("zeta", ["1"]), attribute(undefined, ["2"]), attribute("it's", ["3"]), attribute("a\\b", ["4"]), attribute("", ["5"])));
    const finding = theFinding(message, "attribute.missing-identifier");
    expect(finding.receiverMessage).toBe(`Failed to map SAML attributes. Assertion returned the following attribute keys: 'a\\\\b', "it's", 'zeta'`);
    expect(finding.actual?.split(", ")).toEqual(expect.arrayContaining(["zeta", "(no Name)", "it's", "a\\b"]));
  });

  it("quote a key holding both kinds of quote as Python does", async () => {
    const finding = theFinding(await analysePosted(withAttributes(attribute("a'b&quot;", ["1"]))), "attribute.missing-email");
    expect(finding.receiverMessage).toBe(`Failed to map SAML attributes. Assertion returned the following attribute keys: 'a\\'b"'`);
  });

  it("say so when the AttributeStatement holds no readable attribute", async () => {
    const finding = theFinding(await analysePosted(withAttributes("<saml:EncryptedAttribute></saml:EncryptedAttribute>")), "attribute.missing-email");
    expect(finding.actual).toBe("no attributes");
    expect(finding.receiverMessage).toBe("Failed to map SAML attributes. Assertion returned the following attribute keys: ");
  });

  it("leave an assertion without AttributeStatement to assertion.no-attribute-statement", async () => {
    const message = await analysePosted(edit(UNSIGNED, ATTRIBUTE_STATEMENT, ""));
    expect(ids(message)).toContain("assertion.no-attribute-statement");
    expect(findingsOf(message, "attribute.missing-email")).toEqual([]);
    expect(findingsOf(message, "attribute.missing-identifier")).toEqual([]);
  });
});

describe("attribute.duplicate-name", () => {
  it("names the repeated Name and warns of Sentry's HTTP 500", async () => {
    const finding = theFinding(await analysePosted(withAttributes(EMAIL, attribute("Role", ["a"]), attribute("Role", ["b"]))), "attribute.duplicate-name");
    expect(finding).toMatchObject({ severity: "error", expected: "one Attribute per Name", actual: '"Role" repeated', receiverMessage: "Found an Attribute element with duplicated Name" });
    expect(finding.message).toContain('Name "Role"');
    expect(finding.message).toContain(finding.receiverMessage);
    expect(finding.message).toMatch(/HTTP 500/);
    expect(finding.fix).toMatch(/role_list/);
  });

  it("reports a repeated FriendlyName under distinct Names", async () => {
    const finding = theFinding(await analysePosted(withAttributes(attribute("user_email", ["j@example.com"], "email"), attribute("urn:oid:1", ["j@example.com"], "email"))), "attribute.duplicate-name");
    expect(finding).toMatchObject({ expected: "one Attribute per FriendlyName", actual: '"email" repeated', receiverMessage: "Found an Attribute element with duplicated FriendlyName" });
    expect(finding.message).toContain('FriendlyName "email"');
  });

  it("reports the Name first when both repeat, as python3-saml reads Names first", async () => {
    const xml = withAttributes(attribute("user_email", ["j@example.com"], "email"), attribute("user_email", ["k@example.com"], "email"));
    expect(theFinding(await analysePosted(xml), "attribute.duplicate-name").receiverMessage).toBe("Found an Attribute element with duplicated Name");
  });

  it("ignores attributes without a Name or FriendlyName, as python3-saml does", async () => {
    const xml = withAttributes(EMAIL, attribute(undefined, ["a"]), attribute(undefined, ["b"]), attribute("", ["c"]), attribute("", ["d"]), attribute("x", ["e"], ""), attribute("y", ["f"], ""));
    expect(findingsOf(await analysePosted(xml), "attribute.duplicate-name")).toEqual([]);
  });
});

describe("attribute.identifier-is-email", () => {
  it("suggests a stable identifier when IdP User ID receives an e-mail address, naming the attribute", async () => {
    const finding = theFinding(await analysePosted(UNSIGNED), "attribute.identifier-is-email");
    expect(finding.severity).toBe("info");
    expect(finding.actual).toBe("user_email");
    expect(finding.message).toMatch(/e-mail address/);
    expect(finding.message).toMatch(/new Sentry identity/);
    expect(finding.fix).toMatch(/User Property \(property id/);
  });

  it("says nothing when the identifier is not an e-mail address", async () => {
    for (const identifier of ["f3a1-77c2", "uid=jdoe,ou=people", "@jdoe", "jdoe@", "j doe@example.com", "jdoe@example.com more", "a@b@c"]) {
      const message = await analysePosted(withAttributes(attribute("user_id", [identifier]), EMAIL), { profile: SPLIT });
      expect(findingsOf(message, "attribute.identifier-is-email"), identifier).toEqual([]);
    }
  });

  it("leaves a missing identifier to attribute.missing-identifier", async () => {
    const message = await analysePosted(withAttributes(EMAIL), { profile: SPLIT });
    expect(ids(message)).toContain("attribute.missing-identifier");
    expect(findingsOf(message, "attribute.identifier-is-email")).toEqual([]);
  });
});

describe("nameid.missing", () => {
  it("notes a Subject without NameID, or with an empty one, as information", async () => {
    for (const [nameId, said, actual] of [["", "no NameID", "(absent)"], ['<saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"> </saml:NameID>', "an empty NameID", '""']] as const) {
      const message = await analysePosted(edit(UNSIGNED, NAME_ID, nameId));
      const finding = theFinding(message, "nameid.missing");
      expect(finding).toMatchObject({ severity: "info", actual });
      expect(finding.message).toContain(said);
      expect(finding.message).toMatch(/logout/);
    }
  });

  it("says nothing about an encrypted NameID or a present one", async () => {
    expect(findingsOf(await analysePosted(edit(UNSIGNED, NAME_ID, "<saml:EncryptedID></saml:EncryptedID>")), "nameid.missing")).toEqual([]);
    expect(findingsOf(await analysePosted(UNSIGNED), "nameid.missing")).toEqual([]);
  });
});
