import { defineCheck } from "../check-context.js";
import { attributeValue, setSetting, settingFinding, where } from "../check-context.js";
import { isOn } from "../../keycloak/attributes.js";

/** What Keycloak uses when the attribute is absent (SamlClient.getSignatureAlgorithm). */
const KEYCLOAK_DEFAULT = "RSA_SHA256";
/** Verified by python3-saml (xmlsec) without trouble. */
const FINE = new Set(["RSA_SHA256", "RSA_SHA512"]);

export const check = defineCheck({
  id: "client.signature-algorithm",
  run(context) {
    // Without any signing switch on, the algorithm is not used (and the console hides the field).
    if (!isOn(attributeValue(context, "signDocuments")) && !isOn(attributeValue(context, "signAssertions"))) return [];
    const expectation = context.preset.keycloak.signatureAlgorithm;
    const actual = attributeValue(context, "signatureAlgorithm");
    const effective = actual ?? KEYCLOAK_DEFAULT;
    if (FINE.has(effective)) return [];
    const why =
      effective === "RSA_SHA1"
        ? "RSA_SHA1 is deprecated: it still verifies in Sentry's python3-saml today, but python3-saml can be set to reject it and many SPs do."
        : effective === "DSA_SHA1"
          ? "DSA_SHA1 needs a DSA realm key, which Keycloak realms do not have by default; the response then cannot be signed as configured."
          : `${effective} is an RSA-PSS (MGF1) signature; whether python3-saml's xmlsec verifies it depends on its version.`;
    return [
      {
        finding: settingFinding("client.signature-algorithm", "signatureAlgorithm", expectation, {
          actual: actual ?? null,
          message: `Signature algorithm is ${effective}. ${why} ${expectation.explanation}`,
          fix: `Set ${where("signatureAlgorithm")} to ${String(expectation.expected)}.`,
        }),
        patch: [setSetting("signatureAlgorithm", expectation.expected)],
      },
    ];
  },
});
