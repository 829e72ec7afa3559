import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { buildModel, samlMessageSchema } from "../../../../src/core/saml/model.js";
import { parseXml } from "../../../../src/core/saml/xml.js";
import { fixtureXml } from "../fixtures.js";
import { authnRequestXml } from "../har-builder.js";

function model(xml: string) {
  const parsed = parseXml(xml);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const built = buildModel(parsed.root);
  if (!built.ok) throw new Error(built.message);
  return built.message;
}

describe("SAML model", () => {
  it("reads a Keycloak Response signed on both levels", () => {
    const message = model(fixtureXml("valid-signed-both"));
    if (message.kind !== "Response") throw new Error(message.kind);
    expect(message).toMatchObject({ id: "ID_resp_7f1c", inResponseTo: "ONELOGIN_req_1", issuers: ["https://keycloak.example.com/realms/demo"] });
    expect(message.status?.code).toBe("urn:oasis:names:tc:SAML:2.0:status:Success");
    expect(message.signatures[0]).toMatchObject({ signedElement: "Response", referenceUri: "#ID_resp_7f1c", digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256" });
    const assertion = message.assertions[0];
    expect(assertion?.signatures[0]?.signedElement).toBe("Assertion");
    expect(assertion?.signatures[0]?.certificate).toMatch(/^MII/);
    expect(assertion?.nameId).toEqual({ value: "jöran.müller@example.com", format: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", spNameQualifier: undefined });
    expect(assertion?.subjectConfirmations[0]).toMatchObject({ recipient: "https://sentry.example.com/saml/acs/acme/", notOnOrAfter: "2025-06-01T12:05:00Z" });
    expect(assertion?.conditions?.audiences).toEqual(["https://sentry.example.com/saml/metadata/acme/"]);
    expect(assertion?.authnStatements[0]?.sessionIndex).toBe("5e1b::a3f0");
    expect(assertion?.attributes.map((a) => [a.name, a.values])).toEqual([["user_email", ["jöran.müller@example.com"]], ["Role", ["manage-account"]]]);
  });

  it("reads status codes and encrypted assertions", () => {
    const failed = model(fixtureXml("status-requester"));
    expect(failed.kind === "Response" && failed.status?.subCode).toBe("urn:oasis:names:tc:SAML:2.0:status:InvalidNameIDPolicy");
    const encrypted = model(fixtureXml("encrypted-assertion"));
    expect(encrypted.kind === "Response" && encrypted.encryptedAssertionCount).toBe(1);
  });

  it("reads an AuthnRequest", () => {
    expect(model(authnRequestXml("ONELOGIN_x"))).toMatchObject({ kind: "AuthnRequest", id: "ONELOGIN_x", assertionConsumerServiceUrl: "https://sentry.example.com/saml/acs/acme/" });
  });

  it("round-trips through its JSON schema", () => {
    const message = model(fixtureXml("valid-signed-both"));
    expect(z.parse(samlMessageSchema, JSON.parse(JSON.stringify(message)))).toEqual(JSON.parse(JSON.stringify(message)));
  });

  it("refuses a root that is not a SAML protocol message", () => {
    const parsed = parseXml('<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="x"/>');
    if (!parsed.ok) throw new Error("parse");
    const built = buildModel(parsed.root);
    expect(built.ok).toBe(false);
  });
});
