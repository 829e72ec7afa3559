/**
 * Redaction inside one SAML message, parsed or (when it does not parse) by pattern: which element's text and which
 * attribute becomes which stand-in, what is dropped, and what is kept. export.test.ts checks a whole capture for leaks.
 */
import { describe, expect, it } from "vitest";
import { Pseudonyms, REDACTED } from "../../../../src/core/har/pseudonyms.js";
import { redactSamlXml } from "../../../../src/core/har/redact-xml.js";

const NS = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"';

const redact = (xml: string) => redactSamlXml(xml, new Pseudonyms());

describe("redaction of a message that parses", () => {
  const message =
    `<samlp:Response ${NS} ID="r1"><saml:Assertion ID="a1"><ds:Signature><ds:SignedInfo><ds:Reference><ds:DigestValue>AAECAw==</ds:DigestValue></ds:Reference></ds:SignedInfo>` +
    `<ds:SignatureValue>AAECAwQF</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>MIIBsecretcert</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature>` +
    `<saml:Subject><saml:BaseID>user-4711</saml:BaseID><saml:SubjectConfirmation><saml:SubjectConfirmationData Address="203.0.113.9"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:AuthnStatement SessionIndex="s-secret"><saml:SubjectLocality DNSName="laptop.corp.example"/></saml:AuthnStatement>` +
    `<saml:AttributeStatement><saml:Attribute Name="mail"><saml:AttributeValue>ada@example.com</saml:AttributeValue></saml:Attribute></saml:AttributeStatement>` +
    `<!-- debug: ada@example.com s-secret --></saml:Assertion></samlp:Response>`;

  it("masks a BaseID as a NameID, session and address attributes, attribute values; zeroes digests and signatures; blanks KeyInfo; drops comments", () => {
    const { xml, parsed } = redact(message);
    expect(parsed).toBe(true);
    expect(xml).toContain("<saml:BaseID>redacted-nameid-1</saml:BaseID>");
    expect(xml).toContain('Address="redacted-address-1"');
    expect(xml).toContain('SessionIndex="redacted-session-1"');
    expect(xml).toContain('DNSName="redacted-address-2"');
    expect(xml).toContain("<saml:AttributeValue>user1@redacted.invalid</saml:AttributeValue>");
    expect(xml).toContain("<ds:DigestValue>AAAAAA==</ds:DigestValue>");
    expect(xml).toContain("<ds:SignatureValue>AAAAAAAA</ds:SignatureValue>");
    expect(xml).toContain(`<ds:X509Certificate>${REDACTED}</ds:X509Certificate>`);
    expect(xml).not.toMatch(/user-4711|203\.0\.113\.9|s-secret|laptop|ada@example|secretcert|debug/);
  });

  it("keeps an XML declaration when the message has one (after a byte-order mark too), and adds none otherwise", () => {
    expect(redact(message).xml.startsWith("<samlp:Response")).toBe(true);
    expect(redact(`<!-- <?xml version="1.0"?> -->${message}`).xml.startsWith("<samlp:Response")).toBe(true);
    for (const start of ['<?xml version="1.0"?>', '\uFEFF<?xml version="1.0"?>']) {
      expect(redact(`${start}${message}`).xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><samlp:Response')).toBe(true);
    }
  });
});

describe("redaction by pattern of a message that does not parse", () => {
  it("masks the same texts and attributes, and drops comments, in a broken message", () => {
    const broken =
      `<samlp:Response ${NS}><saml:NameID>ada</saml:NameID><saml:AuthnStatement SessionIndex = 's-secret'><saml:SubjectLocality Address="203.0.113.9"/>` +
      `<!-- holds bob --><!--\nand more --><ds:X509Certificate>MIIBsecretcert</ds:X509Certificate><ds:SignatureValue>AAECAwQF</ds:SignatureValue><saml:Unclosed>`;
    const { xml, parsed } = redact(broken);
    expect(parsed).toBe(false);
    expect(xml).toContain("<saml:NameID>redacted-nameid-1</saml:NameID>");
    expect(xml).toContain("SessionIndex = 'redacted-session-1'");
    expect(xml).toContain('Address="redacted-address-1"');
    expect(xml).toContain(`<ds:X509Certificate>${REDACTED}</ds:X509Certificate>`);
    expect(xml).toContain("<ds:SignatureValue>AAAAAAAA</ds:SignatureValue>");
    expect(xml).not.toMatch(/ada|s-secret|203\.0|bob|and more|secretcert|<!--/);
    expect(xml).toContain("<saml:Unclosed>");
  });
});

describe("free text after the messages were read", () => {
  it("replaces a secret that contains another one whole, in each form it takes in URLs and pages", () => {
    const pseudonyms = new Pseudonyms();
    expect(pseudonyms.mask("nameid", "jdoe")).toBe("redacted-nameid-1");
    expect(pseudonyms.mask("nameid", "jdoe admin&co")).toBe("redacted-nameid-2");
    expect(pseudonyms.scrub("first jdoe admin&co, then jdoe")).toBe("first redacted-nameid-2, then redacted-nameid-1");
    expect(pseudonyms.scrub("?u=jdoe%20admin%26co&v=jdoe+admin%26co")).toBe("?u=redacted-nameid-2&v=redacted-nameid-2");
    expect(pseudonyms.scrub("<b>jdoe admin&amp;co</b>")).toBe("<b>redacted-nameid-2</b>");
  });
});
