import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "signature.invalid",
  source: `${SOURCES.isValid} → utils.validate_sign (xmlsec)`,
  fix: "Not a Keycloak setting: the signed content was changed after Keycloak signed it (a proxy rewriting the page, or an edited capture). Capture a fresh login.",
  readsSignatures: true,
  check: (context) => {
    if (spResponse(context) === undefined) return [];
    const broken = (context.signatures?.signatures ?? []).filter(
      (check) => (check.signedElement === "Response" || check.signedElement === "Assertion") && !check.wrapping && (check.digestValid === false || check.signatureValid === false),
    );
    return broken.map((check) => ({
      severity: "error" as const,
      message: `The signature on the ${check.signedElement} does not verify (${check.digestValid === false ? "the digest of the signed content does not match" : "the signature value does not match SignedInfo"}). python3-saml: "${PY.signatureFailed}" (Sentry shows "${SENTRY.failed(PY.signatureFailed)}").`,
      expected: "digest and signature valid",
      actual: `digest ${String(check.digestValid)}, signature ${String(check.signatureValid)}${check.problems.length > 0 ? `; ${check.problems.join("; ")}` : ""}`,
      receiverMessage: PY.signatureFailed,
    }));
  },
});
