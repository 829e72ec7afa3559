import { spResponse } from "./context-helpers.js";
import { PYTHON3_SAML } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "signature.certificate-expired",
  source: `${PYTHON3_SAML}utils.py OneLogin_Saml2_Utils.validate_node_sign (validatecert=False: expiry is not checked)`,
  fix: "Realm settings → Keys → Add providers: create a new RSA key, make it active, then give its certificate to Sentry (Settings → Auth → SAML2).",
  readsSignatures: true,
  check: (context) => {
    if (spResponse(context) === undefined) return [];
    return (context.signatures?.signatures ?? [])
      .filter((check) => check.certificateExpired === true)
      .map((check) => ({
        severity: "warning" as const,
        message: `The certificate that signs the ${check.signedElement} is outside its validity period. python3-saml does not check expiry, so Sentry still accepts it, but other service providers will not.`,
        actual: check.embeddedCertificate === undefined ? "expired" : `valid ${check.embeddedCertificate.notBefore} – ${check.embeddedCertificate.notAfter}`,
      }));
  },
});
