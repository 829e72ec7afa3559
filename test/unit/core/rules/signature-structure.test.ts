/**
 * signature.wrapping's structural half: where ds:Signature elements sit, which IDs they reference. python3-saml checks
 * this (process_signed_elements) before it verifies anything, so a placeholder signature is enough, and the real
 * python3-saml as Sentry runs it gives the message we must predict, word for word.
 */
import { describe, expect, it } from "vitest";
import { base64 } from "../fixtures.js";
import { sentryAcs } from "../sentry-agreement.js";
import { UNSIGNED, analysePosted, edit, findingsOf, theFinding } from "./support.js";

/** A ds:Signature that python3-saml reads the Reference of, without verifying anything yet. */
const signature = (uri: string) =>
  `<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:SignedInfo><ds:Reference URI="${uri}"></ds:Reference></ds:SignedInfo></ds:Signature>`;
const RESPONSE_ID = 'ID="ID_resp_7f1c"';
const ASSERTION_ID = 'ID="ID_assert_42ab"';
const RESPONSE_ISSUER_END = "realms/demo</saml:Issuer>";
const ASSERTION_ISSUER_END = "</saml:Issuer><saml:Subject>";
const ASSERTION = /<saml:Assertion [\s\S]*<\/saml:Assertion>/;
/** The first Issuer is the Response's. */
const signResponse = (xml: string, uri = "#ID_resp_7f1c") => edit(xml, RESPONSE_ISSUER_END, `${RESPONSE_ISSUER_END}${signature(uri)}`);
const signAssertion = (xml: string, uri = "#ID_assert_42ab") => edit(xml, ASSERTION_ISSUER_END, `</saml:Issuer>${signature(uri)}<saml:Subject>`);
const assertion = ASSERTION.exec(UNSIGNED)?.[0] ?? "";
const innerResponse = (signed: boolean) =>
  `<samlp:Extensions><samlp:Response ID="ID_inner" Version="2.0" IssueInstant="2025-06-01T11:59:58Z">${signed ? signature("#ID_inner") : ""}</samlp:Response></samlp:Extensions>`;
const withExtensions = (xml: string, extensions: string) => edit(xml, "<samlp:Status>", `${extensions}<samlp:Status>`);
/** A signed element in Extensions that is no SAML Response or Assertion (another namespace, or Extensions itself). */
const foreign = (tag: string) => `<samlp:Extensions><${tag} xmlns:x="urn:example:other" ID="ID_x">${signature("#ID_x")}</${tag}></samlp:Extensions>`;
const secondAssertion = signAssertion(edit(assertion, ASSERTION_ID, 'ID="ID_assert_2"'), "#ID_assert_2");

/** Each arrangement python3-saml refuses before verifying, with the check that catches it. */
const REFUSED: Record<string, string> = {
  "a signature in the Subject": edit(UNSIGNED, "<saml:Subject>", `<saml:Subject>${signature("#ID_assert_42ab")}`),
  "a signed Assertion without ID": signAssertion(edit(UNSIGNED, ` ${ASSERTION_ID}`, ""), ""),
  "a signed Assertion with an empty ID": signAssertion(edit(UNSIGNED, ASSERTION_ID, 'ID=""'), ""),
  "Response and Assertion signed under one ID": signAssertion(signResponse(edit(UNSIGNED, ASSERTION_ID, RESPONSE_ID)), "#ID_resp_7f1c"),
  "a Reference to another element": signResponse(UNSIGNED, "#ID_assert_42ab"),
  "the signed Assertion moved into Extensions": withExtensions(edit(signAssertion(UNSIGNED), ASSERTION, ""), `<samlp:Extensions>${signAssertion(assertion)}</samlp:Extensions>`),
  "a signed Response nested in Extensions": withExtensions(UNSIGNED, innerResponse(true)),
  "two signed Responses": withExtensions(signResponse(UNSIGNED), innerResponse(true)),
  "three signed elements": withExtensions(signAssertion(signResponse(UNSIGNED)), innerResponse(true)),
  "a signed Response of another namespace": withExtensions(UNSIGNED, foreign("x:Response")),
  "a signed Assertion of another namespace": withExtensions(UNSIGNED, foreign("x:Assertion")),
  "a signature in Extensions itself": withExtensions(UNSIGNED, `<samlp:Extensions>${signature("#ID_resp_7f1c")}</samlp:Extensions>`),
};

/** Refused by python3-saml before it looks at signatures: not a wrapping finding, the assertion count's. */
const COUNTED_FIRST: Record<string, string> = {
  "two signed Assertions": edit(UNSIGNED, ASSERTION, `${signAssertion(assertion)}${secondAssertion}`),
  "a signed Response without its Assertion": edit(signResponse(UNSIGNED), ASSERTION, ""),
};

describe("signature.wrapping on the structure python3-saml checks first", () => {
  const python = sentryAcs(Object.entries(REFUSED).map(([name, xml]) => ({ name, SAMLResponse: base64(xml) })));

  it.each(Object.entries(REFUSED))("%s: refused with python3-saml's words", async (name, xml) => {
    const theirs = python.get(name);
    expect(theirs?.valid).toBe(false);
    const finding = theFinding(await analysePosted(xml), "signature.wrapping");
    expect(finding.severity).toBe("error");
    expect(finding.receiverMessage).toBe(theirs?.error);
    expect(finding.message).toContain(`SAML SSO failed, ${theirs?.error ?? ""}`);
  });

  const counted = sentryAcs(Object.entries(COUNTED_FIRST).map(([name, xml]) => ({ name, SAMLResponse: base64(xml) })));

  it.each(Object.entries(COUNTED_FIRST))("%s: python3-saml counts the assertions first, and so does the verdict", async (name, xml) => {
    const theirs = counted.get(name);
    expect(theirs?.valid).toBe(false);
    const analysed = await analysePosted(xml);
    expect(findingsOf(analysed, "signature.wrapping")).toEqual([]);
    const errors = analysed.findings.filter((finding) => finding.severity === "error");
    expect(errors.map((finding) => finding.receiverMessage)).toContain(theirs?.error);
  });

  it("finds nothing wrong with a Response, an Assertion or both signed in place, or a Reference without URI", async () => {
    const noUri = edit(signResponse(UNSIGNED), '<ds:Reference URI="#ID_resp_7f1c">', "<ds:Reference>");
    const noReference = edit(signResponse(UNSIGNED), '<ds:Reference URI="#ID_resp_7f1c"></ds:Reference>', "");
    // An element named Signature in another namespace is no signature (python3-saml looks for ds:Signature only).
    const lookalike = edit(signAssertion(UNSIGNED), "<saml:Subject>", '<x:Signature xmlns:x="urn:example:other"/><saml:Subject>');
    for (const xml of [signResponse(UNSIGNED), signAssertion(UNSIGNED), signAssertion(signResponse(UNSIGNED)), signResponse(UNSIGNED, ""), noUri, noReference, lookalike, withExtensions(UNSIGNED, innerResponse(false))]) {
      expect(findingsOf(await analysePosted(xml), "signature.wrapping")).toEqual([]);
    }
  });
});
