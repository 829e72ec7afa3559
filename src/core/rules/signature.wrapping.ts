/**
 * Signature wrapping: the element that was verified must be the element that is read. python3-saml enforces this
 * structurally before anything else (process_signed_elements); the cryptographic side comes from the signature
 * report (`wrapping` per signature).
 */
import { NS, attribute, child, descendants, type XmlElement } from "../saml/xml.js";
import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule, type FindingDraft } from "./rule.js";

export const rule = defineRule({
  id: "signature.wrapping",
  source: SOURCES.signedElements,
  fix: "Not a Keycloak setting: Keycloak signs the Response and/or its Assertion in place. This message was rearranged after signing (an XML signature wrapping attack, or a broken proxy).",
  readsSignatures: true,
  check: (context) => {
    const response = spResponse(context);
    const root = context.root;
    // python3-saml counts the assertions first (validate_num_assertions): with other than one, it says so and never
    // looks at the signatures (response.multiple-assertions / response.no-assertion report it).
    if (response === undefined || root === undefined || response.assertionCountAnywhere !== 1) return [];
    const structural = structuralProblem(root);
    if (structural !== undefined) {
      return [draft(`python3-saml: "${structural}" (Sentry shows "${SENTRY.failed(structural)}").`, structural)];
    }
    const wrapped = (context.signatures?.signatures ?? []).filter((check) => check.wrapping);
    return wrapped.map((check) =>
      draft(
        `The signature on the ${check.signedElement} (Reference ${check.referenceUri ?? "(none)"}) does not cover the element the service provider reads. python3-saml rejects it: "${PY.signatureFailed}".`,
        PY.signatureFailed,
      ),
    );
  },
});

function draft(message: string, receiverMessage: string): FindingDraft {
  return { severity: "error", message, receiverMessage };
}

/** python3-saml's structural checks, in its order; the first failure's exact message. */
function structuralProblem(root: XmlElement): string | undefined {
  const signatures = descendants(root, NS.ds, "Signature");
  const ids = new Set<string>();
  const references = new Set<string>();
  const signedTags: string[] = [];
  for (const signature of signatures) {
    const parent = signature.parent;
    if (parent === null) continue;
    const tag = `{${parent.ns ?? ""}}${parent.local}`;
    const isResponse = parent.ns === NS.samlp && parent.local === "Response";
    const isAssertion = parent.ns === NS.saml && parent.local === "Assertion";
    if (!isResponse && !isAssertion) return PY.invalidSignatureElement(tag);
    const id = attribute(parent, "ID");
    if (id === undefined || id === "") return PY.signedElementNoId;
    if (ids.has(id)) return PY.duplicatedId;
    ids.add(id);
    const reference = descendants(signature, NS.ds, "Reference")[0];
    const uri = reference === undefined ? undefined : attribute(reference, "URI");
    if (uri !== undefined && uri !== "") {
      const referenced = uri.slice(1);
      if (referenced !== id) return PY.invalidSignedElement;
      if (references.has(referenced)) return PY.duplicatedReference;
      references.add(referenced);
    }
    signedTags.push(isResponse ? "Response" : "Assertion");
  }
  if (signedTags.length === 0) return undefined;
  const responseCount = signedTags.filter((tag) => tag === "Response").length;
  const assertionCount = signedTags.length - responseCount;
  if (signedTags.length > 2 || responseCount > 1 || assertionCount > 1) return PY.unexpectedSignatureElement;
  if (responseCount === 1 && !(root.ns === NS.samlp && root.local === "Response" && child(root, NS.ds, "Signature") !== undefined)) {
    return PY.unexpectedResponseSignatures;
  }
  if (assertionCount === 1) {
    const topLevel = root.ns === NS.samlp && root.local === "Response" ? descendantsAtTop(root) : 0;
    if (topLevel !== 1) return PY.unexpectedAssertionSignatures;
  }
  return undefined;
}

/** Signatures at /samlp:Response/saml:Assertion/ds:Signature (python3-saml's ASSERTION_SIGNATURE_XPATH). */
function descendantsAtTop(root: XmlElement): number {
  let count = 0;
  for (const node of root.children) {
    if (node.kind !== "element" || node.ns !== NS.saml || node.local !== "Assertion") continue;
    for (const inner of node.children) if (inner.kind === "element" && inner.ns === NS.ds && inner.local === "Signature") count++;
  }
  return count;
}
