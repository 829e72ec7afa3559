import { PYTHON3_SAML, SENTRY } from "./receiver-messages.js";
import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "xml.malformed",
  source: `${PYTHON3_SAML}xml_utils.py to_etree (lxml)`,
  fix: "Not a Keycloak setting: the message was altered after Keycloak produced it, or this is not a SAML message.",
  check: ({ xmlError, decodeError, modelError, receiver }) => {
    const suffix = receiver === "sp" ? ` ${SENTRY.serverError}.` : "";
    if (decodeError?.code === "decode.not-text") return [{ severity: "error", message: `${decodeError.message}${suffix}` }];
    if (xmlError !== undefined && xmlError.code !== "xml.doctype") {
      const at = xmlError.line === undefined ? "" : ` (line ${xmlError.line}, column ${xmlError.column ?? 1})`;
      return [{ severity: "error", message: `${xmlError.message}${at}${suffix}` }];
    }
    if (modelError !== undefined) return [{ severity: "error", message: modelError }];
    return [];
  },
});
