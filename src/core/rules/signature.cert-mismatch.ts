import { PY, SENTRY, SOURCES } from "./receiver-messages.js";
import { spResponse } from "./context-helpers.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "signature.cert-mismatch",
  source: `${SOURCES.isValid} → utils.validate_sign with the IdP certificate stored in Sentry (KeyInfo is ignored)`,
  fix: "Sentry → Settings → Auth → SAML2 → IdP x509 certificate: paste the certificate of the realm's active signing key (Keycloak: Realm settings → Keys → RS256 → Certificate), or use the metadata URL so it stays current after key rotation.",
  readsSignatures: true,
  check: (context) => {
    if (spResponse(context) === undefined) return [];
    const mismatched = (context.signatures?.signatures ?? []).filter(
      (check) =>
        (check.signedElement === "Response" || check.signedElement === "Assertion") &&
        !check.wrapping &&
        check.digestValid !== false &&
        check.signatureValid !== false &&
        check.matchesTrustedCertificate === false,
    );
    return mismatched.map((check) => ({
      severity: "error" as const,
      message: `The ${check.signedElement} is signed with a key that is not the IdP certificate given to Sentry. python3-saml verifies with the stored certificate only: "${PY.signatureFailed}" (Sentry shows "${SENTRY.failed(PY.signatureFailed)}").`,
      expected: context.profile.trustedCertificates.map((certificate) => certificate.source).join(", ") || "the IdP certificate",
      actual: check.embeddedCertificate === undefined ? "a different key" : `${check.embeddedCertificate.subject} (SHA-256 ${check.embeddedCertificate.sha256Fingerprint})`,
      receiverMessage: PY.signatureFailed,
    }));
  },
});
