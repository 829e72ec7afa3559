import { defineRule } from "./rule.js";

export const rule = defineRule({
  id: "decode.invalid-deflate",
  source: "SAML 2.0 Bindings §3.4.4.1 (HTTP-Redirect: DEFLATE encoding)",
  fix: "Not a Keycloak setting: the URL was cut or altered (copy the whole URL, or capture it as a HAR).",
  check: ({ decodeError }) => (decodeError?.code === "decode.invalid-deflate" ? [{ severity: "error", message: decodeError.message }] : []),
});
