import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "decode.too-large",
  source: "saml-lens size cap (src/core/saml/inflate.ts MAX_MESSAGE_BYTES)",
  fix: "Not a Keycloak setting: a real SAML message is far smaller; check that the capture holds a SAML message.",
  check: ({ decodeError }) => (decodeError?.code === "decode.too-large" ? [{ severity: "error", message: decodeError.message }] : []),
});
