import { PYTHON3_SAML, SENTRY } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "xml.doctype",
  source: `${PYTHON3_SAML}xmlparser.py fromstring(forbid_dtd=True) → DTDForbidden`,
  fix: "Not a Keycloak setting: Keycloak never sends a DOCTYPE. The message was crafted or altered by someone else.",
  check: ({ xmlError, receiver }) =>
    xmlError?.code === "xml.doctype"
      ? [
          {
            severity: "error",
            message: `${xmlError.message}${receiver === "sp" ? ` ${SENTRY.serverError}.` : ""}`,
            ...(xmlError.line === undefined ? {} : { actual: `DOCTYPE at line ${xmlError.line}, column ${xmlError.column ?? 1}` }),
          },
        ]
      : [],
});
