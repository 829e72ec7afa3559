import { HARMLESS_BASE64_QUIRKS, type Base64Quirk } from "../saml/base64.js";
import { PYTHON3_SAML, SENTRY } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

const EXPLAIN: Record<Base64Quirk, string> = {
  whitespace: "line breaks",
  "url-safe": "the URL-safe alphabet (- and _ instead of + and /)",
  "missing-padding": "no '=' padding at the end",
  "plus-as-space": "spaces where '+' belongs (the value was form-decoded without having been URL-encoded)",
  "percent-encoded": "URL encoding applied twice (%2B, %2F, %3D in the value)",
};

export const rule = defineRule({
  id: "decode.nonstandard-base64",
  source: `${PYTHON3_SAML}utils.py OneLogin_Saml2_Utils.b64decode (base64.b64decode, non-strict: unknown characters dropped)`,
  fix: "Not a Keycloak setting: Keycloak sends standard base64. Something between Keycloak and the service provider re-encoded the value (a proxy, a custom login page or a copy-paste).",
  check: ({ quirks, receiver }) => {
    const broken = quirks.filter((quirk): quirk is Base64Quirk => quirk in EXPLAIN && !HARMLESS_BASE64_QUIRKS.has(quirk as Base64Quirk));
    if (broken.length === 0) return [];
    const what = broken.map((quirk) => EXPLAIN[quirk]).join("; ");
    return [
      receiver === "sp"
        ? {
            severity: "error",
            message: `The base64 value has ${what}. It was decoded here, but python3-saml's decoder drops such characters and then fails: ${SENTRY.serverError}.`,
            actual: broken.join(", "),
            expected: "standard base64 with padding",
          }
        : {
            severity: "warning",
            message: `The base64 value has ${what}; it was decoded here, but the identity provider may refuse it.`,
            actual: broken.join(", "),
            expected: "standard base64 with padding",
          },
    ];
  },
});
