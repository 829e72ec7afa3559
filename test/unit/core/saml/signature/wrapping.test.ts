/**
 * The structural checks of one signature (wrapping.ts) on hand-made documents, and what a Redirect query without SigAlg
 * is checked as: the edges that the signed fixtures in verify.test.ts do not reach.
 */
import { describe, expect, it } from "vitest";
import { verifyQuerySignature } from "../../../../../src/core/saml/signature/query-signature.js";
import { indexDocument, resolveReference, wrappingProblems } from "../../../../../src/core/saml/signature/wrapping.js";
import { descendants, parseXmlOrThrow } from "../../../../../src/core/saml/xml.js";

const DS = "http://www.w3.org/2000/09/xmldsig#";
const NS = `xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" xmlns:ds="${DS}"`;

/** The problems of the first signature of `xml`, its Reference URI being `uri`. */
function problemsOf(xml: string, uri: string | undefined): string[] {
  const root = parseXmlOrThrow(xml);
  const index = indexDocument(root);
  const signature = root.local === "Signature" ? root : descendants(root, DS, "Signature")[0];
  if (signature === undefined) throw new Error("no signature");
  return wrappingProblems(index, signature, uri, resolveReference(index, uri));
}

describe("where a signature stands and what it references", () => {
  const response = `<samlp:Response ${NS} ID="r1"><ds:Signature/><saml:Assertion ID="a1"/></samlp:Response>`;

  it("a signature that is the whole document signs nothing the SP reads", () => {
    expect(problemsOf(`<ds:Signature xmlns:ds="${DS}"/>`, "#r1")).toEqual(["The signature is the document itself, so it signs nothing the SP reads."]);
  });

  it("the whole-document references ('' and #xpointer(/)) are not ID references, and are not called wrong ones", () => {
    for (const uri of ["", "#xpointer(/)"]) expect(problemsOf(response, uri)).toEqual([]);
    expect(problemsOf(response, "#r1")).toEqual([]);
  });

  it("a Reference to another element names both, with python3-saml's words", () => {
    expect(problemsOf(response, "#a1")).toEqual([
      'The Reference URI "#a1" points at <saml:Assertion> at /samlp:Response/saml:Assertion, not at the <samlp:Response> that carries the signature (python3-saml: "Found an invalid Signed Element. SAML Response rejected").',
    ]);
    expect(problemsOf(response, "#nowhere")[0]).toContain('points at no element in this message, not at the <samlp:Response>');
  });
});

describe("a Redirect query signature without SigAlg", () => {
  it("is checked as python3-saml does, as RSA-SHA1, and says so", async () => {
    const check = await verifyQuerySignature({ parameter: "SAMLRequest", value: "abc", relayState: undefined, sigAlg: undefined, signature: "AAAA", rawQuery: undefined }, []);
    expect(check.sigAlg).toBeUndefined();
    expect(check.problems).toContain("The query carries a Signature but no SigAlg; python3-saml then assumes RSA-SHA1.");
    expect(check.rebuiltQuery).toBe("SAMLRequest=abc&SigAlg=http%3A%2F%2Fwww.w3.org%2F2000%2F09%2Fxmldsig%23rsa-sha1");
    const withSigAlg = await verifyQuerySignature({ parameter: "SAMLRequest", value: "abc", relayState: undefined, sigAlg: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", signature: "AAAA", rawQuery: undefined }, []);
    expect(withSigAlg.problems.join(" ")).not.toContain("no SigAlg");
  });
});
