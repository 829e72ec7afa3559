import { supplyIdpCertificate } from "./audience.js";
import { spResponse } from "./context-helpers.js";
import { SOURCES } from "./receiver-messages.js";
import { defineRule, type FindingDraft } from "./rule.js";

/** A redacted capture (e.g. a HAR exported by SAML Lens for sharing) keeps the signatures' structure but not their values. */
const MASKED: FindingDraft = {
  severity: "info",
  message:
    "The signature values in this message are masked: the capture was redacted for sharing (as SAML Lens exports it), so whether Sentry accepts the signature cannot be told from it; the verdict does not cover it.",
  fix: "Analyse the original capture (before redaction) to check the signature.",
};

export const rule = defineRule({
  id: "signature.not-checked",
  source: `${SOURCES.isValid} → utils.validate_sign with the IdP certificate stored in Sentry (idp.x509cert); SAML Lens checks against the certificate you give it`,
  fix: (audience) => `${supplyIdpCertificate(audience)} to check the signature as Sentry does.`,
  readsSignatures: true,
  check: (context) => {
    const kind = context.message?.kind;
    if (context.receiver === "sp" && (kind === "LogoutRequest" || kind === "LogoutResponse") && context.captured.binding === "HTTP-Redirect" && context.captured.signature !== undefined) {
      if (context.signatures?.query?.masked === true) return [MASKED];
      if (context.signatures?.query === undefined) {
        return [{ severity: "info", message: "The query signature was not verified (no signature verifier available); python3-saml checks it, and the verdict does not cover it." }];
      }
      if (context.profile.trustedCertificates.length === 0) {
        return [{ severity: "info", message: "No IdP certificate was supplied, so whether Sentry accepts the query signature is unknown; the verdict does not cover it." }];
      }
      return [];
    }
    const response = spResponse(context);
    if (response === undefined) return [];
    const signed = response.signatures.length > 0 || response.assertions.some((assertion) => assertion.signatures.length > 0);
    if (!signed) return [];
    if (context.signatures?.signatures.some((check) => check.masked === true) === true) return [MASKED];
    if (context.signatures === undefined) {
      return [{ severity: "info", message: "The signature was not verified (no signature verifier available); the verdict does not cover it." }];
    }
    if (context.profile.trustedCertificates.length === 0) {
      return [{ severity: "info", message: "No IdP certificate was supplied, so whether Sentry trusts the signing key is unknown; the verdict does not cover it." }];
    }
    return [];
  },
});
