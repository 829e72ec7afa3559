import { attributeValue, defineCheck, setSetting, where } from "../check-context.js";
import { SECURITY_SOURCES, securityFinding } from "../security-support.js";
import { isOn } from "../../keycloak/attributes.js";

/**
 * kcwarden SamlClientWithAssertionSignatureDisabled. With Sign documents On, Sentry's python3-saml verifies the
 * Response signature, which covers the assertion, so this is a suggestion: a signed assertion stays protected on its
 * own (a copy in a log, an SP that reads it apart from the Response). Both Off is security.unsigned.
 */
export const check = defineCheck({
  id: "security.assertion-not-signed",
  run(context) {
    if (isOn(attributeValue(context, "signAssertions")) || !isOn(attributeValue(context, "signDocuments"))) return [];
    return [
      {
        finding: securityFinding("security.assertion-not-signed", "signAssertions", {
          severity: "suggestion",
          expected: "true",
          actual: attributeValue(context, "signAssertions") ?? null,
          message:
            "Sign assertions is Off: only the whole response is signed. Sentry verifies that signature, which covers the assertion, " +
            "so logins are safe today; signing the assertion as well keeps it tamper-evident on its own, as auditors (and OWASP) expect, and Sentry accepts both.",
          fix: `Turn ${where("signAssertions")} On (keep Sign documents On).`,
          source: SECURITY_SOURCES.owasp,
        }),
        patch: [setSetting("signAssertions", "true")],
      },
    ];
  },
});
