import { attributeValue, defineCheck, setSetting, where } from "../check-context.js";
import { SECURITY_SOURCES, securityFinding } from "../security-support.js";

const WEAK = new Set(["RSA_SHA1", "DSA_SHA1"]);

/**
 * kcwarden SamlClientWithWeakSignatureAlgorithm. Beside the fit warning client.signature-algorithm (which is about
 * whether Sentry verifies it): SHA-1 collisions are practical, so a SHA-1 signature no longer proves who wrote the XML.
 */
export const check = defineCheck({
  id: "security.weak-signature-algorithm",
  run(context) {
    const actual = attributeValue(context, "signatureAlgorithm");
    if (actual === undefined || !WEAK.has(actual)) return [];
    return [
      {
        finding: securityFinding("security.weak-signature-algorithm", "signatureAlgorithm", {
          severity: "warning",
          expected: "RSA_SHA256",
          actual,
          message:
            `Signature algorithm is ${actual}. SHA-1 is broken for signatures (chosen-prefix collisions are practical), so the signature ` +
            "on the responses Sentry trusts is only as strong as SHA-1. Sentry verifies RSA_SHA256 (what it expects) without any change on its side.",
          fix: `Set ${where("signatureAlgorithm")} to RSA_SHA256.`,
          source: SECURITY_SOURCES.nist,
        }),
        patch: [setSetting("signatureAlgorithm", "RSA_SHA256")],
      },
    ];
  },
});
